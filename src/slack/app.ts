import type { App } from '@slack/bolt';
import type { Env } from '../config/env.js';
import { healthHandler, pingDatabase } from '../http/health.js';
import type { Logger } from '../logging/logger.js';
import type { ServiceDeps } from '../services/deps.js';
import type { SlackContext } from './context.js';
import { closeServer, closeSocket, createDoor, DRAIN_MS, openDoor } from './door.js';
import type { InFlight } from './in-flight.js';
import { createListenerApp, settleListeners } from './listener-app.js';

export interface SlackAppOptions {
  env: Env & { SLACK_BOT_TOKEN: string };
  deps: ServiceDeps;
  logger: Logger;
  /** Overrides env.PORT (tests pass 0 for a free port). */
  port?: number;
  /** Listen on this address only (the playground keeps the bot on loopback); all interfaces when absent. */
  host?: string;
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
  /**
   * Graceful stop: no new requests (503 on /healthz and /slack/events, Socket Mode disconnected), then waits
   * for every in-flight listener, at most `drainMs`; resolves false if some were still running.
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
  const door = await createDoor({
    settings: env,
    logger,
    health: healthHandler(
      () => pingDatabase(deps.db),
      () => stopping(),
    ),
    stopping: () => stopping(),
  });
  const listeners = createListenerApp({ env, deps, logger, receiver: door.receiver });
  const { app, ctx, inFlight } = listeners;
  stopping = () => inFlight.stopping;
  const auth = await app.client.auth.test();
  const port = await openDoor(door, opts.port ?? env.PORT, opts.host);
  logger.info({ port, mode: door.socket ? 'socket' : 'http', team: auth.team_id }, 'Closeout is running');

  return {
    app,
    ctx,
    port,
    teamId: auth.team_id ?? '',
    inFlight,
    async stop(drainMs = DRAIN_MS) {
      // Socket first, so no envelope arrives once the caller closes the database.
      const settled = settleListeners(listeners, logger, drainMs);
      await closeSocket(door);
      const drained = await settled;
      await closeServer(door);
      return drained;
    },
  };
}
