import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { App, HTTPModuleFunctions, HTTPResponseAck as ResponseAck, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';
import { BusyError } from './admission.js';

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

/**
 * Request bodies larger than this are refused with 413: Bolt's HTTPReceiver's default (4 MB). Slack's own
 * requests are a few KB (a modal's state, at most some hundred KB); an unsigned body is never held beyond it.
 */
export const BODY_LIMIT = http.defaultBodyLimit;

/**
 * How many bytes of request bodies may be being read at once, all requests together. A body is read in full
 * before its signature can be checked, so without this 40 unsigned 4 MB bodies at once held 160 MB (and the
 * heap kept it). A request is charged its declared Content-Length (BODY_LIMIT when chunked) before a byte of
 * its body is read, and refused with 503 and Retry-After when that would pass this budget; the charge is
 * given back once the body is read and checked (or the read failed). Slack's own bodies are a few KB.
 */
const BODY_BUDGET = 32 * 1024 * 1024;

/**
 * How deeply a request body may nest. Slack's deepest payloads (a modal's state, rich text in a message) are
 * about a dozen levels; a signed body nested thousands deep cannot be copied to the engine thread (structured
 * clone recurses: 10,000 levels, 20 KB, throw RangeError) and is refused with 400 before anything sees it.
 */
export const BODY_MAX_DEPTH = 64;

/** Whether `value` nests objects or arrays deeper than `max` (a walk with its own stack: no recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** What a receiver hands each verified request to: an App, or the front (front.ts). */
export type EventProcessor = Pick<App, 'processEvent'>;

/**
 * Slack's signed requests on POST /slack/events, GET /healthz beside them, 404 elsewhere. It answers as
 * Bolt's HTTPReceiver does (401 on a bad signature, 413 on a body over BODY_LIMIT, the url_verification
 * challenge and ssl_check, 500 when processing fails before the ack), and 400 to a body it cannot parse or that
 * nests deeper than BODY_MAX_DEPTH. It answers 503, without an ack, to a
 * request turned away for load (admission.ts) and to every request once a graceful stop began (Slack retries
 * events; /healthz has told the load balancer already), and, with Retry-After, to a request whose body would
 * pass BODY_BUDGET. GET /metrics too, when given.
 */
export class SlackHttpReceiver implements Receiver {
  private processor: EventProcessor | null = null;

  constructor(
    private readonly opts: {
      signingSecret: string;
      logger: SlackLogger;
      health: RequestListener;
      stopping: () => boolean;
      /** GET /metrics. */
      metrics?: RequestListener;
      /** Called for each body refused with 413 (counted in the metrics). */
      tooLarge?: () => void;
      /** Called for each request refused with 503 because BODY_BUDGET was taken (counted in the metrics). */
      bodiesFull?: () => void;
      bodyLimit?: number;
      /** BODY_BUDGET unless told (tests pass small ones). */
      bodyBudget?: number;
    },
  ) {}

  /** Bytes of bodies being read now (charged as declared: see BODY_BUDGET). */
  private reading = 0;

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
    } else if (req.method === 'GET' && path === '/metrics' && this.opts.metrics) {
      this.opts.metrics(req, res);
    } else if (req.method === 'POST' && path === EVENTS_PATH) {
      if (this.opts.stopping()) res.writeHead(503).end();
      else void this.handle(req, res);
    } else {
      res.writeHead(404).end();
    }
  };

  /**
   * 413, and the connection closed once it is sent: what the client still sends is not read (a keep-alive
   * connection would have to read the rest of the body before the next request).
   */
  private tooLarge(req: IncomingMessage, res: ServerResponse): void {
    this.opts.logger.warn(`Request body exceeded the maximum allowed size (${this.limit} bytes)`);
    this.opts.tooLarge?.();
    res.shouldKeepAlive = false;
    res.writeHead(413, { connection: 'close' }).end(() => req.destroy());
  }

  private get limit(): number {
    return this.opts.bodyLimit ?? BODY_LIMIT;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger, signingSecret } = this.opts;
    // Refused before a byte of the body is read when it says it is too large; raw-body counts the rest.
    const declared = Number(req.headers['content-length']);
    if (declared > this.limit) {
      this.tooLarge(req, res);
      return;
    }
    const charge = Number.isFinite(declared) && declared >= 0 ? declared : this.limit;
    if (this.reading + charge > (this.opts.bodyBudget ?? BODY_BUDGET)) {
      logger.warn(`Request bodies being read would exceed the budget: turned away (${charge} bytes)`);
      this.opts.bodiesFull?.();
      res.shouldKeepAlive = false;
      res.writeHead(503, { 'retry-after': '5', connection: 'close' }).end(() => req.destroy());
      return;
    }
    this.reading += charge;
    let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await http.parseAndVerifyHTTPRequest({ enabled: true, signingSecret, bodyLimit: this.limit }, req);
    } catch (error) {
      if (http.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
        this.tooLarge(req, res);
        return;
      }
      logger.warn(`Failed to parse and verify the request data: ${(error as Error).message}`);
      http.buildNoBodyResponse(res, 401);
      return;
    } finally {
      this.reading -= charge;
    }
    let body: ReceiverEvent['body'];
    try {
      body = http.parseHTTPRequestBody(buffered);
      if (nestedDeeperThan(body, BODY_MAX_DEPTH)) throw new Error(`nested deeper than ${BODY_MAX_DEPTH} levels`);
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
      if (error instanceof BusyError) {
        // Not acked: Slack retries an event later and shows its own error for an interaction. (The ack's
        // 3-second watchdog is stopped: this request was answered.)
        ack.ack();
        if (!res.headersSent) res.writeHead(503, { 'retry-after': '60' }).end();
        return;
      }
      await http.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      // It answered (401 or 500) or the ack had: the 3-second watchdog would log a false 'not acknowledged'.
      ack.ack();
    }
  }
}
