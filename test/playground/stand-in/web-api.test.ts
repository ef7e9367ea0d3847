import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { BOARD_CHANNEL, BOT_USER, dmOf } from '../../../src/playground/people.js';
import { snapshot, type PageApi } from '../../../src/playground/page-api.js';
import { PeopleActions } from '../../../src/playground/stand-in/people-actions.js';
import { BotLink } from '../../../src/playground/stand-in/to-bot.js';
import { WebApi } from '../../../src/playground/stand-in/web-api.js';
import { Workspace } from '../../../src/playground/stand-in/workspace.js';

const TOKEN = 'xoxb-playground-test';
const AUTH = `Bearer ${TOKEN}`;
const OWNER = 'U0DEMO01';

function standIn(triggers: Record<string, string> = {}) {
  const ws = new Workspace(fixedClock('2026-11-30T02:00:00Z'));
  const api = new WebApi(
    ws,
    TOKEN,
    { userOf: (id) => triggers[id] },
    { locale: () => 'zh-CN' },
    () => 'http://127.0.0.1:1',
  );
  return { ws, call: (method: string, args: Record<string, unknown> = {}) => api.call(method, args, AUTH), api };
}

describe('the stand-in Web API', () => {
  it('keeps one canvas per channel: created once, replaced whole on each edit', () => {
    const { ws, call } = standIn();
    const content = (markdown: string) => ({ type: 'markdown', markdown });
    const created = call('conversations.canvases.create', {
      channel_id: BOARD_CHANNEL.id,
      document_content: content('# Ledger'),
    }) as { ok: boolean; canvas_id: string };
    expect(created.ok).toBe(true);
    expect(
      call('conversations.canvases.create', { channel_id: BOARD_CHANNEL.id, document_content: content('# Again') }),
    ).toEqual({ ok: false, error: 'channel_canvas_already_exists' });
    expect(
      call('canvases.edit', {
        canvas_id: created.canvas_id,
        changes: [{ operation: 'replace', document_content: content('# Ledger v2') }],
      }),
    ).toEqual({ ok: true });
    expect(ws.canvases.get(created.canvas_id)).toEqual({
      id: created.canvas_id,
      channel: BOARD_CHANNEL.id,
      markdown: '# Ledger v2',
    });
    expect(call('canvases.edit', { canvas_id: 'F0NONE', changes: [] })).toEqual({
      ok: false,
      error: 'canvas_not_found',
    });
    // Only a whole replacement in markdown, as the ledger sends it; the canvas is left as it was.
    const edit = (change: Record<string, unknown>) =>
      call('canvases.edit', { canvas_id: created.canvas_id, changes: [change] });
    expect(edit({ operation: 'insert_at_end', document_content: content('x') })).toEqual({
      ok: false,
      error: 'invalid_arguments',
    });
    expect(edit({ operation: 'replace' })).toEqual({ ok: false, error: 'invalid_arguments' });
    expect(ws.canvases.get(created.canvas_id)?.markdown).toBe('# Ledger v2');
    expect(call('conversations.canvases.create', { channel_id: 'C0NOWHERE', document_content: content('x') })).toEqual({
      ok: false,
      error: 'invalid_arguments',
    });
  });

  it('shows the page each channel canvas the person can see, by channel', () => {
    const { ws, call } = standIn();
    const created = call('conversations.canvases.create', {
      channel_id: BOARD_CHANNEL.id,
      document_content: { type: 'markdown', markdown: '# Ledger' },
    }) as { ok: boolean; canvas_id: string };
    // A canvas in someone else's DM is not theirs to see.
    ws.writeCanvas('F0ELSEWHERE', dmOf('U0DEMO02'), '# Not yours');
    const page = { ws, language: () => 'en', clock: fixedClock('2026-11-30T02:00:00Z') } as unknown as PageApi;
    expect(snapshot(page, OWNER).canvases).toEqual({
      [BOARD_CHANNEL.id]: { id: created.canvas_id, markdown: '# Ledger' },
    });
  });

  it('refuses calls without the bot token, as Slack does', () => {
    const { api } = standIn();
    expect(api.call('auth.test', {}, undefined)).toEqual({ ok: false, error: 'not_authed' });
    expect(api.call('auth.test', {}, 'Bearer xoxb-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(api.call('chat.nothing', {}, AUTH)).toEqual({ ok: false, error: 'unknown_method' });
  });

  it('posts to a user ID in their DM with the bot, and refuses unknown channels and empty messages', () => {
    const { ws, call } = standIn();
    const posted = call('chat.postMessage', { channel: OWNER, text: 'hello', blocks: [{ type: 'divider' }] });
    expect(posted).toMatchObject({ ok: true, channel: dmOf(OWNER) });
    expect(ws.visible(dmOf(OWNER), OWNER)).toMatchObject([{ user: BOT_USER, text: 'hello' }]);
    expect(call('chat.postMessage', { channel: 'C0NOWHERE', text: 'x' })).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    expect(call('chat.postMessage', { channel: BOARD_CHANNEL.id, text: ' ' })).toEqual({ ok: false, error: 'no_text' });
  });

  it('updates the bot’s own messages in place (marked edited), never a person’s', () => {
    const { ws, call } = standIn();
    const { ts } = call('chat.postMessage', { channel: BOARD_CHANNEL.id, text: 'v1' }) as unknown as { ts: string };
    expect(call('chat.update', { channel: BOARD_CHANNEL.id, ts, text: 'v2' })).toMatchObject({ ok: true, ts });
    expect(ws.find(BOARD_CHANNEL.id, ts)).toMatchObject({ text: 'v2', edited: true });
    const mine = ws.post({ channel: BOARD_CHANNEL.id, user: OWNER, text: 'mine' });
    expect(call('chat.update', { channel: BOARD_CHANNEL.id, ts: mine.ts, text: 'x' })).toEqual({
      ok: false,
      error: 'cant_update_message',
    });
    expect(call('chat.update', { channel: BOARD_CHANNEL.id, ts: '1.2', text: 'x' })).toEqual({
      ok: false,
      error: 'message_not_found',
    });
  });

  it('answers conversations.history newest first, with metadata only when asked', () => {
    const { call } = standIn();
    const metadata = { event_type: 'closeout_delivery', event_payload: { key: 'k1' } };
    call('chat.postMessage', { channel: OWNER, text: 'first', metadata });
    call('chat.postMessage', { channel: OWNER, text: 'second' });
    const plain = call('conversations.history', { channel: dmOf(OWNER) }) as unknown as {
      messages: Record<string, unknown>[];
    };
    expect(plain.messages.map((m) => m.text)).toEqual(['second', 'first']);
    expect(plain.messages[1]).not.toHaveProperty('metadata');
    const full = call('conversations.history', { channel: dmOf(OWNER), include_all_metadata: true }) as unknown as {
      messages: Record<string, unknown>[];
    };
    expect(full.messages[1]?.metadata).toEqual(metadata);
  });

  it('opens modals only with a live trigger_id and refuses updates with a stale hash', () => {
    const { ws, call } = standIn({ 'trigger-1': OWNER });
    const view = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] };
    expect(call('views.open', { trigger_id: 'trigger-gone', view })).toEqual({
      ok: false,
      error: 'expired_trigger_id',
    });
    const opened = call('views.open', { trigger_id: 'trigger-1', view }) as unknown as {
      view: { id: string; hash: string };
    };
    expect(ws.modals.get(OWNER)).toHaveLength(1);
    expect(call('views.update', { view_id: opened.view.id, hash: 'old', view })).toEqual({
      ok: false,
      error: 'hash_conflict',
    });
    expect(call('views.update', { view_id: opened.view.id, hash: opened.view.hash, view })).toMatchObject({ ok: true });
    expect(call('views.publish', { user_id: OWNER, view: { type: 'home', blocks: [] } })).toMatchObject({ ok: true });
    expect(ws.homes.get(OWNER)?.view.type).toBe('home');
  });

  it('shares an uploaded file in the conversation once its bytes arrived', () => {
    const { ws, call, api } = standIn();
    const ticket = call('files.getUploadURLExternal', { filename: 'chart.png', length: 3 }) as unknown as {
      file_id: string;
    };
    expect(call('files.completeUploadExternal', { files: [{ id: ticket.file_id }], channel_id: OWNER })).toEqual({
      ok: false,
      error: 'file_not_found',
    });
    expect(api.upload(ticket.file_id, Buffer.from('png'))).toBe(true);
    expect(api.upload(ticket.file_id, Buffer.from('again'))).toBe(false);
    call('files.completeUploadExternal', { files: [{ id: ticket.file_id, title: 'Chart' }], channel_id: OWNER });
    const [message] = ws.visible(dmOf(OWNER), OWNER);
    expect(message?.files).toMatchObject([{ name: 'chart.png', title: 'Chart', mimetype: 'image/png' }]);
  });

  it('knows channel members and people by e-mail', () => {
    const { call } = standIn();
    const members = call('conversations.members', { channel: BOARD_CHANNEL.id }) as unknown as { members: string[] };
    expect(members.members).toContain(OWNER);
    expect(call('conversations.members', { channel: dmOf(OWNER) })).toMatchObject({ members: [OWNER, BOT_USER] });
    expect(call('users.lookupByEmail', { email: 'wang.fang@playground.closeout.test' })).toMatchObject({
      user: { id: OWNER },
    });
    expect(call('users.lookupByEmail', { email: 'nobody@example.test' })).toEqual({
      ok: false,
      error: 'users_not_found',
    });
  });

  it('reports every person’s locale as the page’s language', () => {
    const { call } = standIn();
    expect(call('users.info', { user: OWNER })).toMatchObject({ ok: true, user: { id: OWNER, locale: 'zh-CN' } });
    expect(call('users.info', { user: 'U0NOBODY' })).toEqual({ ok: false, error: 'user_not_found' });
  });
});

describe('what people do, sent to the bot', () => {
  it('shows Slackbot’s error, only to the sender, when the bot does not acknowledge a command', async () => {
    const { ws } = standIn();
    // Nothing listens on port 9: the request fails at once, as a timeout would after three seconds.
    const people = new PeopleActions(ws, new BotLink(() => 'http://127.0.0.1:9/slack/events', 'secret'), () => '');
    expect(await people.command(OWNER, BOARD_CHANNEL.id, '/closeout', 'help')).toEqual({
      ok: false,
      error: 'operation_timeout',
    });
    expect(ws.visible(BOARD_CHANNEL.id, OWNER)).toMatchObject([
      { user: 'USLACKBOT', ephemeralFor: OWNER, text: '/closeout failed with the error "operation_timeout"' },
    ]);
    expect(ws.visible(BOARD_CHANNEL.id, 'U0DEMO02')).toEqual([]);
  });

  it('refuses response URLs it never gave out', () => {
    const { ws } = standIn();
    const people = new PeopleActions(ws, new BotLink(() => 'http://127.0.0.1:9/', 'secret'), () => '');
    expect(people.respond('made-up', { text: 'hi' })).toBe(false);
    expect(ws.messages).toEqual([]);
  });
});
