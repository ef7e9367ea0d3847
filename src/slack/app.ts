import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { WebAPIPlatformError } from '@slack/web-api';
import { ConfigError, type Env } from '../config/env.js';
import { slackApiBaseUrl } from '../config/slack-api.js';
import { healthHandler } from '../http/health.js';
import { createFollowUps } from '../jobs/follow-ups.js';
import { createSlackSender } from './sender.js';
import type { Logger } from '../logging/logger.js';
import { slackLogger } from '../logging/logger.js';
import type { ServiceDeps } from '../services/deps.js';
import { channelMembership } from './channel-members.js';
import type { SlackContext } from './context.js';
import { InFlight } from './in-flight.js';
import { registerListeners } from './listeners/index.js';
import { LocaleResolver } from './locale.js';

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

/** How long a stop waits for acknowledged work (a deploy's SIGTERM grace period is usually 30 s). */
export const DRAIN_MS = 25_000;

function listen(server: http.Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts the bot. HTTP mode (signed POST /slack/events plus GET /healthz) when a signing secret is set,
 * otherwise Socket Mode with a small HTTP server for /healthz alone.
 */
export async function startSlackApp(opts: SlackAppOptions): Promise<RunningSlackApp> {
  const { env, deps, logger } = opts;
  const log = slackLogger(logger);
  const inFlight = new InFlight();
  const health = healthHandler(deps.db, () => inFlight.stopping);
  const clientOptions = { slackApiUrl: slackApiBaseUrl(env.SLACK_API_URL), logger: slackLogger(logger, 'web-api') };
  const ctx: SlackContext = {
    deps,
    logger,
    env,
    locale: new LocaleResolver(env.CLOSEOUT_LANGUAGE, logger),
    followUps: createFollowUps(
      {
        db: deps.db,
        clock: deps.clock,
        logger,
        sender: createSlackSender({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, logger }),
        instanceId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}-app`,
      },
      logger,
    ),
  };

  let app: App;
  let server: http.Server;
  let socket: SocketModeReceiver | undefined;
  if (env.SLACK_SIGNING_SECRET) {
    const receiver = new HTTPReceiver({
      signingSecret: env.SLACK_SIGNING_SECRET,
      endpoints: '/slack/events',
      logger: log,
      customRoutes: [{ path: '/healthz', method: ['GET'], handler: (req, res) => void health(req, res) }],
    });
    app = new App({ token: env.SLACK_BOT_TOKEN, receiver, logger: log, clientOptions });
    server = http.createServer((req, res) => {
      // Stopping: Slack retries events, and the load balancer has been told by /healthz already.
      if (inFlight.stopping && req.url?.startsWith('/slack/events')) res.writeHead(503).end();
      else receiver.requestListener(req, res);
    });
  } else {
    // Our own receiver, so stop() can wait for the socket to close (Bolt's stop() does not). It gets a copy of
    // the client options: its client (for apps.connections.open) writes its 100-retry policy into them, and Bolt
    // builds every listener's client from the App's.
    socket = new SocketModeReceiver({
      appToken: env.SLACK_APP_TOKEN ?? '',
      logger: log,
      installerOptions: { clientOptions: { ...clientOptions } },
    });
    app = new App({ token: env.SLACK_BOT_TOKEN, receiver: socket, logger: log, clientOptions });
    server = http.createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/healthz') void health(req, res);
      else res.writeHead(404).end();
    });
  }

  ctx.members = channelMembership(app.client, logger);
  // Every request's listeners, counted until they finish (Bolt's next() resolves once they have).
  app.use(({ next }) => inFlight.run(next));
  registerListeners(app, ctx);
  const auth = await app.client.auth.test();
  if (socket) {
    // Connects: resolves once Slack says hello on the socket. The errors that get here are the ones the socket
    // client does not retry (invalid_auth, not_authed, account_inactive, …): the app-level token is wrong.
    await app.start().catch((error: unknown) => {
      if (error instanceof WebAPIPlatformError) {
        throw new ConfigError([
          `SLACK_APP_TOKEN: Slack refused it when opening the Socket Mode connection (${error.data.error})`,
        ]);
      }
      throw error;
    });
  }
  const port = await listen(server, opts.port ?? env.PORT, opts.host);
  logger.info({ port, mode: socket ? 'socket' : 'http', team: auth.team_id }, 'Closeout is running');

  return {
    app,
    ctx,
    port,
    teamId: auth.team_id ?? '',
    inFlight,
    async stop(drainMs = DRAIN_MS) {
      // Socket first, so no envelope arrives once the caller closes the database; resolves after the close handshake.
      const draining = inFlight.drain(drainMs);
      await socket?.client.disconnect();
      const drained = await draining;
      if (!drained) logger.warn({ running: inFlight.size }, 'stopped with work still running');
      // Follow-ups being posted finish too (bounded): cut off, their claims would wait minutes to go stale.
      const sent = await Promise.race([
        ctx.followUps.idle().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), drainMs).unref()),
      ]);
      if (!sent) logger.warn('stopped with follow-up messages still being sent; the scheduler retries them');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return drained;
    },
  };
}
