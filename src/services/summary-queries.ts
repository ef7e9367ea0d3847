import type { Prisma } from '../db/generated/client.js';
import { deriveFlags } from '../domain/problem-state.js';
import { categories as boardCategories } from './boards.js';
import type { ServiceDeps } from './deps.js';
import { ON_LIST, isCounted } from './on-list.js';
import {
  completion,
  emptyStatusCounts,
  type Breakdown,
  type BreakdownRow,
  type ItemList,
  type SummaryBoard,
  type SummaryItem,
} from './summary-types.js';

/** The queries behind a board's summary: Prisma filters that mirror the domain's rules, and grouped counts. */

type Where = Prisma.ProblemWhereInput;
export type Db = ServiceDeps['db'];

export const NOT_CLOSED: Where = { status: { notIn: ['closed', 'withdrawn'] } };
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
export function effectiveDeadlineIn(board: SummaryBoard, range: DateRange): Where {
  const boardApplies = board.deadline !== null && inRange(board.deadline, range);
  return { OR: [{ deadline: range }, ...(boardApplies ? [{ deadline: null }] : [])] };
}

/**
 * What a summary covers: a board, or one responsible unit of it (`unit:NAME`, `scopeUnit` set). Every
 * query of the summary, the chart and the document filters with `onBoard`, so their figures agree.
 */
export type ScopedBoard = SummaryBoard & { scopeUnit?: string | null };

export function onBoard(board: ScopedBoard): { boardId: number; unit?: string } {
  return board.scopeUnit ? { boardId: board.id, unit: board.scopeUnit } : { boardId: board.id };
}

/** The same rule as isOverdue, as a query: not closed and past the effective deadline. */
export function overdueWhere(board: ScopedBoard, today: string): Where {
  return { ...onBoard(board), ...NOT_CLOSED, AND: [effectiveDeadlineIn(board, { lt: today })] };
}

/** The same rule as isStale, as a query. */
export function staleWhere(board: ScopedBoard, cycleStart: Date): Where {
  return { ...onBoard(board), ...AWAITING_REPORT, OR: [{ lastUpdateAt: null }, { lastUpdateAt: { lt: cycleStart } }] };
}

export const ITEM_SELECT = {
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

export function toItem(p: ItemRow, board: SummaryBoard, now: Date): SummaryItem {
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
    ...(flags.workingDaysOverdue !== undefined && { workingDaysOverdue: flags.workingDaysOverdue }),
    percent: p.percent,
    lastUpdateAt: p.lastUpdateAt,
  };
}

/**
 * The first `limit` problems of `where` by effective deadline (soonest first, then number): problems with
 * their own deadline and those using the board's are fetched apart (each at most `limit`) and merged,
 * since the database cannot sort by a deadline it does not store.
 */
export async function byEffectiveDeadline(
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
export async function breakdownRows(db: Db, board: ScopedBoard, by: Breakdown, today: string): Promise<BreakdownRow[]> {
  const field = BREAKDOWN_FIELD[by];
  const [groups, overdue] = await Promise.all([
    db.problem.groupBy({ by: [field, 'status'], where: { ...onBoard(board), ...ON_LIST }, _count: { _all: true } }),
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
