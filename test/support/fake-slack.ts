import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call (or response_url post) the app made, with its arguments decoded. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** The URL path called (tells response URLs apart). */
  path?: string;
}

/** `delayMs` holds the answer back (longer than the client's timeout, it is a timeout). */
export type Reply = {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
  delayMs?: number;
};

/** A message chat.postMessage accepted (answered by the default reply), as conversations.history returns it. */
export interface PostedMessage {
  channel: string;
  ts: string;
  text?: unknown;
  blocks?: unknown;
  metadata?: unknown;
  thread_ts?: unknown;
}
/** The usual answer (the message is posted), only late: `{ late: ms }`. */
export type Late = { late: number };
export type Responder = (
  args: Record<string, unknown>,
  call: number,
) => Reply | Late | Record<string, unknown> | undefined;

/**
 * A fake Slack Web API on loopback. The app talks to it through SLACK_API_URL; tests read `calls`,
 * override answers with `on(method, fn)`, and give users a locale with `locales`.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly locales = new Map<string, string>();
  /** Every message actually posted (failed or overridden calls are not), in order. */
  readonly messages: PostedMessage[] = [];
  /** The bytes of every file POSTed to an upload URL (calls record only their size), in order. */
  readonly uploads: { path: string; body: Buffer }[] = [];
  teamId = 'T0TEST';
  /** Added to every answer, like the network and Slack would. */
  latencyMs = 0;
  /** Files people shared (see `shareFile`): files.info describes them, their private URL serves the bytes. */
  private readonly files = new Map<string, { name: string; bytes: Buffer }>();
  private readonly overrides = new Map<string, Responder>();
  private readonly counts = new Map<string, number>();
  private server?: http.Server;
  private tsCounter = 0;
  private base = '';

  /** `http://127.0.0.1:PORT/api/` — the value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url the app can post to; posts are recorded as method `response_url`. */
  responseUrl(id = 'cmd'): string {
    return `${this.base}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** A file a user shared: files.info gives its name, size and private URL; the URL serves `bytes`. */
  shareFile(id: string, name: string, bytes: Buffer): void {
    this.files.set(id, { name, bytes });
  }

  on(method: string, responder: Responder): void {
    this.overrides.set(method, responder);
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.uploads.length = 0;
    this.overrides.clear();
    this.counts.clear();
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `predicate` holds for the recorded calls (handlers keep working after their ack). */
  async waitFor<T>(
    pick: (calls: SlackCall[]) => T | undefined | null | false | Promise<T | undefined | null | false>,
    timeoutMs = 5_000,
  ): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      // Awaited: a predicate that reads the database returns a promise, which is truthy before it settles.
      const found = await pick(this.calls);
      if (found) return found;
      if (Date.now() > until)
        throw new Error(`FakeSlack.waitFor timed out; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits for the n-th call (1-based) to a method. */
  waitForCall(method: string, n = 1, timeoutMs = 5_000): Promise<SlackCall> {
    return this.waitFor((calls) => calls.filter((c) => c.method === method)[n - 1], timeoutMs);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const shared = url.pathname.startsWith('/files/')
      ? this.files.get(url.pathname.slice('/files/'.length))
      : undefined;
    if (shared) {
      // A file's private URL: recorded as `file_download` with the token the app sent.
      this.calls.push({
        method: 'file_download',
        args: { path: url.pathname, authorization: req.headers.authorization },
        at: Date.now(),
      });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(shared.bytes);
      return;
    }
    const method = url.pathname.startsWith('/api/')
      ? url.pathname.slice('/api/'.length)
      : url.pathname.startsWith('/response/')
        ? 'response_url'
        : url.pathname.startsWith('/upload/')
          ? 'file_upload'
          : url.pathname;
    const args =
      method === 'file_upload'
        ? { bytes: Buffer.concat(chunks).length, path: url.pathname }
        : decode(raw, req.headers['content-type']);
    if (method === 'file_upload') this.uploads.push({ path: url.pathname, body: Buffer.concat(chunks) });
    this.calls.push({ method, args, at: Date.now(), path: url.pathname });
    const n = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, n);
    const custom = this.overrides.get(method)?.(args, n);
    const reply: Reply =
      custom === undefined
        ? { body: this.defaultReply(method, args) }
        : 'late' in custom && typeof custom.late === 'number'
          ? { body: this.defaultReply(method, args), delayMs: custom.late }
          : 'body' in custom
            ? (custom as Reply)
            : { body: custom };
    const delay = this.latencyMs + (reply.delayMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private defaultReply(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channelOf = (c: unknown) => (typeof c === 'string' && /^[UW]/.test(c) ? `D${c.slice(1)}` : c);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          team_id: this.teamId,
          team: 'Test',
          user_id: 'UBOT',
          bot_id: 'BBOT',
          url: 'https://test.slack.com/',
        };
      case 'chat.postMessage': {
        const posted: PostedMessage = {
          channel: String(channelOf(args.channel)),
          ts: this.nextTs(),
          text: args.text,
          blocks: args.blocks,
          metadata: args.metadata,
          thread_ts: args.thread_ts,
        };
        this.messages.push(posted);
        return { ok: true, channel: posted.channel, ts: posted.ts, message: { text: args.text } };
      }
      case 'conversations.history': {
        // The fake's ts are a counter, not clock times, so `oldest` is not applied: the whole conversation is returned.
        const found = this.messages
          .filter((m) => m.channel === args.channel)
          .reverse()
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            ...(args.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages: found, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.calls.length}`, ...(args.view as object) } };
      case 'users.info': {
        const user = String(args.user);
        return {
          ok: true,
          user: {
            id: user,
            name: user.toLowerCase(),
            real_name: `User ${user}`,
            locale: this.locales.get(user) ?? 'en-US',
            tz: 'UTC',
          },
        };
      }
      case 'users.list':
        return {
          ok: true,
          members: [...this.locales].map(([id, locale]) => ({ id, name: id.toLowerCase(), locale })),
          response_metadata: { next_cursor: '' },
        };
      case 'conversations.open':
        return { ok: true, channel: { id: channelOf(args.users) } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.base}/upload/F${this.calls.length}`, file_id: `F${this.calls.length}` };
      case 'files.info': {
        const file = this.files.get(String(args.file));
        if (!file) return { ok: false, error: 'file_not_found' };
        const url = `${this.base}/files/${String(args.file)}`;
        return {
          ok: true,
          file: {
            id: args.file,
            name: file.name,
            size: file.bytes.length,
            filetype: /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? 'binary',
            permalink: `https://test.slack.com/files/${String(args.file)}`,
            url_private: url,
            url_private_download: url,
          },
        };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as unknown[]) ?? [] };
      case 'conversations.canvases.create':
        return { ok: true, canvas_id: `F${this.calls.length}` };
      case 'canvases.edit':
        return { ok: true };
      default:
        return { ok: true };
    }
  }
}

/** Web API calls arrive form-encoded with JSON-encoded nested values, or as JSON (response_url). */
function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
