import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { reportUpdate } from '../../src/services/progress.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { buttonsOf, callAfter, newProblem, seedRect, settle, textOf } from '../support/cards.js';

let app: TestApp;
let ts = 0;
/** A fresh message (channel + ts) a button sits on. */
const msg = (channel: string, ephemeral = false) => ({
  channel,
  ts: `1700000001.${String(++ts).padStart(6, '0')}`,
  ephemeral,
});
const updatesOf = async (key: string) =>
  app.db.update.findMany({ where: { problem: { key } }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
  await newProblem(app, { title: 'Queue times at the permit window' }); // RECT-1
  await reportUpdate(app.deps, OWNER, 'RECT-1', { health: 'at_risk', percent: 40, note: 'Hired one clerk' });
  await newProblem(app, { title: 'Closed already' }); // RECT-2
  const { request } = await requestCloseout(app.deps, OWNER, 'RECT-2', { evidence: 'done' });
  await approveCloseout(app.deps, LEADER, request.id);
  app.fake.locales.set('UZHOWNER', 'zh-CN');
  await newProblem(app, { title: '窗口排队时间过长', ownerId: 'UZHOWNER' }); // RECT-3
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('No change', () => {
  it('records an update repeating the last one and updates the card in place', async () => {
    const before = (await updatesOf('RECT-1')).length;
    const message = msg('DOWNER');
    const update = await callAfter(app, 'chat.update', () =>
      app.click({ userId: OWNER.userId, actionId: ACTION.noChange, value: 'RECT-1', blockId: 'card_actions', message }),
    );
    expect(update.args).toMatchObject({ channel: message.channel, ts: message.ts });
    expect(textOf(update)).toContain('RECT-1 · Queue times at the permit window');
    expect(textOf(update)).toContain('<@UOWNER> reported no change');
    // The owner still has their buttons on the refreshed card.
    expect(buttonsOf(update).map((b) => b.actionId)).toEqual([
      ACTION.reportProgress,
      ACTION.noChange,
      ACTION.requestCloseout,
      ACTION.requestExtension,
    ]);

    const updates = await updatesOf('RECT-1');
    expect(updates.length).toBe(before + 1);
    expect(updates.at(-1)).toMatchObject({ authorId: OWNER.userId, health: 'at_risk', percent: 40 });
    expect(await app.db.auditEvent.count({ where: { action: 'problem.update', targetId: 'RECT-1' } })).toBe(before + 1);
  });

  it('replaces an ephemeral card through its response_url', async () => {
    const calls = app.fake.calls.length;
    const replaced = await callAfter(app, 'response_url', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.noChange,
        value: 'RECT-1',
        blockId: 'card_actions',
        message: msg('C0HERE', true),
      }),
    );
    expect(replaced.args.replace_original).toBe(true);
    expect(textOf(replaced)).toContain('reported no change');
    expect(app.fake.calls.slice(calls).filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('turns a cycle prompt into the problem’s card', async () => {
    const message = msg('DOWNER');
    const update = await callAfter(app, 'chat.update', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.noChange,
        value: 'RECT-1',
        blockId: 'prompt_RECT-1',
        message,
      }),
    );
    expect(update.args.ts).toBe(message.ts);
    expect(textOf(update)).toContain('reported no change');
  });

  it('works from the App Home, which is republished', async () => {
    const before = (await updatesOf('RECT-1')).length;
    await callAfter(
      app,
      'views.publish',
      () => app.click({ userId: OWNER.userId, actionId: ACTION.noChange, value: 'RECT-1' }),
      (c) => c.args.user_id === OWNER.userId,
    );
    // An earlier test's refresh may publish the Home first: wait for the write itself.
    await expect.poll(async () => (await updatesOf('RECT-1')).length).toBe(before + 1);
  });

  it('refuses someone else’s problem, and a closed one, and changes nothing', async () => {
    const before = (await updatesOf('RECT-1')).length;
    const calls = app.fake.calls.length;
    const refusal = await callAfter(app, 'response_url', () =>
      app.click({
        userId: OTHER.userId,
        actionId: ACTION.noChange,
        value: 'RECT-1',
        blockId: 'card_actions',
        message: msg('C0HERE'),
      }),
    );
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(refusal.args.text).toContain('Only the owner of RECT-1 or a leader of its board can do that.');
    const closed = await callAfter(app, 'response_url', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.noChange,
        value: 'RECT-2',
        blockId: 'card_actions',
        message: msg('DOWNER'),
      }),
    );
    expect(closed.args.text).toContain('RECT-2 is already closed.');
    await settle();
    expect((await updatesOf('RECT-1')).length).toBe(before);
    expect(app.fake.calls.slice(calls).filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('on the App Home (no response_url, no channel) tells the refusal in a DM from the app', async () => {
    const calls = app.fake.calls.length;
    const dm = await callAfter(
      app,
      'chat.postMessage',
      () => app.click({ userId: OTHER.userId, actionId: ACTION.noChange, value: 'RECT-1' }),
      (c) => c.args.channel === OTHER.userId,
    );
    expect(dm.args.text).toContain('Only the owner of RECT-1 or a leader of its board can do that.');
    expect(app.fake.calls.slice(calls).filter((c) => c.method === 'chat.postEphemeral')).toEqual([]);
  });

  it('speaks Chinese', async () => {
    const update = await callAfter(app, 'chat.update', () =>
      app.click({
        userId: 'UZHOWNER',
        actionId: ACTION.noChange,
        value: 'RECT-3',
        blockId: 'card_actions',
        message: msg('DZHOWNER'),
      }),
    );
    expect(textOf(update)).toContain('报告本轮无变化');
    expect(textOf(update)).toContain('整改措施');
  });
});

describe('Report progress and Request closeout', () => {
  it('open their modals, remembering the message to update', async () => {
    const message = msg('DOWNER');
    const report = await callAfter(app, 'views.open', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.reportProgress,
        value: 'RECT-1',
        blockId: 'card_actions',
        message,
      }),
    );
    const view = report.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(VIEW.report);
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      origin: { kind: 'card', channel: message.channel, ts: message.ts },
    });

    const closeout = await callAfter(app, 'views.open', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.requestCloseout,
        value: 'RECT-1',
        blockId: 'prompt_RECT-1',
        message,
      }),
    );
    const closeoutView = closeout.args.view as { callback_id: string; private_metadata: string };
    expect(closeoutView.callback_id).toBe(VIEW.closeout);
    expect(JSON.parse(closeoutView.private_metadata)).toMatchObject({
      origin: { kind: 'prompt', channel: message.channel, ts: message.ts },
    });
  });

  it('refuse a member on someone else’s problem before any modal opens', async () => {
    const calls = app.fake.calls.length;
    const refusal = await callAfter(app, 'response_url', () =>
      app.click({
        userId: OTHER.userId,
        actionId: ACTION.reportProgress,
        value: 'RECT-1',
        blockId: 'card_actions',
        message: msg('C0HERE'),
      }),
    );
    expect(refusal.args.text).toContain('Only the owner of RECT-1');
    await settle();
    expect(app.fake.calls.slice(calls).filter((c) => c.method === 'views.open')).toEqual([]);
  });
});
