import { randomBytes } from 'node:crypto';
import { APP_ID, BOT_ID, BOT_USER, BOARD_CHANNEL, persona, PLAYGROUND_TEAM, userOfDm } from '../people.js';
import { filesState } from './files.js';
import { ackBody, type BotAnswer, type BotLink } from './to-bot.js';
import type { ElementAction, StateValues } from '../page-contract.js';
import type { Message, View, Workspace } from './workspace.js';

/** Where a response_url posts to: the conversation (and message) the command or click came from. */
interface ResponseTarget {
  user: string;
  channel: string;
  messageTs?: string;
  threadTs?: string;
  uses: number;
  expires: number;
}

/** Slack lets a response_url be used five times within thirty minutes. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;
/** Slack's trigger_ids last three seconds; the playground is lenient for slow machines. */
const TRIGGER_TTL_MS = 10_000;

type Outcome = { ok: true } | { ok: false; error: string };

/**
 * What the people in the page do, turned into the requests Slack sends the bot: slash commands, block
 * actions, view submissions and closes, messages and Home openings. Also answers response_url posts.
 */
export class PeopleActions {
  private readonly triggers = new Map<string, { user: string; expires: number }>();
  private readonly responses = new Map<string, ResponseTarget>();

  constructor(
    private readonly ws: Workspace,
    private readonly bot: BotLink,
    private readonly baseUrl: () => string,
  ) {}

  userOfTrigger(id: string): string | undefined {
    const t = this.triggers.get(id);
    return t && t.expires > Date.now() ? t.user : undefined;
  }

  private trigger(user: string): string {
    const id = `${Date.now()}.${randomBytes(6).toString('hex')}`;
    this.triggers.set(id, { user, expires: Date.now() + TRIGGER_TTL_MS });
    return id;
  }

  private responseUrl(target: Omit<ResponseTarget, 'uses' | 'expires'>): string {
    const id = randomBytes(9).toString('hex');
    this.responses.set(id, { ...target, uses: 0, expires: Date.now() + RESPONSE_URL_TTL_MS });
    return `${this.baseUrl()}/response/${id}`;
  }

  private teamUser(user: string) {
    const name = persona(user)?.name.en.toLowerCase().replace(/\s+/g, '.') ?? user.toLowerCase();
    return { id: user, username: name, name, team_id: PLAYGROUND_TEAM };
  }

  private channelName(channel: string): string {
    return channel === BOARD_CHANNEL.id ? BOARD_CHANNEL.name : 'directmessage';
  }

  /** Slack's own answer when the bot fails to acknowledge in time: an ephemeral note from Slackbot. */
  private failed(user: string, channel: string, what: string, answer: BotAnswer): Outcome {
    const error = answer.status === 0 ? 'operation_timeout' : `http_service_error (${answer.status})`;
    this.ws.post({ channel, user: 'USLACKBOT', text: `${what} failed with the error "${error}"`, ephemeralFor: user });
    return { ok: false, error };
  }

  /** `/closeout …` typed in a conversation. */
  async command(user: string, channel: string, command: string, text: string): Promise<Outcome> {
    const answer = await this.bot.form({
      token: 'playground',
      team_id: PLAYGROUND_TEAM,
      team_domain: 'closeout-playground',
      channel_id: channel,
      channel_name: this.channelName(channel),
      user_id: user,
      user_name: this.teamUser(user).username,
      command,
      text,
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: this.responseUrl({ user, channel }),
      trigger_id: this.trigger(user),
    });
    if (answer.status !== 200) return this.failed(user, channel, command, answer);
    const body = ackBody(answer);
    if (body && (body.text || body.blocks)) this.respondInto({ user, channel }, body);
    return { ok: true };
  }

