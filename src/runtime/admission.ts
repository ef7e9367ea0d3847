/**
 * Admission control for Slack's requests (issue 20). Slack never retries a request that was acked, so a
 * request is acked only if the bot can still do it: the work taken on is bounded by count, by the age of
 * the oldest piece, and per person (one person's flood cannot fill the queue), and nothing is taken on while
 * the engine's event loop is stuck. What is turned away is turned away visibly: a slash command's ack says
 * "busy"; events and interactions are not acked (Slack retries an event later, and shows its own error for
 * an interaction). Loaded by the front: no dependencies.
 */

export interface AdmissionLimits {
  /** Requests taken on and not finished, at most. */
  maxQueue: number;
  /** No new request while the oldest one has been running this long (ms). */
  maxAgeMs: number;
  /** Requests of one person taken on and not finished, at most. */
  perUser: number;
}

/**
 * 1,000 requests: at the engine's ~100 commands a second (slack/listeners/commands/support/after-ack.ts), ten seconds of backlog (a
 * body each, ~1 KB). A minute for the oldest: a command waiting longer is answered later than "busy, try
 * again in a minute" would have had it. 100 per person, a tenth of the queue: far more than anyone clicks or
 * types in a few seconds (the bench's leader sends 80 in its bursts), and nine tenths are left for the others.
 */
export const DEFAULT_ADMISSION: AdmissionLimits = { maxQueue: 1_000, maxAgeMs: 60_000, perUser: 100 };

/** Why a request was turned away (a label of the refusal metric). */
export type Refusal = 'stalled' | 'full' | 'user';

/** Both languages in one line: the front loads no i18n module (and does not know the person's language). */
export const BUSY_TEXT = 'Closeout is busy — try again in a minute. / Closeout 正忙，请稍后再试。';

/** Thrown by processEvent for a request that must not be acked: the receiver answers 503 (Slack retries). */
export class BusyError extends Error {
  constructor(readonly reason: Refusal) {
    super(`Closeout is busy (${reason})`);
    this.name = 'BusyError';
  }
}

/** Who sent a request: a command's `user_id`, an interaction's `user.id`, an event's `event.user`. */
export function requesterOf(body: Record<string, unknown>): string | undefined {
  const pick = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const field = (value: unknown, key: string) =>
    value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return pick(body.user_id) ?? pick(field(body.user, 'id')) ?? pick(field(body.event, 'user'));
}

/** A slash command (its ack can carry a visible answer). */
export function isCommand(body: Record<string, unknown>): boolean {
  return typeof body.command === 'string';
}

interface Taken {
  at: number;
  user: string | undefined;
}

/** The requests taken on and not finished, with the bounds above. */
export class Admission {
  private readonly taken = new Map<number, Taken>();
  private readonly perUser = new Map<string, number>();
  private nextId = 1;

  constructor(
    private readonly limits: AdmissionLimits = DEFAULT_ADMISSION,
    /** True while the engine's event loop does not answer (no heartbeat): nothing new is taken on. */
    private readonly stalled: () => boolean = () => false,
    private readonly now: () => number = Date.now,
  ) {}

  get depth(): number {
    return this.taken.size;
  }

  /** How long the oldest request taken on has been running, in ms (0 when none). */
  oldestAgeMs(): number {
    for (const { at } of this.taken.values()) return Math.max(0, this.now() - at);
    return 0;
  }

  /** Why `body` cannot be taken on now, or null if it can. */
  refusal(body: Record<string, unknown>): Refusal | null {
    if (this.stalled()) return 'stalled';
    if (this.taken.size >= this.limits.maxQueue || this.oldestAgeMs() >= this.limits.maxAgeMs) return 'full';
    const user = requesterOf(body);
    if (user && (this.perUser.get(user) ?? 0) >= this.limits.perUser) return 'user';
    return null;
  }

  /** Takes a request on (after `refusal` said null); call the result once it is finished. */
  take(body: Record<string, unknown>): () => void {
    const id = this.nextId++;
    const user = requesterOf(body);
    this.taken.set(id, { at: this.now(), user });
    if (user) this.perUser.set(user, (this.perUser.get(user) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.taken.delete(id);
      if (!user) return;
      const left = (this.perUser.get(user) ?? 1) - 1;
      if (left > 0) this.perUser.set(user, left);
      else this.perUser.delete(user);
    };
  }
}
