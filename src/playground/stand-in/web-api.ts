import type { IncomingMessage } from 'node:http';
import { APP_ID, BOT_ID, BOT_USER, dmOf, persona, PERSONAS, PLAYGROUND_TEAM } from '../people.js';
import { mimeOf, slackFile } from './files.js';
import type { Workspace } from './workspace.js';

type ApiArgs = Record<string, unknown>;
type ApiAnswer = Record<string, unknown> & { ok: boolean };

/** Who holds which trigger_id: Slack's are short-lived and tied to the person who clicked or typed. */
interface Triggers {
  userOf(triggerId: string): string | undefined;
}

/** Locale every person reports (users.info / users.list), so the bot answers in the page's language. */
interface Locales {
  locale(): string;
}

const fail = (error: string): ApiAnswer => ({ ok: false, error });

/**
 * The Slack Web API methods Closeout calls, answered from the playground's workspace the way Slack
 * answers them (the same fields the bot reads, the same error codes for what it can get wrong).
 */
export class WebApi {
  constructor(
    private readonly ws: Workspace,
    private readonly token: string,
    private readonly triggers: Triggers,
    private readonly locales: Locales,
    private readonly baseUrl: () => string,
  ) {}

  call(method: string, args: ApiArgs, authorization: string | undefined): ApiAnswer {
    const token = authorization?.replace(/^Bearer\s+/i, '') ?? (typeof args.token === 'string' ? args.token : '');
    if (!token) return fail('not_authed');
    if (token !== this.token) return fail('invalid_auth');
    const handler = this.methods[method];
    return handler ? handler(args) : fail('unknown_method');
  }

  private conversation(id: unknown): string | null {
    if (typeof id !== 'string') return null;
    const channel = /^[UW]/.test(id) && persona(id) ? dmOf(id) : id;
    return this.ws.channels.has(channel) ? channel : null;
  }

  private user(id: string, locale: string) {
    const p = persona(id);
    const name = p ? `${p.name.en} (${p.name.zh})` : id;
    return {
      id,
      team_id: PLAYGROUND_TEAM,
      name: p ? p.name.en.toLowerCase().replace(/\s+/g, '.') : id.toLowerCase(),
      real_name: name,
      profile: { real_name: name, display_name: p?.name.en ?? id, ...(p && { email: emailOf(id) }) },
      locale,
      tz: 'Asia/Shanghai',
      is_bot: id === BOT_USER,
      deleted: false,
    };
  }