  /** A plain message typed by a person (in a DM with the bot, or a reply in a thread). */
  async message(user: string, channel: string, text: string, threadTs?: string): Promise<Outcome> {
    const posted = this.ws.post({ channel, user, text, threadTs });
    const im = Boolean(userOfDm(channel));
    const answer = await this.bot.event(PLAYGROUND_TEAM, APP_ID, BOT_USER, {
      type: 'message',
      channel,
      user,
      text,
      ts: posted.ts,
      event_ts: posted.ts,
      team: PLAYGROUND_TEAM,
      channel_type: im ? 'im' : 'channel',
      ...(threadTs && { thread_ts: threadTs }),
      blocks: [
        {
          type: 'rich_text',
          block_id: posted.ts.replace('.', ''),
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
        },
      ],
    });
    return answer.status === 200 ? { ok: true } : { ok: false, error: `event not acknowledged (${answer.status})` };
  }

  /** The App Home tab opened: Slack sends app_home_opened with the view last published, if any. */
  async openHome(user: string): Promise<Outcome> {
    const home = this.ws.homes.get(user);
    const answer = await this.bot.event(PLAYGROUND_TEAM, APP_ID, BOT_USER, {
      type: 'app_home_opened',
      user,
      channel: `D${user.slice(1)}`,
      tab: 'home',
      event_ts: this.ws.nextTs(),
      ...(home && { view: this.viewPayload(home, {}) }),
    });
    return answer.status === 200 ? { ok: true } : { ok: false, error: `event not acknowledged (${answer.status})` };
  }

  private viewPayload(v: View, values: StateValues) {
    return {
      ...v.view,
      id: v.id,
      team_id: PLAYGROUND_TEAM,
      state: { values },
      hash: v.hash,
      root_view_id: v.id,
      app_id: APP_ID,
      bot_id: BOT_ID,
      private_metadata: typeof v.view.private_metadata === 'string' ? v.view.private_metadata : '',
      callback_id: typeof v.view.callback_id === 'string' ? v.view.callback_id : '',
    };
  }

  /** The page's input values with each file_input's files described as Slack describes them. */
  private asSlackSends(user: string, values: StateValues): StateValues {
    const out: StateValues = {};
    for (const [block, actions] of Object.entries(values)) {
      out[block] = {};
      for (const [id, state] of Object.entries(actions))
        out[block][id] =
          state.type === 'file_input'
            ? { type: 'file_input', files: filesState(this.ws, this.baseUrl(), user, state.files) }
            : state;
    }
    return out;
  }

  private messagePayload(m: Message) {
    return {
      type: 'message',
      ts: m.ts,
      text: m.text,
      user: m.user,
      ...(m.user === BOT_USER && { bot_id: BOT_ID, app_id: APP_ID }),
      ...(m.blocks && { blocks: m.blocks }),
      ...(m.threadTs && { thread_ts: m.threadTs }),
      ...(m.metadata !== undefined && { metadata: m.metadata }),
    };
  }

  /** A click or choice on an element in a message. */
  async actOnMessage(user: string, channel: string, ts: string, action: ElementAction): Promise<Outcome> {
    const m = this.ws.find(channel, ts);
    if (!m || (m.ephemeralFor && m.ephemeralFor !== user)) return { ok: false, error: 'message_not_found' };
    const answer = await this.bot.interaction({
      type: 'block_actions',
      user: this.teamUser(user),
      api_app_id: APP_ID,
      token: 'playground',
      container: {
        type: 'message',
        message_ts: m.ts,
        channel_id: channel,
        is_ephemeral: Boolean(m.ephemeralFor),
        ...(m.threadTs && { thread_ts: m.threadTs }),
      },
      trigger_id: this.trigger(user),
      team: { id: PLAYGROUND_TEAM, domain: 'closeout-playground' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: this.channelName(channel) },
      // Slack leaves the message out of payloads for ephemeral messages.
      ...(!m.ephemeralFor && { message: this.messagePayload(m) }),
      state: { values: {} },
      response_url: this.responseUrl({ user, channel, messageTs: m.ts, threadTs: m.threadTs }),
      actions: [{ ...action, action_ts: this.ws.nextTs() }],
    });
    return answer.status === 200 ? { ok: true } : this.failed(user, channel, 'That button', answer);
  }

