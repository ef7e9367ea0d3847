import type { App, ReceiverEvent } from '@slack/bolt';
import type { Env } from '../config/env.js';
import { healthHandler, pingDatabase } from './health.js';
import { Admission, BUSY_TEXT, BusyError, DEFAULT_ADMISSION, isCommand, type AdmissionLimits } from './admission.js';
import { deliveryStats } from '../jobs/outbox/stats.js';
import type { Logger } from '../logging/logger.js';
import type { ServiceDeps } from '../services/deps.js';
import type { SlackContext } from '../slack/context.js';
import { closeServer, closeSocket, createDoor, DRAIN_MS, openDoor, within } from './door.js';
import type { InFlight } from './in-flight.js';
import { createListenerApp, settleListeners } from './listener-app.js';
import { FrontMetrics } from './metrics.js';

interface SlackAppOptions {
  env: Env & { SLACK_BOT_TOKEN: string };
  deps: ServiceDeps;
  logger: Logger;
  /** Overrides env.PORT (tests pass 0 for a free port). */
  port?: number;
  /** Listen on this address only (the playground keeps the bot on loopback); all interfaces when absent. */
  host?: string;
  /** The bounds on work taken on (admission.ts). */
  limits?: AdmissionLimits;
}

export interface RunningSlackApp {
  app: App;
  ctx: SlackContext;
  /** The HTTP port: Slack events in HTTP mode, only /healthz in Socket Mode. */
  port: number;
  /** The workspace the bot token belongs to. */
  teamId: string;
  /** Acknowledged work still running (listeners after their ack). */
  inFlight: InFlight;
  metrics: FrontMetrics;
  /**
   * Graceful stop: no new requests (503 on /healthz and /slack/events, Socket Mode disconnected), then waits
   * for every in-flight listener, all within `drainMs`; resolves false if some were still running.
   */
  stop(drainMs?: number): Promise<boolean>;
}

/**
 * The whole bot in this thread: Slack's requests come in and the listeners run beside them (tests, the
 * playground). `npm start` splits the two over two threads instead (front.ts and engine.ts), so acks never
 * wait behind the listeners' work.
 */
export async function startSlackApp(opts: SlackAppOptions): Promise<RunningSlackApp> {
  const { env, deps, logger } = opts;
  let stopping = () => false;
  // The same bounds as npm start's front, but the engine's heartbeat: the listeners run on this very thread.
  const admission = new Admission(opts.limits ?? DEFAULT_ADMISSION);
  // Deliveries and job runs are counted in this thread too (the scheduler's, in the playground).
  const metrics = new FrontMetrics(admission, () => ({ lagMs: 0, ...deliveryStats, owed: {} }));
  const door = await createDoor({
    settings: env,
    logger,
    health: healthHandler(
      () => pingDatabase(deps.db),
      () => stopping(),
    ),
    stopping: () => stopping(),
    metrics: metrics.handler,
    tooLarge: () => metrics.tooLarge++,
    bodiesFull: () => metrics.refuse('bodies'),
  });
  const listeners = createListenerApp({ env, deps, logger, receiver: door.receiver });
  const { app, ctx, inFlight } = listeners;
  stopping = () => inFlight.stopping;
  // Between the receiver and the App (which gave itself to the receiver): requests over the bounds are
  // turned away as the front does (front.ts).
  const admitted = {
    async processEvent(event: ReceiverEvent) {
      const refused = admission.refusal(event.body);
      if (refused) {
        metrics.refuse(refused);
        logger.warn({ reason: refused, depth: admission.depth }, 'request turned away: Closeout is busy');
        if (isCommand(event.body)) return event.ack({ response_type: 'ephemeral', text: BUSY_TEXT });
        throw new BusyError(refused);
      }
      const release = admission.take(event.body);
      const ack = event.ack;
      try {
        await app.processEvent({
          ...event,
          ack: async (response) => {
            await ack(response);
            metrics.acked++;
          },
        });
      } finally {
        release();
      }
    },
  };
  door.receiver.init(admitted as App);
  const auth = await app.client.auth.test();
  const port = await openDoor(door, opts.port ?? env.PORT, opts.host);
  logger.info({ port, mode: door.socket ? 'socket' : 'http', team: auth.team_id }, 'Closeout is running');

  return {
    app,
    ctx,
    port,
    teamId: auth.team_id ?? '',
    inFlight,
    metrics,
    async stop(drainMs = DRAIN_MS) {
      // Socket first, so no envelope arrives once the caller closes the database; all within `drainMs`.
      const deadline = Date.now() + drainMs;
      const left = () => Math.max(0, deadline - Date.now());
      const settled = settleListeners(listeners, logger, drainMs);
      await within(closeSocket(door), left());
      const drained = await settled;
      await within(closeServer(door), left());
      return drained;
    },
  };
}
