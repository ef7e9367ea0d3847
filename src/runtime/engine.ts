import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import pLimit from 'p-limit';
import type { Env } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import type { ServiceDeps } from '../services/deps.js';
import { pingDatabase } from './health.js';
import { deliveryStats, owedDeliveries } from '../jobs/outbox/stats.js';
import { HEARTBEAT_MS, type EngineRequest, type FromEngine, type Port, type ToEngine } from './engine-link.js';
import { within } from './door.js';
import { createListenerApp, settleListeners, type ListenerApp } from './listener-app.js';

/**
 * How many requests the front has acked already run through Bolt at once; the rest wait as they came (a
 * request body, ~1 KB). A burst of commands arrives faster than Slack answers their Web API calls: run all at
 * once, each held Bolt's per-request state and its listener's half-built answer until its turn came (the
 * engine's heap doubled under the bench's 200 commands a second). Requests whose ack is the answer (modals)
 * skip the queue: Slack waits for them.
 */
export const ENGINE_CONCURRENCY = 8;

/**
 * The engine's receiver: requests come from the front over a port (already verified and, unless the front
 * waits for the answer, already acked). Each runs through Bolt as if Slack had sent it here: same
 * middleware, same listeners, same `respond`/`client`.
 */
class PortReceiver implements Receiver {
  private app: App | null = null;
  private readonly acked = pLimit(ENGINE_CONCURRENCY);

  constructor(
    private readonly port: Port,
    private readonly logger: Logger,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  // Nothing to open or close: the engine thread's message port is the transport.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  handle(request: EngineRequest): Promise<void> {
    return request.answer ? this.process(request) : this.acked(() => this.process(request));
  }

  private async process(request: EngineRequest): Promise<void> {
    const post = (message: FromEngine) => this.port.postMessage(message);
    let acked = !request.answer; // the front acked it already
    const event: ReceiverEvent = {
      body: request.body,
      retryNum: request.retryNum,
      retryReason: request.retryReason,
      ack: async (response) => {
        if (acked) return;
        acked = true;
        post({ type: 'ack', id: request.id, response });
      },
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      // Bolt has logged it (its error handler); a listener that threw before its ack gets a failed answer.
      this.logger.debug({ err: error }, 'request failed in the engine');
    } finally {
      if (!acked) post({ type: 'ack', id: request.id, failed: true });
      post({ type: 'done', id: request.id });
    }
  }
}

export interface SlackEngine {
  listeners: ListenerApp;
  /** The workspace the bot token belongs to. */
  teamId: string;
}

/**
 * The listeners' Bolt App on the engine thread, serving the front through `port`: its requests, its health
 * checks (the database's answer) and its stop, which waits for acknowledged work and follow-ups (each at most
 * the front's `drainMs`), then runs `onStop` (the scheduler, the database) and reports back.
 */
export async function startSlackEngine(opts: {
  env: Env & { SLACK_BOT_TOKEN: string };
  deps: ServiceDeps;
  logger: Logger;
  port: Port;
  /** Runs last in a stop, within what is left of its time (the scheduler, the database). */
  onStop?: () => Promise<void>;
  heartbeatMs?: number;
}): Promise<SlackEngine> {
  const { port, logger } = opts;
  const post = (message: FromEngine) => port.postMessage(message);
  const receiver = new PortReceiver(port, logger);
  const listeners = createListenerApp({ env: opts.env, deps: opts.deps, logger, receiver });
  const auth = await listeners.app.client.auth.test();
  const heart = heartbeat(opts.deps.db, post, opts.heartbeatMs ?? HEARTBEAT_MS);
  // One deadline for the whole stop: the listeners, the follow-ups, then onStop with what is left.
  const stop = async (drainMs: number) => {
    const deadline = Date.now() + drainMs;
    const drained = await settleListeners(listeners, logger, drainMs);
    heart.stop();
    const closed = await within(opts.onStop?.() ?? Promise.resolve(), Math.max(0, deadline - Date.now()));
    if (!closed) logger.warn('the scheduler or the database did not close in time');
    return drained && closed;
  };
  port.on('message', (message: ToEngine) => {
    switch (message.type) {
      case 'request':
        void receiver.handle(message);
        return;
      case 'health':
        void pingDatabase(opts.deps.db).then((database) => post({ type: 'health', id: message.id, database }));
        return;
      case 'stop':
        void stop(message.drainMs).then(
          (drained) => post({ type: 'stopped', drained }),
          (error: unknown) => {
            logger.error({ err: error }, 'the engine did not stop cleanly');
            post({ type: 'stopped', drained: false });
          },
        );
        return;
    }
  });
  return { listeners, teamId: auth.team_id ?? '' };
}

/** Deliveries owed are counted this often (a query; the rest of the stats are counters). */
const OWED_EVERY_MS = 15_000;

/**
 * The engine's heartbeat to the front: every `everyMs` while its event loop runs, with how late the timer
 * fired (the loop's lag) and the counts GET /metrics shows. A stuck loop sends none: the front stops taking
 * requests on (engine-link.ts).
 */
function heartbeat(db: ServiceDeps['db'], post: (message: FromEngine) => void, everyMs: number) {
  let owed: Record<string, number> = {};
  let counting = false;
  let lastCount = 0;
  let expected = Date.now() + everyMs;
  const beat = () => {
    const now = Date.now();
    const lagMs = Math.max(0, now - expected);
    expected = now + everyMs;
    if (now - lastCount >= OWED_EVERY_MS && !counting) {
      counting = true;
      lastCount = now;
      void owedDeliveries(db)
        .then(
          (counted) => void (owed = counted),
          () => {},
        )
        .finally(() => void (counting = false));
    }
    post({ type: 'beat', stats: { lagMs, ...deliveryStats, owed } });
  };
  const timer = setInterval(beat, everyMs);
  timer.unref();
  beat();
  return { stop: () => clearInterval(timer) };
}
