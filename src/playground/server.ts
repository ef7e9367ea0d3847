import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Language } from '../domain/types.js';
import type { RunReport } from '../jobs/types.js';
import type { Logger } from '../logging/logger.js';
import { pageRequest, type PageApi } from './page-api.js';
import { crossSite, hostRefusal, pageRefusal } from './page-guard.js';
import { persona } from './people.js';
import { MAX_UPLOAD_BYTES } from './page-contract.js';
import { keepUpload, servingHeaders } from './stand-in/files.js';
import { PeopleActions } from './stand-in/people-actions.js';
import { BotLink } from './stand-in/to-bot.js';
import { readArgs, WebApi } from './stand-in/web-api.js';
import { Workspace } from './stand-in/workspace.js';
import type { TravelClock, TravelTarget } from './time-travel.js';
import { staticFiles } from './web-root.js';

interface PlaygroundServerOptions {
  token: string;
  signingSecret: string;
  clock: TravelClock;
  logger: Logger;
  /** The bot's Events API endpoint (it moves when the bot restarts). */
  eventsUrl: () => string;
  language: () => Language;
  setLanguage: (lang: Language) => Promise<void>;
  travel: (to: TravelTarget) => Promise<RunReport>;
}

/** Request bodies larger than this are refused (files the bot uploads are charts and exports). */
const MAX_BODY = 50 * 1024 * 1024;

async function readBody(req: http.IncomingMessage, max = MAX_BODY): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * One loopback HTTP server for the whole playground: the stand-in Slack's Web API (`/api/…`), response
 * URLs and upload URLs the bot is given, the files it shared, the page's own API (`/pg/…`) and the page.
 */
export class PlaygroundServer {
  readonly ws: Workspace;
  readonly people: PeopleActions;
  private readonly api: WebApi;
  private readonly page: PageApi;
  private readonly server: http.Server;
  private base = '';
  private port = 0;

  constructor(private readonly opts: PlaygroundServerOptions) {
    this.ws = new Workspace(opts.clock);
    this.people = new PeopleActions(this.ws, new BotLink(opts.eventsUrl, opts.signingSecret), () => this.base);
    this.api = new WebApi(
      this.ws,
      opts.token,
      { userOf: (id) => this.people.userOfTrigger(id) },
      { locale: () => (opts.language() === 'zh-CN' ? 'zh-CN' : 'en-US') },
      () => this.base,
    );
    this.page = {
      ws: this.ws,
      people: this.people,
      clock: opts.clock,
      language: opts.language,
      setLanguage: opts.setLanguage,
      travel: opts.travel,
    };
    const statics = staticFiles();
    this.server = http.createServer((req, res) => {
      this.route(req, res, statics).catch((error: unknown) => {
        opts.logger.error({ err: error, url: req.url }, 'playground request failed');
        if (!res.headersSent) json(res, 500, { ok: false, error: 'internal_error' });
        else res.end();
      });
    });
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const bound = (this.server.address() as AddressInfo).port;
    this.port = bound;
    this.base = `http://${host}:${bound}`;
    return bound;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** A file a person attached in a modal (`POST /pg/upload?user=U…&name=…`, the bytes as the body). */
  private async takeUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const user = url.searchParams.get('user') ?? '';
    if (req.method !== 'POST' || !persona(user)) return json(res, 400, { ok: false, error: 'unknown person' });
    const raw = await readBody(req, MAX_UPLOAD_BYTES);
    if (!raw) return json(res, 413, { ok: false, error: 'file_too_large' });
    const answer = keepUpload(this.ws, this.base, user, url.searchParams.get('name') ?? '', raw);
    return json(res, answer.ok ? 200 : 413, answer);
  }

  private async route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    statics: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground');
    const [, head, rest = ''] = /^\/([^/]+)(?:\/(.*))?$/.exec(url.pathname) ?? [];
    if (req.method === 'POST' && head === 'api' && rest) {
      const raw = await readBody(req);
      if (!raw) return json(res, 413, { ok: false, error: 'request_too_large' });
      return json(res, 200, this.api.call(rest, readArgs(req, raw), req.headers.authorization));
    }
    if (req.method === 'POST' && head === 'response' && rest) {
      const raw = await readBody(req);
      const body = raw ? readArgs(req, raw) : {};
      return this.people.respond(rest, body)
        ? json(res, 200, { ok: true })
        : json(res, 404, { ok: false, error: 'expired_url' });
    }
    if ((head === 'upload' || head === 'files') && hostRefusal(req, this.port))
      return json(res, 403, { ok: false, error: 'forbidden_host' });
    if (req.method === 'POST' && head === 'upload' && rest) {
      if (crossSite(req)) return json(res, 403, { ok: false, error: 'forbidden_origin' });
      const raw = await readBody(req);
      if (!raw) return json(res, 413, { ok: false, error: 'file_too_large' });
      return this.api.upload(rest, raw)
        ? void res.writeHead(200).end('OK - ' + raw.length)
        : json(res, 404, { ok: false });
    }
    if (req.method === 'GET' && head === 'files' && rest) {
      const file = this.ws.files.get(rest.split('/')[0] ?? '');
      if (!file?.bytes) return json(res, 404, { ok: false, error: 'file_not_found' });
      res.writeHead(200, servingHeaders({ ...file, bytes: file.bytes }));
      return void res.end(file.bytes);
    }
    if (head === 'pg' && rest === 'upload') {
      const refused = pageRefusal(req, this.port, 'application/octet-stream');
      if (refused) return json(res, refused.status, { ok: false, error: refused.error });
      return this.takeUpload(req, res, url);
    }
    if (head === 'pg') {
      const refused = pageRefusal(req, this.port);
      if (refused) return json(res, refused.status, { ok: false, error: refused.error });
      return pageRequest(this.page, req, res, rest ?? '', url);
    }
    statics(req, res);
  }
}
