import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { LEADER2, buttonsOf, callAfter, newProblem, seedRect, settle, textOf } from '../support/cards.js';

let app: TestApp;
let ts = 0;
const ZH_OWNER = 'UZHOWNER';
const ZH_LEADER = 'UZHLEADER';

/** A problem with a pending closeout request, and the leader's DM that carries its buttons. */
async function pending(opts: { board?: string; ownerId?: string } = {}) {
  const problem = await newProblem(
    app,
    { title: `Problem ${++ts}`, ...(opts.ownerId && { ownerId: opts.ownerId }) },
    opts.board,
  );
  const owner = { teamId: OWNER.teamId, userId: opts.ownerId ?? OWNER.userId };
  const { request } = await requestCloseout(app.deps, owner, problem.key, {
    evidence: 'All measures done; photos in the shared folder.',
  });
  return { key: problem.key, requestId: request.id, blockId: `closeout_request:${request.id}` };
}
const dm = (channel: string) => ({ channel, ts: `1700000002.${String(++ts).padStart(6, '0')}` });
const decide = (
  userId: string,
  actionId: string,
  p: { requestId: number; blockId: string },
  message = dm(`D${userId.slice(1)}`),
) => app.click({ userId, actionId, value: String(p.requestId), blockId: p.blockId, message });
const reasonValues = (value: string) => ({ reason: { reason: { type: 'plain_text_input', value } } });
const updateOf = (message: { ts: string }) =>
  app.fake.waitFor((calls) => calls.find((c) => c.method === 'chat.update' && c.args.ts === message.ts));
const hasActions = (c: SlackCall) => buttonsOf(c).length > 0;
const problemOf = (key: string) => app.db.problem.findFirstOrThrow({ where: { key } });
const requestOf = (id: number) => app.db.closeoutRequest.findUniqueOrThrow({ where: { id } });
const decisionsOf = (id: number) =>
  app.db.auditEvent.findMany({
    where: { targetType: 'closeout', targetId: String(id), action: { in: ['closeout.approve', 'closeout.return'] } },
  });

/** Polls the database (the work after an ack is asynchronous). */
async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await check());) {
    if (Date.now() > end) throw new Error('until: timed out');
    await settle(20);
  }
}

/** Clicks Return and hands back the modal's private_metadata. */
async function openReturn(
  userId: string,
  p: { requestId: number; blockId: string },
  message = dm(`D${userId.slice(1)}`),
) {
  const open = await callAfter(app, 'views.open', () => decide(userId, ACTION.returnRequest, p, message));
  const view = open.args.view as { callback_id: string; private_metadata: string; title: { text: string } };
  expect(view.callback_id).toBe(VIEW.returnReason);
  return view;
}
const submitReturn = (userId: string, metadata: string, reason: string) =>
  app.submit({ userId, callbackId: VIEW.returnReason, privateMetadata: metadata, values: reasonValues(reason) });

beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
  app.fake.locales.set(ZH_OWNER, 'zh-CN');
  app.fake.locales.set(ZH_LEADER, 'zh-CN');
  await seedBoard(app.deps, {
    code: 'ZH',
    name: '问题整改清单',
    language: 'zh-CN',
    leaders: [ZH_LEADER, LEADER.userId],
  });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('Approve', () => {
  it('closes the problem, updates the leader’s message in place and DMs the owner', async () => {
    const p = await pending();
    const message = dm('DLEADER');
    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () => decide(LEADER.userId, ACTION.approve, p, message),
      (c) => c.args.channel === OWNER.userId,
    );
    expect(textOf(ownerDm)).toContain(`<@ULEADER> approved your closeout request: *${p.key}*`);

    const updated = await updateOf(message);
    expect(updated.args.channel).toBe(message.channel);
    expect(textOf(updated)).toContain('*Approved* by <@ULEADER>');
    expect(textOf(updated)).toContain('photos in the shared folder');
    expect(hasActions(updated)).toBe(false);

    expect(await problemOf(p.key)).toMatchObject({ status: 'closed', closedBy: LEADER.userId, percent: 100 });
    expect(await requestOf(p.requestId)).toMatchObject({ state: 'approved', decidedBy: LEADER.userId });
    expect((await decisionsOf(p.requestId)).length).toBe(1);
    // Homes of the owner and the leaders are republished.
    await app.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'views.publish' && c.args.user_id === OWNER.userId),
    );
  });

  it('from a card, re-renders the card with the decision', async () => {
    const p = await pending();
    const message = dm('C0HERE');
    await decide(LEADER.userId, ACTION.approve, { ...p, blockId: 'card_actions' }, message);
    const updated = await updateOf(message);
    expect(textOf(updated)).toContain(`${p.key} · Problem`);
    expect(textOf(updated)).toContain('Closeout approved by <@ULEADER>');
    expect(textOf(updated)).toContain('signed off by <@ULEADER>');
    expect(hasActions(updated)).toBe(false);
    await app.fake.waitFor((calls) =>
      calls.find(
        (c) => c.method === 'chat.postMessage' && c.args.channel === OWNER.userId && textOf(c).includes(`*${p.key}*`),
      ),
    );
  });

  it('is refused to a member who is not a leader, and nothing changes', async () => {
    const p = await pending();
    const calls = app.fake.calls.length;
    for (const user of [OTHER.userId, OWNER.userId]) {
      const refusal = await callAfter(app, 'response_url', () => decide(user, ACTION.approve, p));
      expect(refusal.args.text).toContain('Only leaders of board RECT can do that.');
    }
    await settle();
    expect(await requestOf(p.requestId)).toMatchObject({ state: 'pending', decidedBy: null });
    expect((await problemOf(p.key)).status).toBe('closeout_requested');
    expect(
      app.fake.calls.slice(calls).filter((c) => ['chat.update', 'chat.postMessage', 'views.open'].includes(c.method)),
    ).toEqual([]);
  });
});

