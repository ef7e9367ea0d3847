import type { Board, Prisma } from '../db/generated/client.js';
import { addDays, cycleAt, cycleByIndex, localDate } from '../domain/cycle.js';
import { deriveFlags } from '../domain/problem-state.js';
import {
  PROBLEM_STATUSES,
  type Actor,
  type CountedStatus,
  type Language,
  type ProblemStatus,
} from '../domain/types.js';
import { findBoard, requireLeader } from './access.js';
import { categories as boardCategories } from './boards.js';
import type { ServiceDeps } from './deps.js';
import { ON_LIST, isCounted } from './on-list.js';
import { closedThen, extendedSince, reopenedSpans } from './problem-history.js';

/** "Due soon" looks this many days ahead of today (inclusive). */
export const DUE_SOON_DAYS = 14;
/** Items each summary list carries by default; the rest are only counted ("… and N more"). */
export const SUMMARY_LIST_LIMIT = 10;
/** Points at most on the burn-down: about a year of two-week rounds. */
export const BURNDOWN_MAX_POINTS = 26;

export const BREAKDOWNS = ['category', 'unit', 'owner'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** One problem as the summary lists show it. */
export interface SummaryItem {
  key: string;
  number: number;
  title: string;
  ownerId: string;
  unit: string | null;
  category: string | null;
  status: ProblemStatus;
  /** The effective deadline (the problem's own, else the board's). */
  deadline: string | null;
  daysOverdue: number;
  percent: number;
  lastUpdateAt: Date | null;
}

/** The first items of a list and how many there are in all. */
export interface ItemList {
  total: number;
  items: SummaryItem[];
}

/** One row of the breakdown: a category, unit or owner (null: problems without one). */
export interface BreakdownRow {
  key: string | null;
  total: number;
  closed: number;
  overdue: number;
  completion: number;
  byStatus: Record<CountedStatus, number>;
}

/** What moved since the previous cycle ended (the current cycle's start). */
export interface SummaryChange {
  /** Last day of the previous cycle. */
  since: string;
  closed: number;
  newlyOverdue: number;
  created: number;
  /** Problems whose deadline was moved later this cycle. */
  extended: number;
}

export interface BoardSummary {
  board: {
    code: string;
    name: string;
    timezone: string;
    language: Language;
    deadline: string | null;
    channelId: string | null;
  };
  asOf: Date;
  /** Today's date on the board's calendar. */
  today: string;
  cycle: { index: number; startDate: string; endDate: string };
  total: number;
  closed: number;
  /** Whole percent of problems closed. */
  completion: number;
  byStatus: Record<CountedStatus, number>;
  by: Breakdown;
  rows: BreakdownRow[];
  change: SummaryChange;
  /** Overdue problems, oldest deadline first. */
  overdue: ItemList;
  /** Problems still owing a report this cycle, longest without an update first. */
  stale: ItemList;
  /** Problems not closed whose deadline falls within the next DUE_SOON_DAYS days, soonest first. */
  dueSoon: ItemList;
}

/** Open problems (not closed) and all problems at one moment: the burn-down's points. */
export interface BurnPoint {
  /** The board-calendar date the count is for: a cycle's last day, or today for the current cycle. */
  date: string;
  open: number;
  total: number;
}

export interface Burndown {
  today: string;
  /** The list-wide deadline the open count should reach zero by, if the board has one. */
  deadline: string | null;
  points: BurnPoint[];
}

/**
 * Percent of problems closed, rounded down so a list only shows 100% once everything is closed
 * (199 of 200 is 99%, not 100%).
 */
export function completion(closed: number, total: number): number {
  return total === 0 ? 0 : Math.floor((closed * 100) / total);
}

export function emptyStatusCounts(): Record<CountedStatus, number> {
  return Object.fromEntries(PROBLEM_STATUSES.map((s) => [s, 0])) as Record<CountedStatus, number>;
}

/** The Board columns the summary reads; the Prisma row fits. */
export type SummaryBoard = Pick<
  Board,
  | 'id'
  | 'code'
  | 'name'
  | 'timezone'
  | 'language'
  | 'anchorDate'
  | 'cycleDays'
  | 'promptTime'
  | 'deadline'
  | 'categories'
  | 'channelId'
>;

type Where = Prisma.ProblemWhereInput;
type Db = ServiceDeps['db'];

const NOT_CLOSED: Where = { status: { notIn: ['closed', 'withdrawn'] } };
/** Statuses whose owners still owe a progress report (see isStale). */
const AWAITING_REPORT: Where = { status: { in: ['open', 'in_progress'] } };

/** A range of YYYY-MM-DD dates; every bound given must hold. */
interface DateRange {
  lt?: string;
  gte?: string;
  lte?: string;
}

const inRange = (d: string, r: DateRange) =>
  (r.lt === undefined || d < r.lt) && (r.gte === undefined || d >= r.gte) && (r.lte === undefined || d <= r.lte);

/** Problems whose effective deadline is in the range: their own, or the board's when they have none. */
function effectiveDeadlineIn(board: SummaryBoard, range: DateRange): Where {
  const boardApplies = board.deadline !== null && inRange(board.deadline, range);
  return { OR: [{ deadline: range }, ...(boardApplies ? [{ deadline: null }] : [])] };
}

/** The same rule as isOverdue, as a query: not closed and past the effective deadline. */
function overdueWhere(board: SummaryBoard, today: string): Where {
  return { boardId: board.id, ...NOT_CLOSED, AND: [effectiveDeadlineIn(board, { lt: today })] };
}

/** The same rule as isStale, as a query. */
function staleWhere(board: SummaryBoard, cycleStart: Date): Where {
  return { boardId: board.id, ...AWAITING_REPORT, OR: [{ lastUpdateAt: null }, { lastUpdateAt: { lt: cycleStart } }] };
}

const ITEM_SELECT = {
  key: true,
  number: true,
  title: true,
  ownerId: true,
  unit: true,
  category: true,
  status: true,
  deadline: true,
  percent: true,
  lastUpdateAt: true,
  closedAt: true,
} satisfies Prisma.ProblemSelect;

type ItemRow = Prisma.ProblemGetPayload<{ select: typeof ITEM_SELECT }>;

function toItem(p: ItemRow, board: SummaryBoard, now: Date): SummaryItem {
  const flags = deriveFlags(p, board, now);
  return {
    key: p.key,
    number: p.number,
    title: p.title,
    ownerId: p.ownerId,
    unit: p.unit,
    category: p.category,
    status: p.status,
    deadline: flags.deadline,
    daysOverdue: flags.daysOverdue,
    percent: p.percent,
    lastUpdateAt: p.lastUpdateAt,
  };
}

/**
 * The first `limit` problems of `where` by effective deadline (soonest first, then number): problems with
 * their own deadline and those using the board's are fetched apart (each at most `limit`) and merged,
 * since the database cannot sort by a deadline it does not store.
 */
async function byEffectiveDeadline(
  db: Db,
  board: SummaryBoard,
  now: Date,
  where: Where,
  limit: number,
): Promise<ItemList> {
  const [total, own, inherited] = await Promise.all([
    db.problem.count({ where }),
    db.problem.findMany({
      where: { AND: [where, { deadline: { not: null } }] },
      select: ITEM_SELECT,
      orderBy: [{ deadline: 'asc' }, { number: 'asc' }],
      take: limit,
    }),
    board.deadline === null
      ? Promise.resolve([])
      : db.problem.findMany({
          where: { AND: [where, { deadline: null }] },
          select: ITEM_SELECT,
          orderBy: { number: 'asc' },
          take: limit,
        }),
  ]);
  const items = [...own, ...inherited]
    .map((p) => toItem(p, board, now))
    .sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.number - b.number)
    .slice(0, limit);
  return { total, items };
}

