import { addDays, cycleAt, localDate } from '../domain/cycle.js';
import { PROBLEM_STATUSES, type Actor } from '../domain/types.js';
import { boardLanguage } from '../i18n/index.js';
import { findBoard, requireLeader } from './access.js';
import { loadBoardCalendar } from './calendar.js';
import type { ServiceDeps } from './deps.js';
import { ON_LIST } from './on-list.js';
import { extendedSince } from './problem-history.js';
import { outcomeCounts } from './outcome-counts.js';
import { extensionsGrantedSince } from './extensions.js';
import {
  ITEM_SELECT,
  NOT_CLOSED,
  breakdownRows,
  byEffectiveDeadline,
  effectiveDeadlineIn,
  overdueWhere,
  staleWhere,
  toItem,
  onBoard,
  type Db,
} from './summary-queries.js';
import {
  DUE_SOON_DAYS,
  SUMMARY_LIST_LIMIT,
  completion,
  emptyStatusCounts,
  type Breakdown,
  type BoardSummary,
  type ItemList,
  type SummaryBoard,
} from './summary-types.js';

export interface SummaryOptions {
  by?: Breakdown;
  /** Items per list (overdue, stale, due soon). */
  listLimit?: number;
  /** Only this responsible unit's problems (its exact name: see services/unit-match.ts). */
  unit?: string | null;
}

/**
 * The summary of a board as of `now` on its calendar, from aggregates and a few short queries: it never
 * loads every problem or any update (staleness reads the denormalised Problem.lastUpdateAt). No
 * permission check: callers decide who may see it (the digest job; summary-cache.ts, through ledBoard below).
 */
export async function summarizeBoard(
  db: Db,
  whole: SummaryBoard,
  now: Date,
  opts: SummaryOptions = {},
): Promise<BoardSummary> {
  const scoped = opts.unit ? { ...whole, scopeUnit: opts.unit } : whole;
  // Working days overdue beside calendar days (issue 22).
  const board = scoped.workCalendar ? scoped : { ...scoped, workCalendar: await loadBoardCalendar(db, scoped) };
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
          ...onBoard(board),
          ...NOT_CLOSED,
          AND: [effectiveDeadlineIn(board, { gte: today, lte: addDays(today, DUE_SOON_DAYS) })],
        },
        limit,
      ),
      db.problem.count({ where: { ...onBoard(board), status: 'closed', closedAt: { gte: cycle.start } } }),
      db.problem.count({ where: { ...onBoard(board), ...ON_LIST, createdAt: { gte: cycle.start } } }),
      // Overdue now, but not when the previous cycle ended: the deadline was still ahead on its last day
      // (or the problem did not exist yet).
      db.problem.count({
        where: {
          AND: [overdue, { OR: [effectiveDeadlineIn(board, { gte: since }), { createdAt: { gte: cycle.start } }] }],
        },
      }),
      extendedSince(db, onBoard(board), cycle.start),
    ]);
  const [outcomes, extensionsGranted] = await Promise.all([
    outcomeCounts(db, onBoard(board)),
    extensionsGrantedSince(db, board.id, cycle.start),
  ]);

  const byStatus = emptyStatusCounts();
  for (const r of rows) for (const s of PROBLEM_STATUSES) byStatus[s] += r.byStatus[s];
  const total = rows.reduce((n, r) => n + r.total, 0);
  return {
    board: {
      code: board.code,
      name: board.name,
      timezone: board.timezone,
      language: boardLanguage(board.language),
      deadline: board.deadline,
      channelId: board.channelId,
    },
    unit: opts.unit ?? null,
    asOf: now,
    today,
    cycle: { index: cycle.index, startDate: cycle.startDate, endDate: cycle.endDate },
    total,
    closed: byStatus.closed,
    completion: completion(byStatus.closed, total),
    byStatus,
    outcomes,
    extensionsGranted,
    by,
    rows,
    change: { since, closed: closedSince, newlyOverdue, created: createdSince, extended },
    overdue: overdueList,
    stale: staleList,
    dueSoon: dueSoonList,
  };
}

/** The board by code, for its leaders and admins (a summary's reader); anyone else is refused. */
export async function ledBoard(deps: ServiceDeps, actor: Actor, code: string) {
  const board = await findBoard(deps.db, actor.teamId, code);
  await requireLeader(deps, deps.db, actor, board);
  return board;
}
