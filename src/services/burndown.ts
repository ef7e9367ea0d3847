import { cycleAt, cycleByIndex, localDate } from '../domain/cycle.js';
import { ON_LIST } from './on-list.js';
import { closedThen, reopenedSpans } from './problem-history.js';
import type { Db } from './summary-queries.js';
import { BURNDOWN_MAX_POINTS, type BurnPoint, type Burndown, type SummaryBoard } from './summary-types.js';

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
