import { cycleAt, cycleByIndex, localDate } from '../domain/cycle.js';
import { ON_LIST } from './on-list.js';
import { closedThen, reopenedSpans } from './problem-history.js';
import { onBoard, type Db, type ScopedBoard } from './summary-queries.js';
import { BURNDOWN_MAX_POINTS, type BurnPoint, type Burndown } from './summary-types.js';

/**
 * Open and all problems at the end of each cycle since the first problem was created (at most
 * BURNDOWN_MAX_POINTS, the latest), the current cycle counted as of now. Two counts per point: a
 * problem was open at a moment if it existed and was not closed yet; a reopened problem counts as closed
 * between its earlier closing and its reopening (kept in the audit trail), and open again from then on.
 */
export async function burndown(
  db: Db,
  board: ScopedBoard,
  now: Date,
  maxPoints = BURNDOWN_MAX_POINTS,
): Promise<Burndown> {
  const today = localDate(now, board.timezone);
  const first = await db.problem.aggregate({ where: onBoard(board), _min: { createdAt: true } });
  const firstAt = first._min.createdAt;
  if (!firstAt) return { today, deadline: board.deadline, points: [] };
  const spans = await scopedSpans(db, board);
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
        db.problem.count({ where: { ...onBoard(board), ...ON_LIST, createdAt: { lt: at } } }),
        db.problem.count({
          where: { ...onBoard(board), status: 'closed', closedAt: { lt: at }, createdAt: { lt: at } },
        }),
      ]);
      return { date, open: total - closed - closedThen(spans, at), total };
    }),
  );
  return { today, deadline: board.deadline, points };
}

/** The board's reopened spans; for one unit, those of its problems only (reopenings are rare: a short query). */
async function scopedSpans(db: Db, board: ScopedBoard) {
  const spans = await reopenedSpans(db, board);
  if (!board.scopeUnit || spans.length === 0) return spans;
  const keys = [...new Set(spans.map((s) => s.key))];
  const mine = await db.problem.findMany({ where: { ...onBoard(board), key: { in: keys } }, select: { key: true } });
  const kept = new Set(mine.map((p) => p.key));
  return spans.filter((s) => kept.has(s.key));
}