  /** A click or choice on an element in a modal or on the Home tab. */
  async actOnView(user: string, viewId: string, action: ElementAction, values: StateValues): Promise<Outcome> {
    const v = this.ws.findView(viewId);
    if (!v || v.user !== user) return { ok: false, error: 'view_not_found' };
    const answer = await this.bot.interaction({
      type: 'block_actions',
      user: this.teamUser(user),
      api_app_id: APP_ID,
      token: 'playground',
      container: { type: 'view', view_id: v.id },
      trigger_id: this.trigger(user),
      team: { id: PLAYGROUND_TEAM, domain: 'closeout-playground' },
      enterprise: null,
      is_enterprise_install: false,
      view: this.viewPayload(v, this.asSlackSends(user, values)),
      actions: [{ ...action, action_ts: this.ws.nextTs() }],
    });
    return answer.status === 200 ? { ok: true } : { ok: false, error: `not acknowledged (${answer.status})` };
  }

  /** The modal's submit button: the bot answers with nothing (close), errors, update, push or clear. */
  async submit(user: string, viewId: string, values: StateValues): Promise<Outcome> {
    const v = this.ws.findView(viewId);
    if (!v || v.user !== user || v.type !== 'modal') return { ok: false, error: 'view_not_found' };
    const answer = await this.bot.interaction({
      type: 'view_submission',
      team: { id: PLAYGROUND_TEAM, domain: 'closeout-playground' },
      user: this.teamUser(user),
      api_app_id: APP_ID,
      token: 'playground',
      trigger_id: this.trigger(user),
      view: this.viewPayload(v, this.asSlackSends(user, values)),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
    if (answer.status !== 200) {
      v.errors = { '': 'We had some trouble connecting. Try again?' };
      this.ws.changed();
      return { ok: false, error: `not acknowledged (${answer.status})` };
    }
    const body = ackBody(answer);
    const view = body?.view as Record<string, unknown> | undefined;
    switch (body?.response_action) {
      case 'errors':
        v.errors = (body.errors as Record<string, string>) ?? {};
        this.ws.changed();
        break;
      case 'update':
        if (view) this.ws.replaceView(v, view);
        break;
      case 'push':
        if (view) this.ws.openModal(user, view, true);
        break;
      case 'clear':
        this.ws.closeModal(user, true);
        break;
      default:
        this.ws.closeModal(user);
    }
    return { ok: true };
  }

  /** The modal's close button; the bot hears of it only when the view asked (notify_on_close). */
  async close(user: string, viewId: string, values: StateValues): Promise<Outcome> {
    const v = this.ws.findView(viewId);
    if (!v || v.user !== user || v.type !== 'modal') return { ok: false, error: 'view_not_found' };
    this.ws.closeModal(user);
    if (v.view.notify_on_close === true) {
      await this.bot.interaction({
        type: 'view_closed',
        team: { id: PLAYGROUND_TEAM, domain: 'closeout-playground' },
        user: this.teamUser(user),
        api_app_id: APP_ID,
        token: 'playground',
        view: this.viewPayload(v, values),
        is_cleared: false,
      });
    }
    return { ok: true };
  }

  /** A POST to a response_url; false when the URL is unknown, expired or used up. */
  respond(id: string, body: Record<string, unknown>): boolean {
    const target = this.responses.get(id);
    if (!target || target.expires < Date.now() || target.uses >= RESPONSE_URL_USES) return false;
    target.uses += 1;
    this.respondInto(target, body);
    return true;
  }

  private respondInto(target: Omit<ResponseTarget, 'uses' | 'expires'>, body: Record<string, unknown>): void {
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const original = target.messageTs ? this.ws.find(target.channel, target.messageTs) : undefined;
    if (original && (body.delete_original === true || body.delete_original === 'true')) {
      this.ws.remove(original.channel, original.ts);
      return;
    }
    if (original && (body.replace_original === true || body.replace_original === 'true')) {
      this.ws.update(original.channel, original.ts, { text, blocks }, false);
      return;
    }
    const thread = typeof body.thread_ts === 'string' ? body.thread_ts : target.threadTs;
    this.ws.post({
      channel: target.channel,
      user: BOT_USER,
      text,
      blocks,
      threadTs: thread,
      ...(body.response_type !== 'in_channel' && { ephemeralFor: target.user }),
    });
  }
}