/** The column each breakdown groups by. */
const BREAKDOWN_FIELD = { category: 'category', unit: 'unit', owner: 'ownerId' } as const satisfies Record<
  Breakdown,
  keyof ItemRow
>;

/** Counts per breakdown value and status, and overdue per value, from two GROUP BY queries. */
async function breakdownRows(db: Db, board: SummaryBoard, by: Breakdown, today: string): Promise<BreakdownRow[]> {
  const field = BREAKDOWN_FIELD[by];
  const [groups, overdue] = await Promise.all([
    db.problem.groupBy({ by: [field, 'status'], where: { boardId: board.id, ...ON_LIST }, _count: { _all: true } }),
    db.problem.groupBy({ by: [field], where: overdueWhere(board, today), _count: { _all: true } }),
  ]);
  const rows = new Map<string | null, BreakdownRow>();
  const row = (key: string | null) => {
    let r = rows.get(key);
    if (!r) {
      r = { key, total: 0, closed: 0, overdue: 0, completion: 0, byStatus: emptyStatusCounts() };
      rows.set(key, r);
    }
    return r;
  };
  for (const g of groups) {
    const r = row(g[field]);
    if (!isCounted(g.status)) continue;
    r.byStatus[g.status] += g._count._all;
    r.total += g._count._all;
  }
  for (const g of overdue) row(g[field]).overdue = g._count._all;
  for (const r of rows.values()) {
    r.closed = r.byStatus.closed;
    r.completion = completion(r.closed, r.total);
  }
  return sortRows([...rows.values()], by === 'category' ? boardCategories(board) : null);
}

