import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { LEADER2, buttonsOf, callAfter, newProblem, seedRect, settle, textOf } from '../support/cards.js';
import { answers, state, type SentView } from '../support/modals.js';

let app: TestApp;
let n = 0;

const problemOf = (key: string) => app.db.problem.findFirstOrThrow({ where: { key } });
const leaderDms = (from: number, leader: string) =>
  app.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.channel === leader);
const click = (userId: string, actionId: string, value: string, ts = `1700000004.${String(++n).padStart(6, '0')}`) =>
  app.click({ userId, actionId, value, message: { channel: `D${userId.slice(1)}`, ts } });

beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
  await newProblem(app, { title: 'Permit backlog' }); // RECT-1, deadline 2026-12-20
  await newProblem(app, { title: 'Queue times' }); // RECT-2
  await newProblem(app, { title: 'A leader’s own', ownerId: LEADER.userId }); // RECT-3
  app.fake.locales.set('UZHOWNER', 'zh-CN');
  await newProblem(app, { title: '窗口排队', ownerId: 'UZHOWNER' }); // RECT-4
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('/closeout extend and Request more time', () => {
  it('the owner asks by command: each leader gets Approve / Refuse once; approving moves the deadline', async () => {
    const from = app.fake.calls.length;
    const reply = await callAfter(app, 'response_url', () =>
      app.command('extend RECT-1 2027-01-31 waiting for the new budget', OWNER.userId),
    );
    expect(String(reply.args.text)).toContain('Your request for more time on *RECT-1* (until 2027-01-31) was sent to');
    const dms = await app.fake.waitFor(() =>
      leaderDms(from, LEADER.userId).length && leaderDms(from, LEADER2.userId).length
        ? [...leaderDms(from, LEADER.userId), ...leaderDms(from, LEADER2.userId)]
        : undefined,
    );
    expect(dms).toHaveLength(2);
    const request = await app.db.extensionRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-1' } } });
    expect(buttonsOf(dms[0]!).map((b) => [b.actionId, b.value])).toEqual([
      [ACTION.approveExtension, String(request.id)],
      [ACTION.refuseExtension, String(request.id)],
    ]);
    expect(textOf(dms[0]!)).toContain('waiting for the new budget');
    // Keyed deliveries through the outbox: one per decider, sent once.
    const sentCopies = () =>
      app.db.delivery.findMany({
        where: { dedupeKey: { contains: `extension-request:${request.id}:` } },
        select: { recipient: true, state: true },
      });
    // The DM is posted before its row is marked sent: wait for both rows.
    const deliveries = await app.fake.waitFor(async () => {
      const rows = await sentCopies();
      return rows.every((d) => d.state === 'sent') ? rows : undefined;
    });
    expect(deliveries.map((d) => [d.recipient, d.state]).sort()).toEqual([
      [LEADER.userId, 'sent'],
      [LEADER2.userId, 'sent'],
    ]);
    await settle(100);
    expect(leaderDms(from, LEADER.userId)).toHaveLength(1);

    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () => click(LEADER.userId, ACTION.approveExtension, String(request.id)),
      (c) => c.args.channel === OWNER.userId,
    );
    expect(textOf(ownerDm)).toContain('approved more time on *RECT-1*');
    const problem = await problemOf('RECT-1');
    expect(problem).toMatchObject({ deadline: '2027-01-31', originalDeadline: '2026-12-20' });
    const change = await app.db.deadlineChange.findFirstOrThrow({ where: { problemId: problem.id } });
    expect(change).toMatchObject({
      fromDate: '2026-12-20',
      toDate: '2027-01-31',
      extended: true,
      reason: 'waiting for the new budget',
      actorId: LEADER.userId,
      requestedBy: OWNER.userId,
    });
    // The second leader is too late: told who decided, nothing changes.
    const late = await callAfter(app, 'response_url', () =>
      click(LEADER2.userId, ACTION.approveExtension, String(request.id)),
    );
    expect(String(late.args.text)).toContain('already approved by <@ULEADER>');
  });

  it('the owner asks from the card’s button; a refusal leaves the deadline and tells the owner', async () => {
    const card = await callAfter(app, 'response_url', () => app.command('show RECT-2', OWNER.userId));
    expect(JSON.stringify(card.args)).toContain(ACTION.requestExtension);
    const open = await callAfter(app, 'views.open', () => click(OWNER.userId, ACTION.requestExtension, 'RECT-2'));
    const view = open.args.view as SentView;
    expect(view.callback_id).toBe(VIEW.extension);
    const submit = (given: Record<string, Record<string, unknown>>) =>
      app.submit({
        userId: OWNER.userId,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: answers(view, given),
      });
    const empty = await submit({ extension_date: state.date('2027-02-28'), extension_reason: state.text(' ') });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { extension_reason: expect.any(String) } });
    expect(await app.db.extensionRequest.count({ where: { problem: { key: 'RECT-2' } } })).toBe(0);
    expect(
      (await submit({ extension_date: state.date('2027-02-28'), extension_reason: state.text('Supplier late') })).json,
    ).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(
      async () => (await app.db.extensionRequest.count({ where: { problem: { key: 'RECT-2' } } })) === 1,
    );
    const request = await app.db.extensionRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-2' } } });
    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () => click(LEADER2.userId, ACTION.refuseExtension, String(request.id)),
      (c) => c.args.channel === OWNER.userId,
    );
    expect(textOf(ownerDm)).toContain('refused more time on *RECT-2*');
    expect((await problemOf('RECT-2')).deadline).toBe('2026-12-20');
    expect(await app.db.extensionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'refused',
      decidedBy: LEADER2.userId,
    });
  });

  it('separation of duties: a leader cannot decide more time on their own problem', async () => {
    await callAfter(app, 'response_url', () =>
      app.command('extend RECT-3 2027-03-31 more staff needed', LEADER.userId),
    );
    const request = await app.db.extensionRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-3' } } });
    const refusal = await callAfter(app, 'response_url', () =>
      click(LEADER.userId, ACTION.approveExtension, String(request.id)),
    );
    expect(String(refusal.args.text)).toContain('You cannot decide on more time for *RECT-3*');
    expect((await app.db.extensionRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe('pending');
    expect((await problemOf('RECT-3')).deadline).toBe('2026-12-20');
  });

  it('refuses a date that is not later, and a usage error, in Chinese for a Chinese owner', async () => {
    const early = await callAfter(app, 'response_url', () => app.command('extend RECT-4 2026-12-01 太忙', 'UZHOWNER'));
    expect(String(early.args.text)).toContain('新时限须晚于当前时限');
    const usage = await callAfter(app, 'response_url', () => app.command('extend RECT-4', 'UZHOWNER'));
    expect(String(usage.args.text)).toContain('用法');
    expect(await app.db.extensionRequest.count({ where: { problem: { key: 'RECT-4' } } })).toBe(0);
  });

  it('the summary counts the extensions granted on request this round', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('summary RECT', LEADER.userId));
    expect(JSON.stringify(reply.args)).toContain('1 extension granted on request this round');
  });
});
