import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logging/logger.js';
import type { DeliveryPlan } from '../services/deliveries.js';
import type { JobBoard } from './job-data.js';
import type { OutboundMessage } from './outbox/messages.js';

/** The jobs an operator can run by name (`closeout run-job <name>`); `all` runs every one. */
export const JOB_NAMES = [
  'cycle-prompts',
  'update-nudges',
  'cycle-digest',
  'deadline-reminders',
  'overdue-escalation',
  'effectiveness-checks',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

/** Deliveries telling leaders about undeliverable messages; sent by whichever run caused them. */
export const NOTICE_JOB = 'failure-notice';
/** Messages people are owed after something they did in Slack (e.g. a reassignment): sent at once, retried by every run. */
export const FOLLOW_UP_JOB = 'follow-up';

/** Where a message landed: the conversation (a DM channel for users) and the message ts. */
export interface Sent {
  channelId: string;
  ts: string;
}

/**
 * Why a send failed. `permanent`: retrying cannot help (user gone, bot not in the channel); `retryable`:
 * Slack was unavailable beyond the client's bounded retries; `fatal`: nothing can be sent (bad token).
 */
type SendFailure = 'permanent' | 'retryable' | 'fatal';

export class SendError extends Error {
  constructor(
    readonly kind: SendFailure,
    readonly reason: string,
  ) {
    super(`${kind}: ${reason}`);
    this.name = 'SendError';
  }
}

export interface Outgoing {
  key: string;
  recipient: string;
  message: OutboundMessage;
  /** When the delivery was planned: nothing for it can have been posted earlier. */
  since: Date;
}

/** The one thing the scheduler needs from Slack (src/jobs/outbox/send.ts implements it). */
export interface Sender<Rendered = unknown> {
  /**
   * Renders the message ahead of its claim (it may ask Slack, e.g. for the reader's language), so the claim
   * is held only while posting. Optional: `send` renders what it was not given.
   */
  render?(out: Outgoing): Promise<Rendered>;
  /** Posts the message (as rendered by `render`, when given); throws SendError. */
  send(out: Outgoing, rendered?: Rendered): Promise<Sent>;
  /** The message already posted for this delivery (a crash or an ambiguous failure hid the answer), or null. */
  findSent(out: Outgoing): Promise<Sent | null>;
  /** Follow-up to a message once it is recorded as sent (e.g. the digest's chart); must not throw. */
  afterSent?(delivery: SentDelivery, landed: Sent, at: Date): Promise<void>;
  /** Whether Slack says the channel is private (false when it cannot say); see routeOf in job-data.ts. */
  channelIsPrivate?(channel: string): Promise<boolean>;
}

/** A delivery that has just been marked sent. */
export interface SentDelivery {
  dedupeKey: string;
  job: string;
  teamId: string;
  boardId: number | null;
  recipient: string;
}

export interface Tuning {
  /** Recipients served at once (each DM is its own channel; keep modest for Slack's rate tiers). */
  concurrency: number;
  /**
   * The claim's lease: a claim not renewed for this long belongs to a process that died, and is taken over
   * (after checking Slack for the message). Its live holder renews it every third of this while posting.
   */
  staleAfterMs: number;
  /** Retryable failures before a delivery is failed for good. */
  maxAttempts: number;
  /** Pause between two messages to the same conversation (chat.postMessage allows about one per second). */
  channelIntervalMs: number;
  /** Due deliveries read and sent at a time: memory stays bounded however many owners a round has. */
  sendPage: number;
}

export const DEFAULT_TUNING: Tuning = {
  concurrency: 6,
  // Short, so a closeout request's copies held by a process that crashed reach the leaders within about half
  // a minute (the follow-ups take it over when it lapses); a live holder renews it every 10 s however slow Slack is.
  staleAfterMs: 30_000,
  maxAttempts: 5,
  channelIntervalMs: 1_000,
  sendPage: 500,
};

export interface JobDeps {
  db: Db;
  /** Wall-clock time for claims; what is due comes from the `at` each run is given. */
  clock: Clock;
  logger: Logger;
  /** Null when only dry runs are possible (no Slack token). */
  sender: Sender | null;
  /** Names this process in claims. */
  instanceId: string;
  /** Only this workspace's boards (the bot's); all boards when absent. */
  teamId?: string;
  tuning?: Partial<Tuning>;
  /** Aborting stops a run between messages (graceful shutdown). */
  signal?: AbortSignal;
}

/** A message a job wants sent, before it is recorded as a delivery. */
export interface PlannedMessage {
  key: string;
  job: JobName | typeof NOTICE_JOB | typeof FOLLOW_UP_JOB;
  teamId: string;
  boardId: number;
  recipient: string;
  problemKeys: string[];
  message: OutboundMessage;
}

/** The ledger's row for a planned message: what services record (e.g. with the change that owes it). */
export function deliveryRow(m: PlannedMessage): DeliveryPlan {
  return {
    teamId: m.teamId,
    dedupeKey: m.key,
    job: m.job,
    boardId: m.boardId,
    recipient: m.recipient,
    payload: JSON.stringify(m.message),
    problemKeys: m.problemKeys,
  };
}

export interface PlanContext {
  db: Db;
  /** The instant the job runs as of. */
  at: Date;
  boards: JobBoard[];
  /** Owners a job reads, and plans messages for, at a time: a batch fills about a page of the fan-out (Tuning.sendPage). */
  pageSize: number;
}

export interface Job {
  name: JobName;
  /**
   * Every message due as of `ctx.at`, in batches: each batch is recorded and sent before the next is asked
   * for, so a job over thousands of owners yields a page of them at a time and never holds them all. Those
   * already recorded may be left out (the ledger ignores them anyway).
   */
  plan(ctx: PlanContext): AsyncIterable<PlannedMessage[]>;
}

export interface RunOptions {
  dryRun?: boolean;
}

export interface RunReport {
  at: Date;
  jobs: JobName[];
  dryRun: boolean;
  /** Keys of the newly recorded deliveries (in a dry run: of those that would be). */
  planned: string[];
  /** Dry run only: the messages that would be recorded (a real run keeps only their keys). */
  preview?: PlannedMessage[];
  /** Recorded earlier and still waiting (a dry run would send them too). */
  waiting: number;
  sent: string[];
  failed: { key: string; reason: string }[];
  /** Failed this time, left pending for the next run. */
  retrying: { key: string; reason: string }[];
  /** Boards a job could not be planned for (the rest went ahead). */
  errors: { job: JobName; board: string; error: string }[];
  /** Why the run stopped early, if it did. */
  aborted?: string;
}