/**
 * Categories in the order the board lists them, then others alphabetically. Units and owners: most
 * problems still open first (where a leader's attention goes), then by name. Rows without a value last.
 */
function sortRows(rows: BreakdownRow[], configured: string[] | null): BreakdownRow[] {
  const byName = (a: BreakdownRow, b: BreakdownRow) => (a.key ?? '').localeCompare(b.key ?? '');
  const last = (r: BreakdownRow) => (r.key === null ? 1 : 0);
  if (configured) {
    const rank = (r: BreakdownRow) =>
      r.key === null ? Infinity : configured.includes(r.key) ? configured.indexOf(r.key) : configured.length;
    return rows.sort((a, b) => rank(a) - rank(b) || byName(a, b));
  }
  const open = (r: BreakdownRow) => r.total - r.closed;
  return rows.sort((a, b) => last(a) - last(b) || open(b) - open(a) || b.total - a.total || byName(a, b));
}

export interface SummaryOptions {
  by?: Breakdown;
  /** Items per list (overdue, stale, due soon). */
  listLimit?: number;
}

/**
 * The summary of a board as of `now` on its calendar, from aggregates and a few short queries: it never
 * loads every problem or any update (staleness reads the denormalised Problem.lastUpdateAt). No
 * permission check: callers decide who may see it (the digest job, or boardSummary below).
 */
