import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { SocketModeReceiver, SocketModeReceiverOptions } from '@slack/bolt';
import { ConfigError } from '../config/config-error.js';
import type { Env } from '../config/env.js';
import { slackApiBaseUrl } from '../config/slack-api.js';
import type { Logger } from '../logging/logger.js';
import { slackLogger } from '../logging/logger.js';
import { BusyError } from './admission.js';
import { SlackHttpReceiver } from './http-receiver.js';

/**
 * Where Slack's requests come in: a receiver and the HTTP server around it. HTTP mode (signed POST
 * /slack/events plus GET /healthz) when a signing secret is set, otherwise Socket Mode with a small HTTP server
 * for /healthz alone. What the receiver is given (`receiver.init`) decides what the requests do: the listeners'
 * App in this thread, or the front, which hands them to the engine thread (front.ts).
 */
export interface SlackDoor {
  receiver: SlackHttpReceiver | SocketModeReceiver;
  server: http.Server;
  /** Set in Socket Mode. */
  socket?: SocketModeReceiver;
}

/** The settings the door needs. */
export type DoorSettings = Pick<Env, 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'>;

interface DoorOptions {
  settings: DoorSettings;
  logger: Logger;
  /** GET /healthz. */
  health: http.RequestListener;
  /** True once a graceful stop began: events are turned away with 503 (Slack retries them). */
  stopping: () => boolean;
  /** GET /metrics (both modes). */
  metrics?: http.RequestListener;
  /** Called for each request body refused with 413. */
  tooLarge?: () => void;
  /** Called for each request refused with 503 because the bodies being read took their whole budget. */
  bodiesFull?: () => void;
  /** How long a request's headers and whole body may take to arrive (tests pass small ones). */
  timeouts?: DoorTimeouts;
}

interface DoorTimeouts {
  headersMs: number;
  requestMs: number;
  /** How often the server looks for connections over those limits. */
  checkEveryMs: number;
}

/**
 * Slack sends a whole request in milliseconds and wants its ack within 3 s, so a request still arriving after
 * 10 s is no Slack request: it is a slow client holding a connection and up to BODY_LIMIT of memory (Node's
 * defaults would let it for 5 minutes, the headers for one). Such a connection is answered 408 and closed.
 */
export const DOOR_TIMEOUTS: DoorTimeouts = { headersMs: 5_000, requestMs: 10_000, checkEveryMs: 1_000 };

function serverOptions(t: DoorTimeouts): http.ServerOptions {
  return { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkEveryMs };
}

/** How long a stop may take in all, unless SHUTDOWN_TIMEOUT_MS says otherwise (a deploy's grace period is usually 30 s). */
export const DRAIN_MS = 25_000;

/** The Web API client options every App and receiver of the bot uses. */
export function slackClientOptions(settings: Pick<Env, 'SLACK_API_URL'>, logger: Logger) {
  return { slackApiUrl: slackApiBaseUrl(settings.SLACK_API_URL), logger: slackLogger(logger, 'web-api') };
}

export async function createDoor(opts: DoorOptions): Promise<SlackDoor> {
  const { settings, logger, health, stopping, metrics, tooLarge, bodiesFull } = opts;
  const options = serverOptions(opts.timeouts ?? DOOR_TIMEOUTS);
  const log = slackLogger(logger);
  if (settings.SLACK_SIGNING_SECRET) {
    const receiver = new SlackHttpReceiver({
      signingSecret: settings.SLACK_SIGNING_SECRET,
      logger: log,
      health,
      stopping,
      metrics,
      tooLarge,
      bodiesFull,
    });
    return { receiver, server: http.createServer(options, receiver.requestListener) };
  }
  // Loaded only in Socket Mode (its client and WebSocket are several MB). Our own receiver, so stop() can wait
  // for the socket to close (Bolt's stop() does not). It gets a copy of the client options: its client (for
  // apps.connections.open) writes its 100-retry policy into them, and Bolt builds every listener's client from
  // the App's.
  const require = createRequire(import.meta.url);
  const { default: SocketMode } = require('@slack/bolt/dist/receivers/SocketModeReceiver.js') as {
    default: typeof SocketModeReceiver;
  };
  const { defaultProcessEventErrorHandler } = require('@slack/bolt/dist/receivers/SocketModeFunctions.js') as {
    defaultProcessEventErrorHandler: SocketModeReceiverOptions['processEventErrorHandler'] & {};
  };
  const socket = new SocketMode({
    appToken: settings.SLACK_APP_TOKEN ?? '',
    logger: log,
    installerOptions: { clientOptions: { ...slackClientOptions(settings, logger) } },
    // Turned away for load (admission.ts): not acked, so Slack retries an event or shows its own error.
    processEventErrorHandler: async (args) =>
      args.error instanceof BusyError ? false : defaultProcessEventErrorHandler(args),
  });
  const server = http.createServer(options, (req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') health(req, res);
    else if (req.method === 'GET' && req.url === '/metrics' && metrics) metrics(req, res);
    else res.writeHead(404).end();
  });
  return { receiver: socket, server, socket };
}

/**
 * Opens the door once its receiver has been given what handles the requests (`receiver.init`): connects the
 * socket (resolves once Slack says hello) and listens. Returns the HTTP port.
 */
export async function openDoor(door: SlackDoor, port: number, host?: string): Promise<number> {
  if (door.socket) {
    const { WebAPIPlatformError } = await import('@slack/web-api');
    // The errors that get here are the ones the socket client does not retry (invalid_auth, not_authed,
    // account_inactive, …): the app-level token is wrong.
    await door.socket.start().catch((error: unknown) => {
      if (error instanceof WebAPIPlatformError) {
        throw new ConfigError([
          `SLACK_APP_TOKEN: Slack refused it when opening the Socket Mode connection (${error.data.error})`,
        ]);
      }
      throw error;
    });
  }
  return new Promise((resolve, reject) => {
    door.server.once('error', reject);
    door.server.listen(port, host, () => resolve((door.server.address() as AddressInfo).port));
  });
}

/** Stops the socket (resolves after the close handshake), so no envelope arrives once work is drained. */
export async function closeSocket(door: SlackDoor): Promise<void> {
  await door.socket?.client.disconnect();
}

/** Closes the HTTP server, idle keep-alive connections included. */
export function closeServer(door: SlackDoor): Promise<void> {
  return new Promise<void>((resolve) => {
    door.server.close(() => resolve());
    door.server.closeIdleConnections();
  });
}

/** Waits for a promise at most `ms`; resolves false if it had not settled by then. */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);
}
