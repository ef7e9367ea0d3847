import { ConfigError } from '../config/config-error.js';
import type { Env } from '../config/env.js';
import type { DoorSettings } from './door.js';
import { NO_ENGINE_STATS, type EngineStats } from './metrics.js';

/**
 * `npm start` runs the bot on two threads. The front (the main thread) takes Slack's requests, checks their
 * signatures and acks them; the engine (a worker thread, at a lower CPU priority) runs the listeners, the
 * scheduler and everything that touches the database. A burst of commands then keeps the engine busy while
 * every ack still goes out at once (issue 12: on one thread, acks waited behind other commands' queries,
 * Block Kit and Web API calls). These are the messages between the two, and the front's end of the link.
 */

/** The settings the front works with (the engine validated them: the front loads no schema library). */
export type FrontSettings = DoorSettings & Pick<Env, 'PORT' | 'LOG_LEVEL'> & Partial<Pick<Env, 'SHUTDOWN_TIMEOUT_MS'>>;

/** How often the engine sends its heartbeat (engine.ts). */
export const HEARTBEAT_MS = 500;
/** No heartbeat for this long: the engine's event loop is stuck, and the front takes nothing new on. */
const STALLED_AFTER_MS = 2_000;

/** What the engine tells the front once it is ready. */
interface EngineReady {
  /** The workspace the bot token belongs to. */
  teamId: string;
  settings: FrontSettings;
}

/** A Slack request for the engine's listeners. `answer`: the front waits for the listener's ack and sends it. */
export interface EngineRequest {
  type: 'request';
  id: number;
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
  answer: boolean;
}

export type ToEngine = EngineRequest | { type: 'health'; id: number } | { type: 'stop'; drainMs: number };

export type FromEngine =
  | { type: 'ready'; ready: EngineReady }
  /** Start failed; `problems` are configuration problems (ConfigError), printed as they are. */
  | { type: 'failed'; message: string; problems?: string[] }
  /** A listener's ack (`failed`: it threw before acking). */
  | { type: 'ack'; id: number; response?: unknown; failed?: boolean }
  /** A request's listeners have finished. */
  | { type: 'done'; id: number }
  | { type: 'health'; id: number; database: boolean }
  /** The engine's event loop runs (every HEARTBEAT_MS), with what only the engine counts (GET /metrics). */
  | { type: 'beat'; stats: EngineStats }
  | { type: 'stopped'; drained: boolean };

/** A worker thread or a MessagePort (tests). */
export interface Port {
  postMessage(message: unknown): void;
  // Worker's and MessagePort's own signature: what arrives is whatever the other end posted.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: 'message', listener: (message: any) => void): unknown;
}

interface Waiting<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function waiting<T>(): Waiting<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Rejections nobody asked for (an answer no one awaits) are not unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** What a request is, for a log line: `/closeout`, `block_actions`, `event:message`. */
function kindOf(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return body.command;
  const event = body.event as { type?: unknown } | undefined;
  if (body.type === 'event_callback' && typeof event?.type === 'string') return `event:${event.type}`;
  return typeof body.type === 'string' ? body.type : 'unknown';
}

export interface Forwarded {
  /** The listener's ack response (only for `answer` requests); rejects if it failed without acking. */
  answer: Promise<unknown>;
  /** Resolves once the engine finished the request (or is gone). */
  done: Promise<void>;
}

/** The front's end: hands requests over and matches the engine's replies to them. */
export class EngineLink {
  private nextId = 1;
  private readonly requests = new Map<number, { answer: Waiting<unknown>; done: Waiting<void>; kind: string }>();
  /** The one health check on its way to the engine: concurrent /healthz requests share it. */
  private check: { id: number; answer: Waiting<boolean> } | null = null;
  private lastBeat = 0;
  private lastStats: EngineStats = NO_ENGINE_STATS;
  private readonly started = waiting<EngineReady>();
  private stopped: Waiting<boolean> | null = null;
  private gone: Error | null = null;
  private emptied: Waiting<void> | null = null;

  constructor(
    private readonly port: Port,
    private readonly now: () => number = Date.now,
    private readonly stalledAfterMs = STALLED_AFTER_MS,
  ) {
    port.on('message', (message: FromEngine) => this.receive(message));
  }

  /** Resolves once the engine is ready; rejects with what stopped it (a ConfigError for bad settings). */
  get ready(): Promise<EngineReady> {
    return this.started.promise;
  }