export async function summarizeBoard(
  db: Db,
  board: SummaryBoard,
  now: Date,
  opts: SummaryOptions = {},
): Promise<BoardSummary> {
  const by = opts.by ?? 'category';
  const limit = opts.listLimit ?? SUMMARY_LIST_LIMIT;
  const today = localDate(now, board.timezone);
  const cycle = cycleAt(board, now);
  const since = addDays(cycle.startDate, -1);
  const overdue = overdueWhere(board, today);

  const [rows, overdueList, staleList, dueSoonList, closedSince, createdSince, newlyOverdue, extended] =
    await Promise.all([
      breakdownRows(db, board, by, today),
      byEffectiveDeadline(db, board, now, overdue, limit),
      Promise.all([
        db.problem.count({ where: staleWhere(board, cycle.start) }),
        db.problem.findMany({
          where: staleWhere(board, cycle.start),
          select: ITEM_SELECT,
          orderBy: [{ lastUpdateAt: { sort: 'asc', nulls: 'first' } }, { number: 'asc' }],
          take: limit,
        }),
      ]).then(([total, rows]): ItemList => ({ total, items: rows.map((p) => toItem(p, board, now)) })),
      byEffectiveDeadline(
        db,
        board,
        now,
        {
          boardId: board.id,
          ...NOT_CLOSED,
          AND: [effectiveDeadlineIn(board, { gte: today, lte: addDays(today, DUE_SOON_DAYS) })],
        },
        limit,
      ),
      db.problem.count({ where: { boardId: board.id, status: 'closed', closedAt: { gte: cycle.start } } }),
      db.problem.count({ where: { boardId: board.id, ...ON_LIST, createdAt: { gte: cycle.start } } }),
      // Overdue now, but not when the previous cycle ended: the deadline was still ahead on its last day
      // (or the problem did not exist yet).
      db.problem.count({
        where: {
          AND: [overdue, { OR: [effectiveDeadlineIn(board, { gte: since }), { createdAt: { gte: cycle.start } }] }],
        },
      }),
      extendedSince(db, board.id, cycle.start),
    ]);

  const byStatus = emptyStatusCounts();
  for (const r of rows) for (const s of PROBLEM_STATUSES) byStatus[s] += r.byStatus[s];
  const total = rows.reduce((n, r) => n + r.total, 0);
  return {
    board: {
      code: board.code,
      name: board.name,
      timezone: board.timezone,
      language: board.language === 'zh-CN' ? 'zh-CN' : 'en',
      deadline: board.deadline,
      channelId: board.channelId,
    },
    asOf: now,
    today,
    cycle: { index: cycle.index, startDate: cycle.startDate, endDate: cycle.endDate },
    total,
    closed: byStatus.closed,
    completion: completion(byStatus.closed, total),
    byStatus,
    by,
    rows,
    change: { since, closed: closedSince, newlyOverdue, created: createdSince, extended },
    overdue: overdueList,
    stale: staleList,
    dueSoon: dueSoonList,
  };
}

/** A board's summary for its leaders and admins; anyone else is refused. */
export async function boardSummary(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  opts: SummaryOptions = {},
): Promise<BoardSummary> {
  const board = await findBoard(deps.db, actor.teamId, code);
  await requireLeader(deps, deps.db, actor, board);
  return summarizeBoard(deps.db, board, deps.clock.now(), opts);
}

/**
 * Open and all problems at the end of each cycle since the first problem was created (at most
 * BURNDOWN_MAX_POINTS, the latest), the current cycle counted as of now. Two counts per point: a
 * problem was open at a moment if it existed and was not closed yet; a reopened problem counts as closed
 * between its earlier closing and its reopening (kept in the audit trail), and open again from then on.
 */
export async function burndown(
  db: Db,
  board: SummaryBoard,
  now: Date,
  maxPoints = BURNDOWN_MAX_POINTS,
): Promise<Burndown> {
  const today = localDate(now, board.timezone);
  const first = await db.problem.aggregate({ where: { boardId: board.id }, _min: { createdAt: true } });
  const firstAt = first._min.createdAt;
  if (!firstAt) return { today, deadline: board.deadline, points: [] };
  const spans = await reopenedSpans(db, board);
  const current = cycleAt(board, now).index;
  const from = Math.max(cycleAt(board, firstAt).index, current - maxPoints + 1);
  const moments = Array.from({ length: current - from + 1 }, (_, i) => {
    const c = cycleByIndex(board, from + i);
    // The current cycle's point counts everything up to and including now.
    return c.index === current ? { date: today, at: new Date(now.getTime() + 1) } : { date: c.endDate, at: c.end };
  });
  const points = await Promise.all(
    moments.map(async ({ date, at }): Promise<BurnPoint> => {
      const [total, closed] = await Promise.all([
        db.problem.count({ where: { boardId: board.id, ...ON_LIST, createdAt: { lt: at } } }),
        db.problem.count({
          where: { boardId: board.id, status: 'closed', closedAt: { lt: at }, createdAt: { lt: at } },
        }),
      ]);
      return { date, open: total - closed - closedThen(spans, at), total };
    }),
  );
  return { today, deadline: board.deadline, points };
}
