import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, seedBoard, TEAM } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';

/**
 * Owners per scenario, so "the user's only open problem" is well defined in each:
 * UONE owns RECT-1; UMULTI owns RECT-2 and RECT-4; UZH (zh-CN) owns RECT-3; UTHREAD owns RECT-5 and RECT-6.
 */
let app: TestApp;
let tsCounter = 0;
const nextTs = () => `1765000000.${String(++tsCounter).padStart(6, '0')}`;

function dm(user: string, text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  const event = {
    type: 'message',
    channel: `D${user.slice(1)}`,
    channel_type: 'im',
    user,
    text,
    ts,
    event_ts: ts,
    ...extra,
  };
  return { ts, event, send: () => app.event(event) };
}

/** The bot's first post in the thread of `threadTs` after `from`. */
const postInThread = (threadTs: string, from = 0, method = 'chat.postMessage') =>
  app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === method && c.args.thread_ts === threadTs));

const blocksOf = (c: SlackCall) => (c.args.blocks as KnownBlock[] | undefined) ?? [];
const textOf = (c: SlackCall) => `${String(c.args.text ?? '')} ${JSON.stringify(c.args.blocks ?? [])}`;
function buttonsOf(c: SlackCall) {
  return blocksOf(c).flatMap((b) => {
    const els = b.type === 'actions' ? b.elements : b.type === 'section' && b.accessory ? [b.accessory] : [];
    return els.flatMap((e) => (e.type === 'button' ? [{ actionId: e.action_id ?? '', value: e.value ?? '' }] : []));
  });
}
const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
const lastUpdate = (key: string) => app.db.update.findFirst({ where: { problem: { key } }, orderBy: { id: 'desc' } });

beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
  const add = (title: string, ownerId: string, deadline?: string) =>
    createProblem(app.deps, LEADER, 'RECT', { title, ownerId, ...(deadline && { deadline }) });
  await add('Backlog of traffic violations', 'UONE'); // RECT-1
  await add('Queue times at the permit window', 'UMULTI', '2026-12-10'); // RECT-2
  await add('办证窗口排队时间过长', 'UZH'); // RECT-3
  await add('Complaints hotline unanswered', 'UMULTI', '2026-12-20'); // RECT-4
  await add('Slow case handling', 'UTHREAD'); // RECT-5
  await add('Parking permits backlog', 'UTHREAD'); // RECT-6
  app.fake.locales.set('UZH', 'zh-CN');
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('replies typed in the DM', () => {
  it('records a reply naming a key on that problem and confirms in its thread with an Edit button', async () => {
    const from = app.fake.calls.length;
    const msg = dm('UMULTI', 'RECT-2 60% at risk hired two clerks');
    expect((await msg.send()).status).toBe(200);
    const confirm = await postInThread(msg.ts, from);
    expect(confirm.args.channel).toBe('DMULTI');
    const update = await lastUpdate('RECT-2');
    expect(update).toMatchObject({
      source: 'chat',
      percent: 60,
      health: 'at_risk',
      note: 'hired two clerks',
      authorId: 'UMULTI',
    });
    expect(textOf(confirm)).toContain('RECT-2');
    expect(textOf(confirm)).toContain('60%');
    expect(textOf(confirm)).toContain('At risk');
    expect(textOf(confirm)).toContain('hired two clerks');
    expect(buttonsOf(confirm)).toEqual([{ actionId: ACTION.chatEdit, value: String(update?.id) }]);
    expect(
      await app.db.chatReply.findUniqueOrThrow({ where: { channelId_ts: { channelId: 'DMULTI', ts: msg.ts } } }),
    ).toMatchObject({
      state: 'recorded',
      problemKey: 'RECT-2',
      updateId: update?.id,
    });

    // Edit opens the report form for that problem.
    const opened = app.fake.calls.length;
    await app.click({
      userId: 'UMULTI',
      actionId: ACTION.chatEdit,
      value: String(update?.id),
      blockId: `chat.recorded.${update?.id}`,
      message: { channel: 'DMULTI', ts: '1700000009.000001' },
    });
    const modal = await app.fake.waitFor((calls) => calls.slice(opened).find((c) => c.method === 'views.open'));
    const view = modal.args.view as { callback_id: string };
    expect(view.callback_id).toBe(VIEW.report);
    expect(JSON.stringify(view)).toContain('RECT-2');
  });

  it("records a reply without a key on the user's only open problem", async () => {
    const from = app.fake.calls.length;
    const msg = dm('UONE', 'hired a third clerk, 30%');
    await msg.send();
    await postInThread(msg.ts, from);
    expect(await lastUpdate('RECT-1')).toMatchObject({
      source: 'chat',
      percent: 30,
      note: 'hired a third clerk',
      health: 'on_track',
    });
  });

  it('asks which problem with one button per candidate, keeps the text, and records it on the one clicked', async () => {
    const from = app.fake.calls.length;
    const msg = dm('UMULTI', '80% nearly there');
    await msg.send();
    const question = await postInThread(msg.ts, from);
    const reply = await app.db.chatReply.findUniqueOrThrow({
      where: { channelId_ts: { channelId: 'DMULTI', ts: msg.ts } },
    });
    expect(reply).toMatchObject({ state: 'pending', text: '80% nearly there', problemKey: null });
    expect(buttonsOf(question)).toEqual([
      { actionId: `${ACTION.chatPick}:0`, value: `${reply.id}:RECT-2` },
      { actionId: `${ACTION.chatPick}:1`, value: `${reply.id}:RECT-4` },
      { actionId: ACTION.chatDismiss, value: String(reply.id) },
    ]);
    expect(textOf(question)).toContain('Which problem');
    const before = await app.db.update.count();

    const clicked = app.fake.calls.length;
    const where = { channel: 'DMULTI', ts: '1700000010.000001' };
    await app.click({
      userId: 'UMULTI',
      actionId: `${ACTION.chatPick}:1`,
      value: `${reply.id}:RECT-4`,
      message: where,
    });
    const updated = await app.fake.waitFor((calls) => calls.slice(clicked).find((c) => c.method === 'chat.update'));
    expect(updated.args).toMatchObject(where);
    expect(textOf(updated)).toContain('RECT-4');
    expect(buttonsOf(updated).map((b) => b.actionId)).toEqual([ACTION.chatEdit]);
    expect(await lastUpdate('RECT-4')).toMatchObject({
      source: 'chat',
      percent: 80,
      note: 'nearly there',
      authorId: 'UMULTI',
    });
    expect(await app.db.chatReply.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({
      state: 'recorded',
      problemKey: 'RECT-4',
    });

    // A second click (or a click on the other candidate) records nothing more.
    await app.click({
      userId: 'UMULTI',
      actionId: `${ACTION.chatPick}:0`,
      value: `${reply.id}:RECT-2`,
      message: where,
    });
    await app.fake.waitFor((calls) => calls.slice(clicked).filter((c) => c.method === 'chat.update').length === 2);
    expect(await app.db.update.count()).toBe(before + 1);
  });

  it('"None of these" leaves the reply unrecorded but kept, and says so in place', async () => {
    const from = app.fake.calls.length;
    const msg = dm('UMULTI', 'meeting moved to Friday');
    await msg.send();
    await postInThread(msg.ts, from);
    const reply = await app.db.chatReply.findUniqueOrThrow({
      where: { channelId_ts: { channelId: 'DMULTI', ts: msg.ts } },
    });
    const clicked = app.fake.calls.length;
    await app.click({
      userId: 'UMULTI',
      actionId: ACTION.chatDismiss,
      value: String(reply.id),
      message: { channel: 'DMULTI', ts: '1700000011.000001' },
    });
    const updated = await app.fake.waitFor((calls) => calls.slice(clicked).find((c) => c.method === 'chat.update'));
    expect(textOf(updated)).toContain('did not record');
    expect(textOf(updated)).toContain('meeting moved to Friday');
    expect(await app.db.chatReply.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({
      state: 'dismissed',
      text: 'meeting moved to Friday',
    });
  });

  it('asks again on the author’s App Home until they pick the problem there', async () => {
    const from = app.fake.calls.length;
    const msg = dm('UMULTI', '55% second window staffed');
    await msg.send();
    await postInThread(msg.ts, from);
    const reply = await app.db.chatReply.findUniqueOrThrow({
      where: { channelId_ts: { channelId: 'DMULTI', ts: msg.ts } },
    });
    const home = async () => {
      const before = app.fake.calls.filter((c) => c.method === 'views.publish').length;
      await app.event({ type: 'app_home_opened', user: 'UMULTI', channel: 'DMULTI', tab: 'home', event_ts: nextTs() });
      const call = await app.fake.waitFor((calls) => calls.filter((c) => c.method === 'views.publish')[before]);
      return call.args.view as { blocks: KnownBlock[] };
    };
    const shown = await home();
    expect(JSON.stringify(shown.blocks)).toContain('Your replies waiting for a problem');
    expect(JSON.stringify(shown.blocks)).toContain('55% second window staffed');
    const picks = shown.blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .map((e) => ('value' in e ? e.value : undefined));
    expect(picks).toContain(`${reply.id}:RECT-4`);
    expect(picks).toContain(String(reply.id));

    // Picked on the Home (a click without a message): recorded, and the Home no longer asks.
    const clicked = app.fake.calls.length;
    await app.click({ userId: 'UMULTI', actionId: `${ACTION.chatPick}:1`, value: `${reply.id}:RECT-4` });
    await app.fake.waitFor(
      async () => (await app.db.chatReply.findUnique({ where: { id: reply.id } }))?.state === 'recorded',
    );
    expect(await lastUpdate('RECT-4')).toMatchObject({ source: 'chat', percent: 55, note: 'second window staffed' });
    const refreshed = await app.fake.waitFor((calls) =>
      calls.slice(clicked).find((c) => c.method === 'views.publish' && c.args.user_id === 'UMULTI'),
    );
    expect(JSON.stringify(refreshed.args.view)).not.toContain('55% second window staffed');

    // "None of these" on the Home: kept as dismissed, and the Home no longer asks either.
    const other = dm('UMULTI', 'lunch at noon');
    const asked = app.fake.calls.length;
    await other.send();
    await postInThread(other.ts, asked);
    const kept = await app.db.chatReply.findUniqueOrThrow({
      where: { channelId_ts: { channelId: 'DMULTI', ts: other.ts } },
    });
    expect(JSON.stringify((await home()).blocks)).toContain('lunch at noon');
    const dismissed = app.fake.calls.length;
    await app.click({ userId: 'UMULTI', actionId: ACTION.chatDismiss, value: String(kept.id) });
    const after = await app.fake.waitFor((calls) =>
      calls.slice(dismissed).find((c) => c.method === 'views.publish' && c.args.user_id === 'UMULTI'),
    );
    expect(JSON.stringify(after.args.view)).not.toContain('lunch at noon');
    expect(await app.db.chatReply.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ state: 'dismissed' });
  });

  it("refuses someone else's problem kindly, keeps the text and offers the user's own", async () => {
    const from = app.fake.calls.length;
    const msg = dm('UONE', 'RECT-2 done 100%');
    await msg.send();
    const answer = await postInThread(msg.ts, from);
    expect(textOf(answer)).toContain('Only the owner of RECT-2');
    expect(textOf(answer)).toContain('nothing was lost');
    const reply = await app.db.chatReply.findUniqueOrThrow({
      where: { channelId_ts: { channelId: 'DONE', ts: msg.ts } },
    });
    expect(reply.state).toBe('pending');
    expect(buttonsOf(answer)).toContainEqual({ actionId: `${ACTION.chatPick}:0`, value: `${reply.id}:RECT-1` });
  });

  it('records the same event delivered twice (a Slack retry) once, and answers once', async () => {
    const from = app.fake.calls.length;
    const before = await app.db.update.count();
    const msg = dm('UONE', 'RECT-1 35% second clerk trained');
    await Promise.all([msg.send(), msg.send()]);
    await postInThread(msg.ts, from);
    await msg.send();
    await settle();
    expect(await app.db.update.count()).toBe(before + 1);
    expect(
      app.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === msg.ts),
    ).toHaveLength(1);
  });

  it('reads a Chinese reply and answers in Chinese', async () => {
    const from = app.fake.calls.length;
    const msg = dm('UZH', 'RECT-3 完成60% 有风险 已招聘两名办事员');
    await msg.send();
    const confirm = await postInThread(msg.ts, from);
    expect(await lastUpdate('RECT-3')).toMatchObject({
      source: 'chat',
      percent: 60,
      health: 'at_risk',
      note: '已招聘两名办事员',
    });
    expect(textOf(confirm)).toContain('已记录到');
    expect(textOf(confirm)).toContain('有风险');
    expect(textOf(confirm)).toContain('修改');
  });

  it('ignores bots, edits and deletions', async () => {
    const before = await app.db.chatReply.count();
    const from = app.fake.calls.length;
    await dm('UONE', 'RECT-1 99%', { bot_id: 'B0OTHER' }).send();
    await dm('UONE', 'RECT-1 99%', { subtype: 'message_changed' }).send();
    await dm('UONE', '', { subtype: 'message_deleted' }).send();
    await settle();
    expect(await app.db.chatReply.count()).toBe(before);
    expect(app.fake.calls.slice(from).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });
});

describe('replies in threads of what the scheduler sent', () => {
  async function sent(channelId: string, slackTs: string, problemKeys: string[], recipient: string) {
    await app.db.delivery.create({
      data: {
        teamId: TEAM,
        dedupeKey: `test:${channelId}:${slackTs}`,
        job: 'cycle-prompts',
        recipient,
        state: 'sent',
        channelId,
        slackTs,
        problemKeys: JSON.stringify(problemKeys),
      },
    });
  }

  it("records a reply in a prompt's thread on the problem the prompt was about", async () => {
    await sent('DTHREAD', '1700000100.000001', ['RECT-6'], 'UTHREAD');
    const from = app.fake.calls.length;
    const msg = dm('UTHREAD', 'permit office agreed, 50%', { thread_ts: '1700000100.000001' });
    await msg.send();
    const confirm = await postInThread('1700000100.000001', from);
    expect(confirm.args.channel).toBe('DTHREAD');
    expect(await lastUpdate('RECT-6')).toMatchObject({ source: 'chat', percent: 50, note: 'permit office agreed' });
    expect(await lastUpdate('RECT-5')).toBeNull();
  });

  it("records an owner's reply in the thread of the channel's update-round post", async () => {
    await sent('C0BOARD', '1700000200.000001', ['RECT-1', 'RECT-2', 'RECT-3', 'RECT-4'], 'C0BOARD');
    const from = app.fake.calls.length;
    const ts = nextTs();
    await app.event({
      type: 'message',
      channel: 'C0BOARD',
      channel_type: 'channel',
      user: 'UONE',
      text: '45% on track',
      ts,
      thread_ts: '1700000200.000001',
    });
    const confirm = await postInThread('1700000200.000001', from);
    expect(confirm.args.channel).toBe('C0BOARD');
    expect(await lastUpdate('RECT-1')).toMatchObject({ source: 'chat', percent: 45, health: 'on_track' });
  });

  it('leaves a non-prompt bot DM ("assigned to you") as it is when the owner replies in its thread', async () => {
    const from = app.fake.calls.length;
    // A DM thread the scheduler did not send: the reply is recorded, but its parent is not turned into a card.
    const msg = dm('UONE', '55% quotes requested', { thread_ts: '1700000300.000001' });
    await msg.send();
    await postInThread('1700000300.000001', from);
    // The parent would be rewritten right after the confirmation (after a users.info): give it time to show.
    await settle(1500);
    expect(await lastUpdate('RECT-1')).toMatchObject({ source: 'chat', percent: 55 });
    expect(app.fake.calls.slice(from).filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('does not record a leader’s message naming a key in the round post’s thread', async () => {
    await sent('C0BOARD', '1700000400.000001', ['RECT-1', 'RECT-2'], 'C0BOARD');
    const before = await lastUpdate('RECT-1');
    const from = app.fake.calls.length;
    await app.event({
      type: 'message',
      channel: 'C0BOARD',
      channel_type: 'channel',
      user: LEADER.userId,
      text: 'RECT-1 looks at risk to me, 10%?',
      ts: nextTs(),
      thread_ts: '1700000400.000001',
    });
    await settle();
    expect(app.fake.calls.slice(from).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    expect((await lastUpdate('RECT-1'))?.id).toBe(before?.id);
  });

  it('leaves unrelated channel chatter alone', async () => {
    const before = await app.db.chatReply.count();
    const from = app.fake.calls.length;
    await app.event({
      type: 'message',
      channel: 'C0BOARD',
      channel_type: 'channel',
      user: 'UONE',
      text: 'RECT-1 lunch at 12?',
      ts: nextTs(),
    });
    await app.event({
      type: 'message',
      channel: 'C0BOARD',
      channel_type: 'channel',
      user: 'UONE',
      text: 'RECT-1 70%',
      ts: nextTs(),
      thread_ts: '1699999999.000001',
    });
    // A leader chatting under the update-round post is not reporting.
    await app.event({
      type: 'message',
      channel: 'C0BOARD',
      channel_type: 'channel',
      user: LEADER.userId,
      text: 'please report by Friday',
      ts: nextTs(),
      thread_ts: '1700000200.000001',
    });
    await settle();
    expect(app.fake.calls.slice(from).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    const rows = await app.db.chatReply.findMany({ where: { id: { gt: 0 } }, orderBy: { id: 'asc' }, skip: before });
    expect(rows.map((r) => [r.userId, r.state])).toEqual([[LEADER.userId, 'dismissed']]);
  });
});