  forward(request: Omit<EngineRequest, 'type' | 'id'>): Forwarded {
    const entry = { answer: waiting<unknown>(), done: waiting<void>(), kind: kindOf(request.body) };
    if (this.gone) {
      entry.answer.reject(this.gone);
      entry.done.resolve();
    } else {
      const id = this.nextId++;
      // Posted before it is counted: a body that cannot be copied to the engine throws here (structured clone
      // of a deeply nested body) and leaves nothing waiting that would never finish.
      this.port.postMessage({ type: 'request', id, ...request } satisfies ToEngine);
      this.requests.set(id, entry);
    }
    return { answer: entry.answer.promise, done: entry.done.promise };
  }

  /** Requests handed over that the engine has not finished. */
  get pending(): number {
    return this.requests.size;
  }

  /** The requests the engine has not finished, counted by kind (a command, an interaction's or event's type). */
  unfinished(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { kind } of this.requests.values()) counts[kind] = (counts[kind] ?? 0) + 1;
    return counts;
  }

  /** Resolves once the engine has finished every request handed to it. */
  idle(): Promise<void> {
    if (this.requests.size === 0) return Promise.resolve();
    this.emptied ??= waiting<void>();
    return this.emptied.promise;
  }

  /**
   * True when the engine's event loop has not beaten for STALLED_AFTER_MS (a listener stuck in synchronous
   * work), or the engine is gone. Not before its first heartbeat: starting is what `ready` waits for.
   */
  stalled(): boolean {
    if (this.gone) return true;
    return this.lastBeat > 0 && this.now() - this.lastBeat > this.stalledAfterMs;
  }

  /**
   * What the engine reported with its last heartbeat; its lag is at least how long the heartbeat is overdue
   * (a stuck engine reports nothing, and its lag keeps growing).
   */
  get stats(): EngineStats {
    const overdue = this.lastBeat > 0 ? this.now() - this.lastBeat - HEARTBEAT_MS : 0;
    return { ...this.lastStats, lagMs: Math.max(this.lastStats.lagMs, overdue) };
  }

  /**
   * Whether the engine's database answers (false if the engine is gone or stalled). One check at a time:
   * concurrent callers share the one on its way.
   */
  health(): Promise<boolean> {
    if (this.gone || this.stalled()) return Promise.resolve(false);
    if (this.check) return this.check.answer.promise;
    const check = { id: this.nextId++, answer: waiting<boolean>() };
    this.check = check;
    this.port.postMessage({ type: 'health', id: check.id } satisfies ToEngine);
    return check.answer.promise;
  }

  /**
   * Asks the engine to stop (its listeners, follow-ups, scheduler, database) within `drainMs`; resolves false
   * if it had not said it stopped by then (a stalled engine never does) or could not finish its work.
   */
  stop(drainMs: number): Promise<boolean> {
    if (this.gone) return Promise.resolve(false);
    this.stopped ??= waiting<boolean>();
    this.port.postMessage({ type: 'stop', drainMs } satisfies ToEngine);
    return Promise.race([
      this.stopped.promise,
      new Promise<false>((resolve) => setTimeout(() => resolve(false), drainMs).unref()),
    ]);
  }

  /** The engine thread ended: whatever waits on it fails now rather than never. */
  lost(error: Error): void {
    this.gone ??= error;
    this.started.reject(error);
    for (const { answer, done } of this.requests.values()) {
      answer.reject(error);
      done.resolve();
    }
    this.requests.clear();
    this.settle();
    this.check?.answer.resolve(false);
    this.check = null;
    this.stopped?.resolve(false);
  }

  private settle(): void {
    if (this.requests.size > 0 || !this.emptied) return;
    this.emptied.resolve();
    this.emptied = null;
  }

  private receive(message: FromEngine): void {
    switch (message.type) {
      case 'ready':
        this.started.resolve(message.ready);
        return;
      case 'failed':
        this.started.reject(message.problems ? new ConfigError(message.problems) : new Error(message.message));
        return;
      case 'ack': {
        const answer = this.requests.get(message.id)?.answer;
        if (message.failed) answer?.reject(new Error('the listener failed before acknowledging'));
        else answer?.resolve(message.response);
        return;
      }
      case 'done': {
        const entry = this.requests.get(message.id);
        this.requests.delete(message.id);
        entry?.answer.reject(new Error('the listener finished without acknowledging'));
        entry?.done.resolve();
        this.settle();
        return;
      }
      case 'health':
        if (this.check?.id !== message.id) return;
        this.check.answer.resolve(message.database);
        this.check = null;
        return;
      case 'beat':
        this.lastBeat = this.now();
        this.lastStats = message.stats;
        return;
      case 'stopped':
        this.stopped?.resolve(message.drained);
        return;
    }
  }
}
