import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { App, HTTPModuleFunctions, HTTPResponseAck as ResponseAck, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';

// Bolt's building blocks for receivers (what its HTTPReceiver is made of, exported for custom receivers):
// signature verification, body parsing, the ack with its 3-second watchdog. HTTPReceiver itself also loads
// Bolt's OAuth installer and Web API client, ~6 MB of resident memory the front thread has no use for.
// Required, as the CommonJS modules they are, so every loader (Node, tsx, vitest) sees the same exports.
const require = createRequire(import.meta.url);
const http = require('@slack/bolt/dist/receivers/HTTPModuleFunctions.js') as typeof HTTPModuleFunctions;
const { HTTPResponseAck } = require('@slack/bolt/dist/receivers/HTTPResponseAck.js') as {
  HTTPResponseAck: typeof ResponseAck;
};

const EVENTS_PATH = '/slack/events';

/** What a receiver hands each verified request to: an App, or the front (front.ts). */
export type EventProcessor = Pick<App, 'processEvent'>;

/**
 * Slack's signed requests on POST /slack/events, GET /healthz beside them, 404 elsewhere. It answers as
 * Bolt's HTTPReceiver does (401 on a bad signature, 413 on an oversized body, the url_verification
 * challenge and ssl_check, 500 when processing fails before the ack) and turns events away with 503 once a
 * graceful stop began (Slack retries them; /healthz has told the load balancer already).
 */
export class SlackHttpReceiver implements Receiver {
  private processor: EventProcessor | null = null;

  constructor(
    private readonly opts: {
      signingSecret: string;
      logger: SlackLogger;
      health: RequestListener;
      stopping: () => boolean;
    },
  ) {}

  init(processor: EventProcessor): void {
    this.processor = processor;
  }

  // The HTTP server is the door's (door.ts): it listens and closes it.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  readonly requestListener: RequestListener = (req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      this.opts.health(req, res);
    } else if (req.method === 'POST' && path === EVENTS_PATH) {
      if (this.opts.stopping()) res.writeHead(503).end();
      else void this.handle(req, res);
    } else {
      res.writeHead(404).end();
    }
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger, signingSecret } = this.opts;
    let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await http.parseAndVerifyHTTPRequest({ enabled: true, signingSecret }, req);
    } catch (error) {
      if (http.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
        logger.warn('Request body exceeded the maximum allowed size');
        http.buildNoBodyResponse(res, 413);
        return;
      }
      logger.warn(`Failed to parse and verify the request data: ${(error as Error).message}`);
      http.buildNoBodyResponse(res, 401);
      return;
    }
    let body: ReceiverEvent['body'];
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch (error) {
      logger.warn(`Malformed request body: ${(error as Error).message}`);
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.ssl_check === '1') {
      http.buildSSLCheckResponse(res);
      return;
    }
    if (body.type === 'url_verification') {
      http.buildUrlVerificationResponse(res, body);
      return;
    }
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      unhandledRequestHandler: http.defaultUnhandledRequestHandler,
      unhandledRequestTimeoutMillis: 3001,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      await this.processor?.processEvent({
        body,
        ack: ack.bind(),
        retryNum: http.extractRetryNumFromHTTPRequest(req),
        retryReason: http.extractRetryReasonFromHTTPRequest(req),
      });
    } catch (error) {
      const answered = await http.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (answered) ack.ack();
    }
  }
}
