import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OWNER } from '../support/fixtures.js';
import { newProblem, seedRect } from '../support/cards.js';
import { callAfter, callsSince, openByCommand, settle, state, submitView, viewOf } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/**
 * One submission, one result (issue 20): after Slack's 3 s error a person presses Submit again, and Slack
 * sends the same view (same view.id) a second time. The second submission gets the same answer and writes
 * nothing new.
 */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

/** Polls until `check` holds (the work after an ack is asynchronous). */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await check());) {
    if (Date.now() > end) throw new Error('until: timed out');
    await settle(20);
  }
}
const ephemeralsTo = (from: number, userId: string) =>
  callsSince(app, from, 'chat.postEphemeral').filter((c) => c.args.user === userId);
const messagesTo = (from: number, channel: string) =>
  callsSince(app, from, 'chat.postMessage').filter((c) => c.args.channel === channel);

describe('the same modal submitted twice', () => {
  it('new problem: one problem, one owner DM, the same confirmation twice', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    const from = app.fake.calls.length;
    const answers = {
      board: state.select('RECT'),
      title: state.text('Submitted twice'),
      owner: state.user(OWNER.userId),
      measures: state.text('1. Only once'),
    };
    const first = await submitView(app, LEADER.userId, view, answers, 'VNEWTWICE');
    await until(() => ephemeralsTo(from, LEADER.userId).length === 1);
    const second = await submitView(app, LEADER.userId, view, answers, 'VNEWTWICE');
    expect(first.json).toEqual({ response_action: 'clear' });
    expect(second.json).toEqual({ response_action: 'clear' });
    await until(() => ephemeralsTo(from, LEADER.userId).length === 2);
    const [a, b] = ephemeralsTo(from, LEADER.userId).map((c) => String(c.args.text));
    expect(a).toContain('Created *RECT-1* Submitted twice');
    expect(b).toBe(a);

    expect(await app.db.problem.findMany({ where: { title: 'Submitted twice' }, select: { key: true } })).toEqual([
      { key: 'RECT-1' },
    ]);
    expect(await app.db.measure.count({ where: { problem: { key: 'RECT-1' } } })).toBe(1);
    expect(await app.db.auditEvent.count({ where: { action: 'problem.create' } })).toBe(1);
    await settle(200);
    expect(messagesTo(from, OWNER.userId)).toHaveLength(1); // the owner is told once
    // A different modal (another view id) with the same answers is a new problem, as asked.
    await submitView(app, LEADER.userId, view, answers, 'VNEWAGAIN');
    await until(async () => (await app.db.problem.count({ where: { title: 'Submitted twice' } })) === 2);
  });

  it('closeout request: one request, one copy per leader, and "sent" twice rather than "already pending"', async () => {
    const { key } = await newProblem(app, { title: 'Request twice' });
    const view = await openByCommand(app, `close ${key}`, OWNER.userId);
    const from = app.fake.calls.length;
    const evidence = { evidence: state.text('Done, photos attached') };
    await submitView(app, OWNER.userId, view, evidence, 'VCLOSETWICE');
    await until(() => ephemeralsTo(from, OWNER.userId).length === 1);
    const again = await submitView(app, OWNER.userId, view, evidence, 'VCLOSETWICE');
    expect(again.json).toEqual({ response_action: 'clear' });
    await until(() => ephemeralsTo(from, OWNER.userId).length === 2);
    const [a, b] = ephemeralsTo(from, OWNER.userId).map((c) => String(c.args.text));
    expect(a).toContain(`Closeout requested for *${key}*`);
    expect(b).toBe(a);
    expect(await app.db.closeoutRequest.count({ where: { problem: { key } } })).toBe(1);
    await settle(200);
    expect(messagesTo(from, LEADER.userId)).toHaveLength(1);
  });

  it('report: one update, and the same confirmation twice', async () => {
    const { key } = await newProblem(app, { title: 'Report twice' });
    const view = await openByCommand(app, `report ${key}`, OWNER.userId);
    const from = app.fake.calls.length;
    const report = {
      percent: state.number('40'),
      health: state.radio('at_risk'),
      note: state.text('Hired one clerk'),
    };
    await submitView(app, OWNER.userId, view, report, 'VREPORTTWICE');
    await submitView(app, OWNER.userId, view, report, 'VREPORTTWICE');
    await until(() => ephemeralsTo(from, OWNER.userId).length === 2);
    const [a, b] = ephemeralsTo(from, OWNER.userId).map((c) => String(c.args.text));
    expect(a).toContain(`*${key}*`);
    expect(b).toBe(a);
    expect(
      await app.db.update.findMany({ where: { problem: { key } }, select: { percent: true, note: true } }),
    ).toEqual([{ percent: 40, note: 'Hired one clerk' }]);
  });

  it('return: one decision, one message to the owner, and no "already decided" for the second', async () => {
    const { key } = await newProblem(app, { title: 'Return twice' });
    const { request } = await requestCloseout(app.deps, OWNER, key, { evidence: 'Done' });
    const message = { channel: 'DLEADER', ts: '1700000003.000001' };
    const click = () =>
      app.click({
        userId: LEADER.userId,
        actionId: ACTION.returnRequest,
        value: String(request.id),
        blockId: `closeout_request:${request.id}`,
        message,
      });
    const opened = viewOf(await callAfter(app, 'views.open', click));
    const from = app.fake.calls.length;
    const reason = { reason: state.text('The photos are missing') };
    const first = await submitView(app, LEADER.userId, opened, reason, 'VRETURNTWICE');
    await until(
      async () => (await app.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).state !== 'pending',
    );
    const second = await submitView(app, LEADER.userId, opened, reason, 'VRETURNTWICE');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    await settle(300);
    expect(await app.db.auditEvent.count({ where: { action: 'closeout.return', targetId: String(request.id) } })).toBe(
      1,
    );
    expect(await app.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'returned',
      decidedBy: LEADER.userId,
      reason: 'The photos are missing',
    });
    expect(messagesTo(from, OWNER.userId)).toHaveLength(1); // the owner hears of it once
    // The leader's second submission is not answered with "not saved … already decided".
    const refusals = callsSince(app, from).filter((c) => /not saved|already/i.test(JSON.stringify(c.args)));
    expect(refusals).toEqual([]);
  });

  it('closeout request sent three times at once (the submissions race): one request, no refusal', async () => {
    const { key } = await newProblem(app, { title: 'Request in a burst' });
    const view = await openByCommand(app, `close ${key}`, OWNER.userId);
    const from = app.fake.calls.length;
    const evidence = { evidence: state.text('Done') };
    const sent = await Promise.all([1, 2, 3].map(() => submitView(app, OWNER.userId, view, evidence, 'VCLOSEBURST')));
    expect(sent.map((r) => r.json)).toEqual([1, 2, 3].map(() => ({ response_action: 'clear' })));
    await until(() => ephemeralsTo(from, OWNER.userId).length === 3);
    const texts = ephemeralsTo(from, OWNER.userId).map((c) => String(c.args.text));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain(`Closeout requested for *${key}*`);
    expect(await app.db.closeoutRequest.count({ where: { problem: { key } } })).toBe(1);
  });

  /** Submits `view` twice as `userId` (the second once the first is answered); the two answers. */
  async function twice(userId: string, view: Parameters<typeof submitView>[2], answers: object, viewId: string) {
    const from = app.fake.calls.length;
    const first = await submitView(app, userId, view, answers as never, viewId);
    await until(() => ephemeralsTo(from, userId).length === 1);
    const second = await submitView(app, userId, view, answers as never, viewId);
    expect([first.json, second.json]).toEqual([{ response_action: 'clear' }, { response_action: 'clear' }]);
    await until(() => ephemeralsTo(from, userId).length === 2);
    return ephemeralsTo(from, userId).map((c) => String(c.args.text));
  }

  it('withdraw reason: withdrawn once, and "withdrawn" twice rather than "RECT-n is withdrawn"', async () => {
    const { key } = await newProblem(app, { title: 'Withdraw twice' });
    const view = await openByCommand(app, `withdraw ${key}`, LEADER.userId);
    const [a, b] = await twice(LEADER.userId, view, { reason: state.text('Merged') }, 'VWITHDRAWTWICE');
    expect(a).toContain(`*${key}*`);
    expect(a).not.toContain(':no_entry:');
    expect(b).toBe(a);
    expect(await app.db.auditEvent.count({ where: { action: 'problem.withdraw' } })).toBe(1);
  });

  it('measures: added once, and the same answer rather than "changed by someone else meanwhile"', async () => {
    const { key } = await newProblem(app, { title: 'Measures twice', measures: ['First step'] });
    const view = await openByCommand(app, `measures ${key}`, LEADER.userId);
    const answers = {
      'm1.text': state.text('First step'),
      'm1.owner': state.user(null),
      'm1.deadline': state.date(null),
      'm1.retire': state.checks([]),
      'new.texts': state.text('Second step'),
      'new.owner': state.user(null),
      'new.deadline': state.date(null),
    };
    const [a, b] = await twice(LEADER.userId, view, answers, 'VMEASURESTWICE');
    expect(a).toContain(`*${key}* measures: 1 added`);
    expect(b).toBe(a);
    const texts = await app.db.measure.findMany({ where: { problem: { key } }, select: { text: true } });
    expect(texts.map((m) => m.text)).toEqual(['First step', 'Second step']);
  });

  it('more time: one extension request, one DM per leader, and "sent" twice rather than "already waiting"', async () => {
    const { key } = await newProblem(app, { title: 'Extension twice' });
    const message = { channel: 'DOWNER', ts: '1700000009.000001' };
    const open = await callAfter(app, 'views.open', () =>
      app.click({ userId: OWNER.userId, actionId: ACTION.requestExtension, value: key, message }),
    );
    const view = viewOf(open);
    const from = app.fake.calls.length;
    const answers = { extension_date: state.date('2027-02-28'), extension_reason: state.text('Supplier late') };
    const toOwner = () =>
      app.fake.calls
        .slice(from)
        .filter(
          (c) =>
            (c.method === 'chat.postEphemeral' && c.args.user === OWNER.userId) ||
            (c.method === 'chat.postMessage' && c.args.channel === OWNER.userId),
        )
        .map((c) => String(c.args.text));
    await submitView(app, OWNER.userId, view, answers, 'VEXTENDTWICE');
    await until(() => toOwner().length === 1);
    expect((await submitView(app, OWNER.userId, view, answers, 'VEXTENDTWICE')).json).toEqual({
      response_action: 'clear',
    });
    await until(() => toOwner().length === 2);
    const [a, b] = toOwner();
    expect(a).toContain(`*${key}*`);
    expect(a).not.toContain(':no_entry:');
    expect(b).toBe(a);
    expect(await app.db.extensionRequest.count({ where: { problem: { key } } })).toBe(1);
    await settle(200);
    expect(messagesTo(from, LEADER.userId)).toHaveLength(1);
  });

  it('board new: one board, and "created" twice rather than "the code is taken"', async () => {
    const view = await openByCommand(app, 'board new', ADMIN.userId);
    const answers = {
      code: state.text('twice'),
      name: state.text('Twice findings'),
      channel: state.conversation('C0TWICE'),
      timezone: state.select('Asia/Shanghai'),
      language: state.select('en'),
      leaders: state.users([LEADER.userId]),
      cycle_days: state.number('7'),
      anchor_date: state.date('2026-11-16'),
      prompt_time: state.time('08:30'),
      deadline: state.date('2027-06-30'),
      categories: state.text('One'),
    };
    const [a, b] = await twice(ADMIN.userId, view, answers, 'VBOARDTWICE');
    expect(a).toContain('Created the problem list *TWICE*');
    expect(b).toBe(a);
    expect(await app.db.board.count({ where: { code: 'TWICE' } })).toBe(1);
  });
});
