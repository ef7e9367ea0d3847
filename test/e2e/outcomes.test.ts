import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import { exportCsv } from '../../src/services/csv-export.js';
import { outcomeCounts } from '../../src/services/outcome-counts.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { LEADER2, callAfter, newProblem, seedRect, settle, textOf } from '../support/cards.js';
import type { SentView } from '../support/modals.js';
import { answers, state } from '../support/modals.js';

let app: TestApp;
let n = 0;

/** A problem with a pending closeout request (owned by `ownerId`, asked by them). */
async function pending(ownerId = OWNER.userId) {
  const problem = await newProblem(app, { title: `Finding ${++n}`, ownerId });
  const { request } = await requestCloseout(app.deps, { teamId: OWNER.teamId, userId: ownerId }, problem.key, {
    evidence: 'Done; see the report.',
  });
  return { key: problem.key, requestId: request.id };
}
const click = (userId: string, actionId: string, requestId: number) =>
  app.click({
    userId,
    actionId,
    value: String(requestId),
    blockId: `closeout_request:${requestId}`,
    message: { channel: `D${userId.slice(1)}`, ts: `1700000003.${String(++n).padStart(6, '0')}` },
  });
async function openModal(userId: string, actionId: string, requestId: number): Promise<SentView> {
  const open = await callAfter(app, 'views.open', () => click(userId, actionId, requestId));
  return open.args.view as SentView;
}
const submit = (userId: string, view: SentView, given: Record<string, Record<string, unknown>>) =>
  app.submit({
    userId,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: answers(view, given),
  });
const requestOf = (id: number) => app.db.closeoutRequest.findUniqueOrThrow({ where: { id } });
async function until(check: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + 5_000; !(await check());) {
    if (Date.now() > end) throw new Error('until: timed out');
    await settle(20);
  }
}

let rectified: { key: string; requestId: number };
let longTerm: { key: string; requestId: number };
let notRect: { key: string; requestId: number };

beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
  rectified = await pending();
  longTerm = await pending();
  notRect = await pending();
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('deciding with an outcome', () => {
  it('Approve closes as rectified', async () => {
    await click(LEADER.userId, ACTION.approve, rectified.requestId);
    await until(async () => (await requestOf(rectified.requestId)).state === 'approved');
    expect(await requestOf(rectified.requestId)).toMatchObject({ outcome: 'rectified', mechanisms: null });
  });

  it('Approve, long-term asks for the lasting mechanisms and a follow-up date, then closes', async () => {
    const view = await openModal(LEADER.userId, ACTION.approveLongTerm, longTerm.requestId);
    expect(view.callback_id).toBe(VIEW.longTerm);
    const empty = await submit(LEADER.userId, view, { mechanisms: state.text(''), follow_up: state.date(null) });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { mechanisms: expect.any(String) } });
    expect((await requestOf(longTerm.requestId)).state).toBe('pending');
    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () =>
        submit(LEADER.userId, view, {
          mechanisms: state.text('1. Rules on permit handling issued\n\n- Monthly backlog review'),
          follow_up: state.date('2027-03-01'),
        }),
      (c) => c.args.channel === OWNER.userId,
    );
    expect(textOf(ownerDm)).toContain('rectified, long-term');
    expect(await requestOf(longTerm.requestId)).toMatchObject({
      state: 'approved',
      outcome: 'long_term',
      mechanisms: JSON.stringify(['Rules on permit handling issued', 'Monthly backlog review']),
      followUpDate: '2027-03-01',
    });
    expect((await app.db.problem.findFirstOrThrow({ where: { key: longTerm.key } })).status).toBe('closed');
    const audit = await app.db.auditEvent.findFirstOrThrow({
      where: { action: 'closeout.approve', targetId: String(longTerm.requestId) },
    });
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ outcome: 'long_term', followUpDate: '2027-03-01' });
  });

  it('a follow-up date before today is refused with what was typed, and nothing is decided', async () => {
    const early = await pending();
    const view = await openModal(LEADER.userId, ACTION.approveLongTerm, early.requestId);
    const given = { mechanisms: state.text('Weekly queue review'), follow_up: state.date('2026-11-24') };
    const told = await callAfter(app, 'chat.postEphemeral', () => submit(LEADER.userId, view, given));
    expect(String(told.args.text)).toContain('The follow-up date must not be before today (2026-11-25)');
    expect(String(told.args.text)).toContain('Weekly queue review');
    expect(await requestOf(early.requestId)).toMatchObject({ state: 'pending', outcome: null, followUpDate: null });
  });

  it('Not rectifiable needs a reason, keeps the problem open and tells the owner', async () => {
    const view = await openModal(LEADER2.userId, ACTION.notRectifiable, notRect.requestId);
    expect(view.callback_id).toBe(VIEW.notRectifiable);
    const empty = await submit(LEADER2.userId, view, { reason: state.text('  ') });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { reason: 'Please give a reason.' } });
    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () => submit(LEADER2.userId, view, { reason: state.text('The building belongs to another agency.') }),
      (c) => c.args.channel === OWNER.userId,
    );
    expect(textOf(ownerDm)).toContain('not rectifiable');
    expect(textOf(ownerDm)).toContain('another agency');
    expect(await requestOf(notRect.requestId)).toMatchObject({ state: 'not_rectifiable', decidedBy: LEADER2.userId });
    expect((await app.db.problem.findFirstOrThrow({ where: { key: notRect.key } })).status).toBe('in_progress');
  });

  it('separation of duties binds the long-term and not-rectifiable deciders too', async () => {
    const own = await pending(LEADER.userId);
    for (const action of [ACTION.notRectifiable, ACTION.approveLongTerm]) {
      const view = await openModal(LEADER.userId, action, own.requestId);
      const given: Record<string, Record<string, unknown>> = action === ACTION.notRectifiable
        ? { reason: state.text('My own, judged by me') }
        : { mechanisms: state.text('Rule'), follow_up: state.date('2027-01-01') };
      const told = await callAfter(app, 'chat.postEphemeral', () => submit(LEADER.userId, view, given));
      expect(String(told.args.text)).toContain('You cannot decide on *RECT-');
      expect((await requestOf(own.requestId)).state).toBe('pending');
    }
  });
});

describe('outcomes counted and exported', () => {
  it('the summary counts rectified, long-term, mechanisms and not rectifiable apart', async () => {
    const board = await app.db.board.findFirstOrThrow({ where: { code: 'RECT' } });
    expect(await outcomeCounts(app.db, { boardId: board.id })).toEqual({
      closed: 2,
      rectified: 1,
      longTerm: 1,
      mechanisms: 2,
      notRectifiable: 1,
      verified: 0,
      recurred: 0,
    });
    const reply = await callAfter(app, 'response_url', () => app.command('summary RECT', LEADER.userId));
    const text = JSON.stringify(reply.args);
    expect(text).toContain('Closed 2: 1 rectified, 1 long-term; 2 lasting mechanisms');
    expect(text).toContain('1 not rectifiable');
  });

  it('the card shows the long-term outcome with its mechanisms and follow-up', async () => {
    const card = await callAfter(app, 'response_url', () => app.command(`show ${longTerm.key}`, LEADER.userId));
    const text = JSON.stringify(card.args);
    expect(text).toContain('Rectified, long-term');
    expect(text).toContain('Rules on permit handling issued');
  });

  it('the export writes each outcome, the mechanisms one a line and the follow-up date', async () => {
    const { csv } = await exportCsv(app.deps, LEADER, 'RECT');
    const line = (key: string) => csv.split('\r\n').find((l) => l.startsWith(`${key},`)) ?? '';
    expect(line(rectified.key)).toMatch(/,rectified,,,$/);
    expect(csv).toContain(',long_term,"Rules on permit handling issued\nMonthly backlog review",2027-03-01,');
    expect(line(notRect.key)).toMatch(/,not_rectifiable,,,$/);
  });
});