  private readonly methods: Record<string, (args: ApiArgs) => ApiAnswer> = {
    'auth.test': () => ({
      ok: true,
      url: 'http://playground.closeout.local/',
      team: 'Closeout Playground',
      team_id: PLAYGROUND_TEAM,
      user: 'closeout',
      user_id: BOT_USER,
      bot_id: BOT_ID,
      app_id: APP_ID,
    }),

    'chat.postMessage': (args) => {
      const channel = this.conversation(args.channel);
      if (!channel) return fail('channel_not_found');
      if (!hasContent(args)) return fail('no_text');
      const thread = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
      if (thread && !this.ws.find(channel, thread)) return fail('thread_not_found');
      const m = this.ws.post({
        channel,
        user: BOT_USER,
        text: String(args.text ?? ''),
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        threadTs: thread,
        metadata: args.metadata,
      });
      return { ok: true, channel, ts: m.ts, message: { type: 'message', text: m.text, ts: m.ts, bot_id: BOT_ID } };
    },

    'chat.postEphemeral': (args) => {
      const channel = this.conversation(args.channel);
      if (!channel) return fail('channel_not_found');
      if (typeof args.user !== 'string' || !persona(args.user)) return fail('user_not_found');
      if (!hasContent(args)) return fail('no_text');
      const m = this.ws.post({
        channel,
        user: BOT_USER,
        text: String(args.text ?? ''),
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
        ephemeralFor: args.user,
      });
      return { ok: true, message_ts: m.ts };
    },

    'chat.update': (args) => {
      const channel = this.conversation(args.channel);
      if (!channel) return fail('channel_not_found');
      const found = typeof args.ts === 'string' ? this.ws.find(channel, args.ts) : undefined;
      if (!found || found.ephemeralFor) return fail('message_not_found');
      if (found.user !== BOT_USER) return fail('cant_update_message');
      this.ws.update(channel, found.ts, {
        text: String(args.text ?? found.text),
        ...(Array.isArray(args.blocks) && { blocks: args.blocks }),
        ...(args.metadata !== undefined && { metadata: args.metadata }),
      });
      return { ok: true, channel, ts: found.ts, text: found.text };
    },

    'conversations.open': (args) => {
      const users = String(args.users ?? '').split(',');
      const user = users[0];
      if (users.length !== 1 || !user || !persona(user)) return fail('user_not_found');
      return { ok: true, channel: { id: dmOf(user) } };
    },

    'conversations.history': (args) => {
      const channel = this.conversation(args.channel);
      if (!channel) return fail('channel_not_found');
      const oldest = Number(args.oldest ?? 0);
      const limit = Math.min(Math.max(Number(args.limit ?? 100), 1), 999);
      const found = this.ws.messages
        .filter((m) => m.channel === channel && !m.ephemeralFor && !m.threadTs && Number(m.ts) > oldest)
        .reverse()
        .slice(0, limit)
        .map((m) => ({
          type: 'message',
          ts: m.ts,
          user: m.user,
          text: m.text,
          ...(m.user === BOT_USER && { bot_id: BOT_ID }),
          ...(args.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}),
        }));
      return { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } };
    },

    'users.info': (args) => {
      const id = String(args.user ?? '');
      if (!persona(id) && id !== BOT_USER) return fail('user_not_found');
      return { ok: true, user: this.user(id, this.locales.locale()) };
    },

    'users.lookupByEmail': (args) => {
      const found = PERSONAS.find((p) => emailOf(p.id) === String(args.email ?? '').toLowerCase());
      return found ? { ok: true, user: this.user(found.id, this.locales.locale()) } : fail('users_not_found');
    },

    // The playground's channels are public (so a restricted board's channel grants nothing); DMs are ims.
    'conversations.info': (args) => {
      const channel = this.conversation(args.channel);
      if (!channel) return fail('channel_not_found');
      const im = Boolean(this.ws.channels.get(channel)?.user);
      return { ok: true, channel: { id: channel, is_im: im, is_private: im } };
    },

    'conversations.members': (args) => {
      const channel = this.conversation(args.channel);
      if (!channel) return fail('channel_not_found');
      const dmUser = this.ws.channels.get(channel)?.user;
      const members = dmUser ? [dmUser, BOT_USER] : [...PERSONAS.map((p) => p.id), BOT_USER];
      return { ok: true, members, response_metadata: { next_cursor: '' } };
    },

    'files.info': (args) => {
      const file = this.ws.files.get(String(args.file ?? ''));
      if (!file?.bytes) return fail('file_not_found');
      return { ok: true, file: slackFile(file, this.baseUrl()) };
    },

    'users.list': () => ({
      ok: true,
      members: PERSONAS.map((p) => this.user(p.id, this.locales.locale())),
      response_metadata: { next_cursor: '' },
    }),

    'views.open': (args) => this.openView(args, false),
    'views.push': (args) => this.openView(args, true),

    'views.update': (args) => {
      const target = typeof args.view_id === 'string' ? this.ws.findView(args.view_id) : undefined;
      if (!target) return fail('not_found');
      if (typeof args.hash === 'string' && args.hash !== target.hash) return fail('hash_conflict');
      const view = asView(args.view);
      if (!view) return fail('invalid_arguments');
      return { ok: true, view: viewAnswer(this.ws.replaceView(target, view)) };
    },

    'views.publish': (args) => {
      const user = String(args.user_id ?? '');
      if (!persona(user)) return fail('user_not_found');
      const view = asView(args.view);
      if (!view || view.type !== 'home') return fail('invalid_arguments');
      return { ok: true, view: viewAnswer(this.ws.publishHome(user, view)) };
    },

    // The live ledger: one canvas per channel, replaced whole on each edit.
    'conversations.canvases.create': (args) => {
      const channel = args.channel_id === undefined ? null : this.conversation(args.channel_id);
      const markdown = (args.document_content as { markdown?: unknown } | undefined)?.markdown;
      if (!channel || typeof markdown !== 'string') return fail('invalid_arguments');
      if ([...this.ws.canvases.values()].some((c) => c.channel === channel))
        return fail('channel_canvas_already_exists');
      const id = this.ws.nextId('F');
      this.ws.writeCanvas(id, channel, markdown);
      return { ok: true, canvas_id: id };
    },

    'canvases.edit': (args) => {
      const canvas = this.ws.canvases.get(String(args.canvas_id ?? ''));
      if (!canvas) return fail('canvas_not_found');
      const changes = Array.isArray(args.changes)
        ? (args.changes as { operation?: string; document_content?: { markdown?: unknown } }[])
        : [];
      const markdown = changes[0]?.document_content?.markdown;
      if (changes[0]?.operation !== 'replace' || typeof markdown !== 'string') return fail('invalid_arguments');
      this.ws.writeCanvas(canvas.id, canvas.channel, markdown);
      return { ok: true };
    },

    'files.getUploadURLExternal': (args) => {
      const name = String(args.filename ?? '');
      if (!name || !Number(args.length)) return fail('invalid_arguments');
      const id = this.ws.nextId('F');
      this.ws.files.set(id, { id, name, title: name, mimetype: mimeOf(name), bytes: null });
      return { ok: true, upload_url: `${this.baseUrl()}/upload/${id}`, file_id: id };
    },

    'files.completeUploadExternal': (args) => {
      const refs = Array.isArray(args.files) ? (args.files as { id?: string; title?: string }[]) : [];
      const files = refs.map((r) => (r.id ? this.ws.files.get(r.id) : undefined));
      if (!files.length || files.some((f) => !f?.bytes)) return fail('file_not_found');
      const ready = files as NonNullable<(typeof files)[number]>[];
      refs.forEach((r, i) => {
        if (r.title) ready[i]!.title = r.title;
      });
      const channel = args.channel_id === undefined ? null : this.conversation(args.channel_id);
      if (args.channel_id !== undefined && !channel) return fail('channel_not_found');
      if (channel)
        this.ws.post({
          channel,
          user: BOT_USER,
          text: typeof args.initial_comment === 'string' ? args.initial_comment : '',
          threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
          files: ready,
        });
      return { ok: true, files: ready.map((f) => ({ id: f.id, title: f.title, name: f.name })) };
    },
  };

  private openView(args: ApiArgs, push: boolean): ApiAnswer {
    const user = typeof args.trigger_id === 'string' ? this.triggers.userOf(args.trigger_id) : undefined;
    if (!user) return fail('expired_trigger_id');
    const view = asView(args.view);
    if (!view || view.type !== 'modal') return fail('invalid_arguments');
    if (push && !(this.ws.modals.get(user)?.length ?? 0)) return fail('not_found');
    return { ok: true, view: viewAnswer(this.ws.openModal(user, view, push)) };
  }

  /** The bytes POSTed to an upload URL; false when the URL is unknown or already used. */
  upload(fileId: string, bytes: Buffer): boolean {
    const file = this.ws.files.get(fileId);
    if (!file || file.bytes) return false;
    file.bytes = bytes;
    return true;
  }
}

/** Each person's e-mail address in the playground (CSV imports may name owners by e-mail). */
function emailOf(userId: string): string {
  const p = persona(userId);
  return p ? `${p.name.en.toLowerCase().replace(/\s+/g, '.')}@playground.closeout.test` : '';
}

function hasContent(args: ApiArgs): boolean {
  return (
    (typeof args.text === 'string' && args.text.trim() !== '') || (Array.isArray(args.blocks) && args.blocks.length > 0)
  );
}

function asView(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function viewAnswer(v: { id: string; hash: string; view: Record<string, unknown> }) {
  return { ...v.view, id: v.id, hash: v.hash, team_id: PLAYGROUND_TEAM, app_id: APP_ID, state: { values: {} } };
}

/** Web API calls arrive form-encoded (nested values JSON-encoded) or as JSON. */
export function readArgs(req: IncomingMessage, raw: Buffer): ApiArgs {
  const text = raw.toString('utf8');
  if (!text) return {};
  if (req.headers['content-type']?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null ? (parsed as ApiArgs) : {};
    } catch {
      return {};
    }
  }
  const out: ApiArgs = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    out[k] = v;
  }
  return out;
}
