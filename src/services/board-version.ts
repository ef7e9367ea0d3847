import type { Db } from '../db/client.js';

/** What a board's charts are drawn from has not changed while this stays the same. */
interface BoardDataVersion {
  /** Opaque; equal versions mean the same problems in the same states (and the same board settings). */
  version: string;
  /** The latest change seen: a chart "as of" an earlier moment may differ from the current data. */
  changedAt: Date;
}

/**
 * The board's data version in two indexed aggregates instead of reading its problems: the latest change
 * to the board row or any of its problems (every write goes through Prisma, which stamps `updatedAt`;
 * closing, reopening, reassigning and reporting all touch the problem row) and the problem count (a
 * removed problem lowers it). Updates and measures are not in the charts, so they are not looked at.
 */
export async function boardDataVersion(db: Db, boardId: number): Promise<BoardDataVersion> {
  const [problems, board] = await Promise.all([
    db.problem.aggregate({ where: { boardId }, _max: { updatedAt: true }, _count: { _all: true } }),
    db.board.findUnique({ where: { id: boardId }, select: { updatedAt: true } }),
  ]);
  const latest = Math.max(problems._max.updatedAt?.getTime() ?? 0, board?.updatedAt.getTime() ?? 0);
  return { version: `${latest}:${problems._count._all}`, changedAt: new Date(latest) };
}
