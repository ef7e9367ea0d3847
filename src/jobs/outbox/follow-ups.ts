import type { Logger } from '../../logging/logger.js';
import { sendNow } from './send-now.js';
import type { BoardRef, ProblemChangeMessage } from './messages.js';
import { FOLLOW_UP_JOB, type JobDeps, type PlannedMessage } from '../types.js';

/**
 * Messages people are owed after someone's change (a closeout request, a decision, a reassignment). Each is
 * a keyed Delivery row like a scheduled message, recorded by the service in the change's own transaction
 * (services/deliveries.ts `Owed`), sent at once once that committed, and — if Slack is unavailable or the
 * process stops — retried by the scheduler's next run; never sent twice.
 */
export interface FollowUps {
  /**
   * Sends the follow-ups that are due, in the background: call it once a change that owes some has been
   * committed. Kicks while a send is running make it go over the ledger once more afterwards.
   */
  kick(): void;
  /** Resolves when no send is in flight. */
  idle(): Promise<void>;
}

export function createFollowUps(deps: JobDeps, logger: Logger): FollowUps {
  let sending: Promise<void> | null = null;
  let again = false;
  // One pass at a time: each pass sends every due follow-up (claims keep it to once across processes), so a
  // burst of changes costs two passes, not one scan of the ledger per change.
  const pass = async () => {
    do {
      again = false;
      await sendNow(deps, [FOLLOW_UP_JOB]).catch((error: unknown) =>
        logger.warn({ err: error }, 'follow-ups not sent yet; the next run retries them'),
      );
    } while (again);
    sending = null;
  };
  return {
    kick() {
      if (sending) again = true;
      else sending = pass();
    },
    async idle() {
      while (sending) await sending;
    },
  };
}

export interface ProblemChange {
  teamId: string;
  boardId: number;
  board: BoardRef;
  today: string;
  key: string;
  title: string;
  /** The problem's version after the change: with the key, it names this change (one message per change). */
  version: number;
  by: string;
  ownerId: string;
  deadline: string | null;
  note: string;
}

function message(
  c: ProblemChange,
  change: ProblemChangeMessage['change'],
  recipient: string,
  extra: Partial<ProblemChangeMessage> = {},
): PlannedMessage {
  return {
    key: `${FOLLOW_UP_JOB}:${change}:${c.key}:v${c.version}:${recipient}`,
    job: FOLLOW_UP_JOB,
    teamId: c.teamId,
    boardId: c.boardId,
    recipient,
    problemKeys: [c.key],
    message: {
      kind: 'problem-change',
      change,
      board: c.board,
      today: c.today,
      key: c.key,
      title: c.title,
      by: c.by,
      ownerId: c.ownerId,
      deadline: c.deadline,
      note: c.note,
      ...extra,
    },
  };
}

/** The new owner and the old one hear of a reassignment (the leader who did it, not from themselves). */
export function reassignmentMessages(c: ProblemChange, previousOwnerId: string): PlannedMessage[] {
  return [
    message(c, 'reassigned-to', c.ownerId, { previousOwnerId }),
    message(c, 'reassigned-from', previousOwnerId, { previousOwnerId }),
  ].filter((m) => m.recipient !== c.by);
}

/** The owner hears that their problem was reopened. */
export function reopenMessages(c: ProblemChange): PlannedMessage[] {
  return c.ownerId === c.by ? [] : [message(c, 'reopened', c.ownerId)];
}