describe('Return', () => {
  it('asks for a reason, refuses an empty one inline, then returns the request and tells the owner why', async () => {
    const p = await pending();
    const message = dm('DLEADER');
    const view = await openReturn(LEADER.userId, p, message);

    const empty = await submitReturn(LEADER.userId, view.private_metadata, '   ');
    expect(empty.json).toEqual({ response_action: 'errors', errors: { reason: 'Please give a reason.' } });
    expect(await requestOf(p.requestId)).toMatchObject({ state: 'pending' });

    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () => submitReturn(LEADER.userId, view.private_metadata, 'Photos of measure 2 are missing.'),
      (c) => c.args.channel === OWNER.userId,
    );
    expect(textOf(ownerDm)).toContain(`<@ULEADER> returned your closeout request for *${p.key}*`);
    expect(textOf(ownerDm)).toContain('Photos of measure 2 are missing.');
    expect(buttonsOf(ownerDm).map((b) => b.actionId)).toEqual([ACTION.reportProgress, ACTION.requestCloseout]);

    const updated = await updateOf(message);
    expect(textOf(updated)).toContain('*Returned* by <@ULEADER>');
    expect(textOf(updated)).toContain('Photos of measure 2 are missing.');
    expect(hasActions(updated)).toBe(false);
    expect((await problemOf(p.key)).status).toBe('in_progress');
    expect(await requestOf(p.requestId)).toMatchObject({
      state: 'returned',
      decidedBy: LEADER.userId,
      reason: 'Photos of measure 2 are missing.',
    });
  });

  it('is refused to a member before any modal opens', async () => {
    const p = await pending();
    const calls = app.fake.calls.length;
    const refusal = await callAfter(app, 'response_url', () => decide(OTHER.userId, ACTION.returnRequest, p));
    expect(refusal.args.text).toContain('Only leaders of board RECT can do that.');
    await settle();
    expect(app.fake.calls.slice(calls).filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('in Chinese, for a Chinese leader and owner', async () => {
    const p = await pending({ board: 'ZH', ownerId: ZH_OWNER });
    const message = dm('DZHLEADER');
    const view = await openReturn(ZH_LEADER, p, message);
    expect(view.title.text).toBe('退回销号申请');
    const empty = await submitReturn(ZH_LEADER, view.private_metadata, '');
    expect(empty.json).toEqual({ response_action: 'errors', errors: { reason: '请填写原因。' } });
    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () => submitReturn(ZH_LEADER, view.private_metadata, '整改佐证不全'),
      (c) => c.args.channel === ZH_OWNER,
    );
    expect(textOf(ownerDm)).toContain('退回了您关于');
    expect(textOf(ownerDm)).toContain('整改佐证不全');
    expect(textOf(await updateOf(message))).toContain('*已退回* ：<@UZHLEADER>');
  });
});

describe('the first decision wins', () => {
  it('two leaders approving at once: one decision, one audit event, the other told who decided', async () => {
    const p = await pending();
    const [a, b] = [dm('DLEADER'), dm('DLEADER2')];
    await Promise.all([decide(LEADER.userId, ACTION.approve, p, a), decide(LEADER2.userId, ACTION.approve, p, b)]);
    const told = await app.fake.waitFor((calls) =>
      calls.find((c) => c.method === 'response_url' && String(c.args.text).includes('already approved')),
    );
    const request = await requestOf(p.requestId);
    expect(request.state).toBe('approved');
    expect([LEADER.userId, LEADER2.userId]).toContain(request.decidedBy);
    expect(told.args.text).toContain(`This request was already approved by <@${request.decidedBy}>.`);
    expect((await decisionsOf(p.requestId)).length).toBe(1);
    // Both messages now show the decision, without buttons.
    for (const m of [a, b]) {
      const updated = await updateOf(m);
      expect(textOf(updated)).toContain(`<@${request.decidedBy}>`);
      expect(hasActions(updated)).toBe(false);
    }
    await settle();
    const ownerDms = app.fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.args.channel === OWNER.userId && textOf(c).includes(`*${p.key}*`),
    );
    expect(ownerDms.length).toBe(1);
  });

  it('Approve and Return at the same moment: exactly one decision stands', async () => {
    const p = await pending();
    const returner = dm('DLEADER2');
    const view = await openReturn(LEADER2.userId, p, returner);
    const approver = dm('DLEADER');
    await Promise.all([
      decide(LEADER.userId, ACTION.approve, p, approver),
      submitReturn(LEADER2.userId, view.private_metadata, 'Not yet, see measure 3.'),
    ]);

    await app.fake.waitFor((calls) =>
      calls.find(
        (c) =>
          (c.method === 'response_url' && String(c.args.text).includes('already returned')) ||
          (c.method === 'chat.postEphemeral' && String(c.args.text).includes('already approved')),
      ),
    );
    const request = await requestOf(p.requestId);
    expect((await decisionsOf(p.requestId)).length).toBe(1);
    if (request.state === 'approved') {
      expect(request.decidedBy).toBe(LEADER.userId);
      expect((await problemOf(p.key)).status).toBe('closed');
      const told = app.fake.calls.find(
        (c) => c.method === 'chat.postEphemeral' && String(c.args.text).includes('already approved'),
      )!;
      expect(told.args.user).toBe(LEADER2.userId);
      // What they typed is handed back, not lost.
      expect(told.args.text).toContain('Not yet, see measure 3.');
    } else {
      expect(request).toMatchObject({ state: 'returned', decidedBy: LEADER2.userId });
      expect((await problemOf(p.key)).status).toBe('in_progress');
    }
    for (const m of [approver, returner]) expect(hasActions(await updateOf(m))).toBe(false);
  });

  it('a Return submitted after another leader approved is refused, handing the reason back', async () => {
    const p = await pending();
    const returner = dm('DLEADER2');
    const view = await openReturn(LEADER2.userId, p, returner);
    await decide(LEADER.userId, ACTION.approve, p);
    await until(async () => (await requestOf(p.requestId)).state === 'approved');
    const told = await callAfter(app, 'chat.postEphemeral', () =>
      submitReturn(LEADER2.userId, view.private_metadata, 'Measure 3 is not done.'),
    );
    expect(told.args).toMatchObject({ channel: returner.channel, user: LEADER2.userId });
    expect(told.args.text).toContain('This request was already approved by <@ULEADER>.');
    expect(told.args.text).toContain('Measure 3 is not done.');
    expect(hasActions(await updateOf(returner))).toBe(false);
    expect(await requestOf(p.requestId)).toMatchObject({ state: 'approved', reason: null });
    expect((await decisionsOf(p.requestId)).length).toBe(1);
  });

  it('an Approve after another leader returned the request is told so', async () => {
    const p = await pending();
    const view = await openReturn(LEADER2.userId, p);
    await submitReturn(LEADER2.userId, view.private_metadata, 'Evidence is thin.');
    await until(async () => (await requestOf(p.requestId)).state === 'returned');
    const message = dm('DLEADER');
    const told = await callAfter(app, 'response_url', () => decide(LEADER.userId, ACTION.approve, p, message));
    expect(told.args.text).toContain('This request was already returned by <@ULEADER2>.');
    expect(textOf(await updateOf(message))).toContain('Evidence is thin.');
    expect((await problemOf(p.key)).status).toBe('in_progress');
    expect((await decisionsOf(p.requestId)).length).toBe(1);
  });

  it('a later click is told who decided, and its message catches up', async () => {
    const p = await pending();
    await decide(LEADER.userId, ACTION.approve, p);
    await until(async () => (await requestOf(p.requestId)).state === 'approved');
    for (const action of [ACTION.approve, ACTION.returnRequest]) {
      const message = dm('DLEADER2');
      const calls = app.fake.calls.length;
      const told = await callAfter(app, 'response_url', () => decide(LEADER2.userId, action, p, message));
      expect(told.args.text).toContain('This request was already approved by <@ULEADER>.');
      expect(hasActions(await updateOf(message))).toBe(false);
      expect(app.fake.calls.slice(calls).filter((c) => c.method === 'views.open')).toEqual([]);
    }
    expect((await decisionsOf(p.requestId)).length).toBe(1);
  });
});

describe('in Chinese', () => {
  it('the owner hears about the approval in their language', async () => {
    const p = await pending({ board: 'ZH', ownerId: ZH_OWNER });
    const ownerDm = await callAfter(
      app,
      'chat.postMessage',
      () => decide(ZH_LEADER, ACTION.approve, p),
      (c) => c.args.channel === ZH_OWNER,
    );
    expect(textOf(ownerDm)).toContain('已批准您的销号申请');
    expect((await problemOf(p.key)).status).toBe('closed');
  });
});
