import type { Db } from '../../db/client.js';
import { localDate } from '../../domain/cycle.js';
import { boardRef } from '../job-data.js';
import { NOTICE_JOB, type PlannedMessage } from '../types.js';

/** Slack error codes are short snake_case words; anything else (a network error) is "unavailable". */
function reasonCode(reason: string): string {
  return /^[a-z_]{1,60}$/.test(reason) ? reason : 'unavailable';
}

/**
 * Tells a board's leaders, by DM, that messages to a person or channel cannot be delivered and why —
 * once per board, recipient and reason (the dedupe key), whatever the number of messages that failed.
 * A leader is never told about their own unreachable DM.
 */
export async function noticesFor(
  db: Db,
  failed: { boardId: number | null; recipient: string; teamId: string },
  reason: string,
  now: Date,
): Promise<PlannedMessage[]> {
  if (failed.boardId === null) return [];
  const board = await db.board.findUnique({
    where: { id: failed.boardId },
    include: { leaders: { orderBy: { userId: 'asc' } } },
  });
  if (!board) return [];
  const code = reasonCode(reason);
  const today = localDate(now, board.timezone);
  return board.leaders
    .map((l) => l.userId)
    .filter((leader) => leader !== failed.recipient)
    .map((leader) => ({
      key: `${NOTICE_JOB}:${board.code}:${failed.recipient}:${code}:${leader}`,
      job: NOTICE_JOB,
      teamId: board.teamId,
      boardId: board.id,
      recipient: leader,
      problemKeys: [],
      message: { kind: 'failure-notice', board: boardRef(board), today, target: failed.recipient, reason: code },
    }));
}
