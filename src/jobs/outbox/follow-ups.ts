import type { Logger } from '../../logging/logger.js';
import { nextClaimLapse } from '../../services/deliveries.js';
import { sendNow } from './send-now.js';
import type { BoardRef, ProblemChangeMessage } from './messages.js';
import { DEFAULT_TUNING, FOLLOW_UP_JOB, type JobDeps, type PlannedMessage } from '../types.js';

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
  let takeover: NodeJS.Timeout | undefined;
  const { staleAfterMs } = { ...DEFAULT_TUNING, ...deps.tuning };
  /**
   * Follow-ups claimed by another process (or an earlier life of this one) are left to it; should it have
   * died, its claim lapses within the lease, and one more pass then takes them over — a closeout request
   * acknowledged just before a crash reaches its leaders a lease late, not at some later scheduler run.
   */
  const watchClaims = async () => {
    const lapse = await nextClaimLapse(deps.db, [FOLLOW_UP_JOB], staleAfterMs);
    clearTimeout(takeover);
    if (!lapse) return;
    // Never sooner than a third of the lease: a claim that cannot be taken over now is not polled in a loop.
    const waitMs = Math.max(lapse.getTime() - deps.clock.now().getTime() + 50, staleAfterMs / 3);
    takeover = setTimeout(kick, waitMs);
    takeover.unref();
  };
  // One pass at a time: each pass sends every due follow-up (claims keep it to once across processes), so a
  // burst of changes costs two passes, not one scan of the ledger per change.
  const pass = async () => {
    do {
      again = false;
      await sendNow(deps, [FOLLOW_UP_JOB]).catch((error: unknown) =>
        logger.warn({ err: error }, 'follow-ups not sent yet; the next run retries them'),
      );
      if (!again)
        await watchClaims().catch((e: unknown) => logger.warn({ err: e }, 'could not look for lapsing claims'));
    } while (again);
    sending = null;
  };
  function kick(): void {
    if (sending) again = true;
    else sending = pass();
  }
  return {
    kick,
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
