import type http from 'node:http';
import { z } from 'zod';
import type { Language } from '../domain/types.js';
import { playground as strings } from '../i18n/areas/playground.js';
import type { RunReport } from '../jobs/types.js';
import { BOARD_CHANNEL, BOT_USER, dmOf, persona, PERSONAS } from './people.js';
import type { ElementAction, StateValues } from './page-contract.js';
import type { PeopleActions } from './stand-in/people-actions.js';
import type { Message, View, Workspace } from './stand-in/workspace.js';
import type { TravelClock, TravelTarget } from './time-travel.js';

export interface PageApi {
  ws: Workspace;
  people: PeopleActions;
  clock: TravelClock;
  language: () => Language;
  setLanguage: (lang: Language) => Promise<void>;
  travel: (to: TravelTarget) => Promise<RunReport>;
}

const userId = z.string().refine((id) => Boolean(persona(id)), 'unknown person');
const values = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))).default({});
const action: z.ZodType<ElementAction> = z.object({
  type: z.string(),
  action_id: z.string(),
  block_id: z.string(),
  value: z.string().optional(),
  selected_option: z.unknown().optional(),
  selected_user: z.string().optional(),
  selected_date: z.string().optional(),
  text: z.unknown().optional(),
});

const bodies = {
  send: z.object({
    user: userId,
    channel: z.string(),
    text: z.string().trim().min(1).max(40_000),
    threadTs: z.string().optional(),
  }),
  action: z.object({
    user: userId,
    channel: z.string().optional(),
    ts: z.string().optional(),
    viewId: z.string().optional(),
    action,
    values,
  }),
  submit: z.object({ user: userId, viewId: z.string(), values }),
  close: z.object({ user: userId, viewId: z.string(), values }),
  home: z.object({ user: userId }),
  travel: z.object({ to: z.enum(['round', 'nudge', 'day']) }),
  language: z.object({ language: z.enum(['en', 'zh-CN']) }),
};

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

function messageView(m: Message) {
  return {
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: m.blocks ?? null,
    threadTs: m.threadTs ?? null,
    ephemeral: Boolean(m.ephemeralFor),
    edited: Boolean(m.edited),
    files: (m.files ?? []).map((f) => ({
      id: f.id,
      name: f.name,
      title: f.title,
      mimetype: f.mimetype,
      url: `/files/${f.id}/${encodeURIComponent(f.name)}`,
    })),
  };
}

function viewOf(v: View) {
  return { id: v.id, hash: v.hash, view: v.view, errors: v.errors ?? null };
}

/** Everything the page shows to one person: their conversations, Home tab and open modals. */
export function snapshot(api: PageApi, user: string) {
  const lang = api.language();
  const conversations = [BOARD_CHANNEL.id, dmOf(user)];
  return {
    version: api.ws.version,
    language: lang,
    strings: strings[lang],
    now: api.clock.now().toISOString(),
    me: user,
    bot: { id: BOT_USER, name: 'Closeout' },
    personas: PERSONAS,
    channels: [
      { id: BOARD_CHANNEL.id, name: BOARD_CHANNEL.name, kind: 'channel' },
      { id: dmOf(user), name: 'Closeout', kind: 'im' },
    ],
    messages: Object.fromEntries(conversations.map((c) => [c, api.ws.visible(c, user).map(messageView)])),
    // Channel canvases (the live ledger), shown as a tab of their channel.
    canvases: Object.fromEntries(
      [...api.ws.canvases.values()]
        .filter((c) => conversations.includes(c.channel))
        .map((c) => [c.channel, { id: c.id, markdown: c.markdown }]),
    ),
    home: api.ws.homes.has(user) ? viewOf(api.ws.homes.get(user)!) : null,
    modals: (api.ws.modals.get(user) ?? []).map(viewOf),
  };
}

/** Server-sent events: the workspace's version number after every change (the page then refetches). */
function events(api: PageApi, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(`data: ${api.ws.version}\n\n`);
  const onChange = (version: number) => res.write(`data: ${version}\n\n`);
  api.ws.on('change', onChange);
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(ping);
    api.ws.off('change', onChange);
  });
}

/** The page's API under /pg/: reads the state, and turns what people do into Slack's requests to the bot. */
export async function pageRequest(
  api: PageApi,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  url: URL,
): Promise<void> {
  if (req.method === 'GET' && path === 'events') return events(api, req, res);
  if (req.method === 'GET' && path === 'state') {
    const user = userId.safeParse(url.searchParams.get('user'));
    return json(res, 200, snapshot(api, user.success ? user.data : PERSONAS[0]!.id));
  }
  if (req.method !== 'POST' || !(path in bodies)) return json(res, 404, { ok: false, error: 'not_found' });
  const raw = await readJson(req);
  const kind = path as keyof typeof bodies;
  const parsed = bodies[kind].safeParse(raw);
  if (!parsed.success)
    return json(res, 400, { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') });
  return json(res, 200, await perform(api, kind, parsed.data));
}

async function perform(api: PageApi, kind: keyof typeof bodies, body: unknown): Promise<unknown> {
  switch (kind) {
    case 'send': {
      const b = body as z.infer<typeof bodies.send>;
      const command = /^\/\S+/.exec(b.text)?.[0];
      if (command && !b.threadTs)
        return api.people.command(b.user, b.channel, command, b.text.slice(command.length).trim());
      return api.people.message(b.user, b.channel, b.text, b.threadTs);
    }
    case 'action': {
      const b = body as z.infer<typeof bodies.action>;
      if (b.viewId) return api.people.actOnView(b.user, b.viewId, b.action, b.values as StateValues);
      if (b.channel && b.ts) return api.people.actOnMessage(b.user, b.channel, b.ts, b.action);
      return { ok: false, error: 'no target' };
    }
    case 'submit': {
      const b = body as z.infer<typeof bodies.submit>;
      return api.people.submit(b.user, b.viewId, b.values as StateValues);
    }
    case 'close': {
      const b = body as z.infer<typeof bodies.close>;
      return api.people.close(b.user, b.viewId, b.values as StateValues);
    }
    case 'home':
      return api.people.openHome((body as z.infer<typeof bodies.home>).user);
    case 'travel': {
      const report = await api.travel((body as z.infer<typeof bodies.travel>).to);
      return { ok: true, at: report.at.toISOString(), sent: report.sent.length, failed: report.failed.length };
    }
    case 'language':
      await api.setLanguage((body as z.infer<typeof bodies.language>).language);
      return { ok: true };
  }
}
