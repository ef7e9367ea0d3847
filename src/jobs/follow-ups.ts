import type { Logger } from '../logging/logger.js';
import { record, sendNow } from './execute.js';
import type { BoardRef, ProblemChangeMessage } from './messages.js';
import { FOLLOW_UP_JOB, type JobDeps, type PlannedMessage } from './types.js';

/**
 * Messages people are owed after a leader's change (a reassignment, a reopening). Each is a keyed
 * Delivery row like a scheduled message: recorded first, sent at once, and — if Slack is unavailable or
 * the process stops — retried by the scheduler's next run; never sent twice.
 */
export interface FollowUps {
  /** Records the messages (resolves once they are owed), then sends them in the background. */
  deliver(messages: readonly PlannedMessage[]): Promise<void>;
  /** Resolves when no send is in flight. */
  idle(): Promise<void>;
}

export function createFollowUps(deps: JobDeps, logger: Logger): FollowUps {
  const inFlight = new Set<Promise<unknown>>();
  return {
    async deliver(messages) {
      if (!messages.length) return;
      await record(deps, messages);
      const sending: Promise<unknown> = sendNow(deps, [], [FOLLOW_UP_JOB])
        .catch((error: unknown) =>
          logger.warn(
            { err: error, keys: messages.map((m) => m.key) },
            'follow-up not sent yet; the next run retries it',
          ),
        )
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async idle() {
      await Promise.all([...inFlight]);
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
