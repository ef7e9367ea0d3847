import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { countDelivery } from './stats.js';
import { claim, dueDeliveries, holdClaim, markFailed, markSent, type DueDelivery } from '../../services/deliveries.js';
import { parseMessage } from './messages.js';
import { noticesFor } from './notices.js';
import {
  NOTICE_JOB,
  SendError,
  type JobDeps,
  type Outgoing,
  type PlannedMessage,
  type RunReport,
  type Sender,
  type Tuning,
} from '../types.js';

/** The message of a due delivery, rendered; or why it cannot be (then the claimed attempt fails with it). */
async function prepare(
  sender: Sender,
  due: DueDelivery,
): Promise<{ out: Outgoing; rendered: unknown } | { error: unknown }> {
  try {
    const out = {
      key: due.dedupeKey,
      recipient: due.recipient,
      message: parseMessage(due.payload),
      since: due.createdAt,
    };
    return { out, rendered: await sender.render?.(out) };
  } catch (error) {
    return { error };
  }
}

/** Sends what is due with bounded concurrency: one lane per conversation, so a channel gets one message at a time. */
export class Fanout {
  readonly notices: PlannedMessage[] = [];
  private stopped = false;
  /** Where the pass reading due deliveries has got to (id cursor): rows recorded later have higher ids. */
  private afterId = 0;

  constructor(
    private readonly deps: JobDeps,
    private readonly tuning: Tuning,
    private readonly report: RunReport,
  ) {}

  /**
   * Page by page (id cursor; a page's lanes finish before the next is read), so a round to thousands of
   * owners never holds all their messages at once. A pass goes on where its last call stopped: a run
   * records a page of messages, sends it, records the next. `full`: send only whole pages (the rest waits
   * for the next call, or the last), so each page keeps the fan-out busy as a page of `sendPage` rows did.
   */
  async sendDue(jobs: readonly string[], opts: { full?: boolean } = {}): Promise<void> {
    while (!this.halted()) {
      const due = await dueDeliveries(this.deps.db, {
        jobs,
        teamId: this.deps.teamId,
        now: this.deps.clock.now(),
        staleAfterMs: this.tuning.staleAfterMs,
        afterId: this.afterId,
        take: this.tuning.sendPage,
      });
      if (!due.length || (opts.full && due.length < this.tuning.sendPage)) return;
      this.afterId = due.at(-1)!.id;
      await this.sendPage(due);
    }
  }

  /** Starts a new pass: the next `sendDue` reads from the first due delivery again. */
  restart(): void {
    this.afterId = 0;
  }

  private async sendPage(due: DueDelivery[]): Promise<void> {
    const lanes = new Map<string, DueDelivery[]>();
    for (const row of due) {
      const lane = lanes.get(row.recipient);
      if (lane) lane.push(row);
      else lanes.set(row.recipient, [row]);
    }
    const limit = pLimit(this.tuning.concurrency);
    const deliver = async (row: DueDelivery) => {
      if (this.halted()) return;
      try {
        await this.deliver(row);
      } catch (error) {
        // The database failed us (e.g. locked too long): the row stays as it is, a later run takes it up.
        const reason = error instanceof Error ? error.message : String(error);
        this.report.retrying.push({ key: row.dedupeKey, reason });
        this.deps.logger.error(
          { err: error, key: row.dedupeKey },
          'could not record a delivery; a later run retries it',
        );
      }
    };
    // A conversation's pause between its messages is waited out of the limiter: the slot serves other
    // conversations meanwhile (held while sleeping, six owners with two messages each took a second).
    await Promise.all(
      [...lanes.values()].map(async (rows) => {
        for (const [i, row] of rows.entries()) {
          if (this.halted()) return;
          if (i > 0 && this.tuning.channelIntervalMs > 0) await sleep(this.tuning.channelIntervalMs);
          await limit(() => deliver(row));
        }
      }),
    );
  }

  /** Stopped (aborted, or Slack refuses everything): nothing more is sent this run. */
  halted(): boolean {
    if (this.deps.signal?.aborted && !this.report.aborted) this.report.aborted = 'stopped';
    return this.stopped || Boolean(this.deps.signal?.aborted);
  }

  private async deliver(row: DueDelivery): Promise<void> {
    const { db, clock, instanceId, logger } = this.deps;
    const sender = this.deps.sender!;
    const { staleAfterMs } = this.tuning;
    // Rendered before the claim (it may page through users.list), so the claim is held only while posting.
    const prepared = await prepare(sender, row);
    const claimed = await claim(db, row.dedupeKey, instanceId, clock.now(), staleAfterMs);
    if (!claimed) return; // another process has it, or sent it already
    const key = claimed.dedupeKey;
    // A lease: renewed while posting (Slack may make us wait), so no other process takes it over meanwhile.
    const lease = holdClaim(db, key, instanceId, {
      now: () => clock.now(),
      staleAfterMs,
      onLost: () => logger.warn({ key }, 'delivery claim lost while sending (another process took it over)'),
      onError: (err) => logger.warn({ err, key }, 'could not renew a delivery claim; trying again'),
    });
    try {
      if ('error' in prepared) throw prepared.error;
      const { out, rendered } = prepared;
      // A second attempt may follow a crash or a timeout after Slack had posted: look before posting again.
      const landed = (claimed.attempts > 1 ? await sender.findSent(out) : null) ?? (await sender.send(out, rendered));
      await lease.stop();
      await markSent(db, key, landed, clock.now());
      countDelivery('sent', claimed.job);
      this.report.sent.push(key);
      await sender.afterSent?.(claimed, landed, this.report.at);
    } catch (error) {
      await lease.stop();
      countDelivery('failed', claimed.job);
      const failure =
        error instanceof SendError
          ? error
          : new SendError('retryable', error instanceof Error ? error.message : String(error));
      if (failure.kind === 'fatal') {
        // Nothing can be sent (e.g. a revoked token): release the claim and stop; the rows wait for a fix.
        await markFailed(db, key, instanceId, 'retryable', failure.reason);
        this.stopped = true;
        this.report.aborted = failure.reason;
        this.report.retrying.push({ key, reason: failure.reason });
        logger.error({ key, reason: failure.reason }, 'Slack refuses every message; scheduled sending stopped');
        return;
      }
      const permanent = failure.kind === 'permanent' || claimed.attempts >= this.tuning.maxAttempts;
      await markFailed(db, key, instanceId, permanent ? 'permanent' : 'retryable', failure.reason);
      (permanent ? this.report.failed : this.report.retrying).push({ key, reason: failure.reason });
      logger.warn(
        { key, recipient: claimed.recipient, reason: failure.reason, attempts: claimed.attempts, permanent },
        'scheduled message not delivered',
      );
      if (permanent && claimed.job !== NOTICE_JOB && claimed.boardId !== null) {
        this.notices.push(...(await noticesFor(db, claimed, failure.reason, clock.now())));
      }
    }
  }
}
