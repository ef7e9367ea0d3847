import type { RecurrenceMessage } from './messages.js';
import type { Where } from './notify-messages.js';
import { FOLLOW_UP_JOB, type PlannedMessage } from '../types.js';

/** Each leader hears once that a check found a closed problem came back (not the one who reported it). */
export function recurrenceMessages(
  where: Where,
  leaders: readonly string[],
  recurrence: Omit<RecurrenceMessage, 'kind' | 'board' | 'today'>,
): PlannedMessage[] {
  return leaders
    .filter((leader) => leader !== recurrence.reportedBy)
    .map((leader) => ({
      key: `${FOLLOW_UP_JOB}:recurrence:${recurrence.checkId}:${leader}`,
      job: FOLLOW_UP_JOB,
      teamId: where.teamId,
      boardId: where.boardId,
      recipient: leader,
      problemKeys: [],
      message: { kind: 'recurrence', board: where.board, today: where.today, ...recurrence },
    }));
}
