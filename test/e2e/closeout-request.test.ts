import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import { createSlackSender } from '../../src/slack/sender.js';
import { requestCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import {
  allText,
  blockOf,
  callAfter,
  callsSince,
  openByCommand,
  settle,
  state,
  submitView,
} from '../support/modals.js';

let app: TestApp;
const LEADER2 = 'ULEADER2';

function problem(ownerId: string, title: string, board = 'RECT') {
  return createProblem(app.deps, board === 'RECT' ? LEADER : ADMIN, board, {
    title,
    ownerId,
    deadline: '2026-12-20',
    measures: ['Hire two clerks', 'Open a second window', 'Weekly backlog report'],
  });
}

type Button = { type: string; action_id?: string; value?: string };
const buttonsOf = (blocks: unknown): Button[] =>
  ((blocks as { type: string; elements?: Button[] }[]) ?? [])
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .filter((e) => e.type === 'button');

beforeAll(async () => {
  app = await TestApp.start();
  app.fake.locales.set(LEADER2, 'zh-CN');
  await seedBoard(app.deps, { leaders: [LEADER.userId, LEADER2] });
  await seedBoard(app.deps, { code: 'LONE', name: 'A list without leaders', leaders: [] });
  await problem(OWNER.userId, 'Backlog of unprocessed traffic violations'); // RECT-1
  await problem(OWNER.userId, 'Queue times at the permit window'); // RECT-2
  await problem(OWNER.userId, 'Requested twice'); // RECT-3
  await problem(OWNER.userId, 'Orphan problem', 'LONE'); // LONE-1
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('/closeout close KEY', () => {
  it('opens the closeout request modal with a required evidence note', async () => {
    const view = await openByCommand(app, 'close RECT-1', OWNER.userId);
    expect(view.callback_id).toBe(VIEW.closeout);
    expect(view.title.text).toBe('Request closeout');
    expect(blockOf(view, 'evidence')).toMatchObject({
      type: 'input',
      element: { type: 'plain_text_input', multiline: true, max_length: 3000 },
    });
    expect(blockOf(view, 'evidence')).not.toHaveProperty('optional');
    expect(JSON.stringify(view.blocks)).toContain('<@ULEADER>, <@ULEADER2>');
    expect(JSON.parse(view.private_metadata)).toEqual({ lang: 'en', channel: 'C0HERE', key: 'RECT-1' });
  });

  it('saves the request and DMs each leader, in their language, with Approve and Return', async () => {
    const view = await openByCommand(app, 'close RECT-1', OWNER.userId);
    const from = app.fake.calls.length;
    const res = await submitView(app, OWNER.userId, view, {
      evidence: state.text('Two clerks hired; backlog down from 900 to 12 cases. Report: https://example.org/r.pdf'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });

    const confirm = await app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'chat.postEphemeral'));
    expect(String(confirm.args.text)).toContain('Closeout requested for *RECT-1*');
    const request = await app.db.closeoutRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-1' } } });
    expect(request).toMatchObject({
      state: 'pending',
      requestedBy: OWNER.userId,
      evidence: 'Two clerks hired; backlog down from 900 to 12 cases. Report: https://example.org/r.pdf',
    });
    expect((await app.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } })).status).toBe('closeout_requested');

    // Owed to each leader as a keyed delivery: sent to their DM conversation right after the confirmation.
    const toLeaders = () =>
      callsSince(app, from, 'chat.postMessage').filter((c) =>
        [LEADER.userId, LEADER2].includes(String(c.args.channel)),
      );
    const dms = await app.fake.waitFor(() => (toLeaders().length >= 2 ? toLeaders() : undefined));
    expect(dms.map((c) => c.args.channel).sort()).toEqual([LEADER.userId, LEADER2].sort());
    for (const dm of dms) {
      expect(buttonsOf(dm.args.blocks).map((b) => [b.action_id, b.value])).toEqual([
        [ACTION.approve, String(request.id)],
        [ACTION.approveLongTerm, String(request.id)],
        [ACTION.notRectifiable, String(request.id)],
        [ACTION.returnRequest, String(request.id)],
      ]);
      expect(allText(dm)).toContain('backlog down from 900 to 12 cases');
    }
    const en = dms.find((c) => c.args.channel === LEADER.userId)!;
    const zh = dms.find((c) => c.args.channel === LEADER2)!;
    expect(allText(en)).toContain('Closeout request · RECT-1');
    expect(allText(zh)).toContain('销号申请 · RECT-1');
    expect(allText(zh)).toContain('批准销号');
  });

  it('the leader can approve straight from the DM', async () => {
    const request = await app.db.closeoutRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-1' } } });
    const dm = app.fake.calls.find(
      (c) => c.method === 'chat.postMessage' && c.args.channel === LEADER.userId && allText(c).includes('RECT-1'),
    )!;
    await callAfter(app, 'chat.update', () =>
      app.click({
        userId: LEADER.userId,
        actionId: ACTION.approve,
        value: String(request.id),
        message: { channel: 'DLEADER', ts: '1700000000.000999', blocks: dm.args.blocks as unknown[] },
      }),
    );
    expect((await app.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } })).status).toBe('closed');
  });

  it('shows an inline error and saves nothing without evidence', async () => {
    const view = await openByCommand(app, 'close RECT-2', OWNER.userId);
    const res = await submitView(app, OWNER.userId, view, { evidence: state.text('   ') });
    expect(res.json).toEqual({ response_action: 'errors', errors: { evidence: 'Please fill this in.' } });
    await settle();
    expect(await app.db.closeoutRequest.count({ where: { problem: { key: 'RECT-2' } } })).toBe(0);
  });

  it('asks for the key when it is missing', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('close', OWNER.userId));
    expect(String(reply.args.text)).toContain('Usage: `/closeout close KEY`');
  });

  it("refuses someone else's problem and a problem already waiting for a decision", async () => {
    const from = app.fake.calls.length;
    const other = await callAfter(app, 'response_url', () => app.command('close RECT-2', OTHER.userId));
    expect(String(other.args.text)).toContain('Only the owner of RECT-2');
    await requestCloseout(app.deps, OWNER, 'RECT-3', { evidence: 'done' });
    const twice = await callAfter(app, 'response_url', () => app.command('close RECT-3', OWNER.userId));
    expect(String(twice.args.text)).toContain('A closeout request for RECT-3 is already waiting for a decision.');
    expect(callsSince(app, from, 'views.open')).toEqual([]);
  });

  it('if someone requested it meanwhile, says so and gives the evidence back', async () => {
    const view = await openByCommand(app, 'close RECT-2', OWNER.userId);
    await requestCloseout(app.deps, LEADER, 'RECT-2', { evidence: 'leader asked first' });
    const refusal = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, OWNER.userId, view, {
        evidence: state.text('All three measures done; photos in the shared drive.'),
      }),
    );
    expect(String(refusal.args.text)).toContain('already waiting for a decision');
    expect(JSON.stringify(refusal.args.blocks)).toContain('All three measures done; photos in the shared drive.');
    expect(await app.db.closeoutRequest.count({ where: { problem: { key: 'RECT-2' } } })).toBe(1);
  });

  it('sends the request to the admins when the list has no leaders', async () => {
    const view = await openByCommand(app, 'close LONE-1', OWNER.userId);
    expect(JSON.stringify(view.blocks)).toContain('admins');
    const dm = await callAfter(
      app,
      'chat.postMessage',
      () => submitView(app, OWNER.userId, view, { evidence: state.text('Fixed') }),
      (c) => c.args.channel === ADMIN.userId,
    );
    expect(buttonsOf(dm.args.blocks).map((b) => b.action_id)).toEqual([
      ACTION.approve,
      ACTION.approveLongTerm,
      ACTION.notRectifiable,
      ACTION.returnRequest,
    ]);
  });

  it('speaks Chinese to a Chinese-speaking owner', async () => {
    app.fake.locales.set('UZHOWN', 'zh-CN');
    await problem('UZHOWN', '窗口排队时间过长'); // RECT-4
    const view = await openByCommand(app, 'close RECT-4', 'UZHOWN');
    expect(view.title.text).toBe('申请销号');
    expect(blockOf(view, 'evidence')?.label?.text).toBe('整改佐证');
    const res = await submitView(app, 'UZHOWN', view, { evidence: state.text('') });
    expect(res.json).toEqual({ response_action: 'errors', errors: { evidence: '请填写此项。' } });
  });
});

// Last in the file: it creates a problem, and the tests above count on the keys they seeded.
describe('a closeout request during a Slack outage', () => {
  it('keeps a leader’s copy owed through a Slack outage: the Home shows the request, a later run sends it once', async () => {
    const { key } = await problem(OWNER.userId, 'Outage during the request');
    const view = await openByCommand(app, `close ${key}`, OWNER.userId);
    const from = app.fake.calls.length;
    // Slack refuses the second leader's DM for now (the first leader's goes out).
    app.fake.on('chat.postMessage', (args) =>
      args.channel === LEADER2 ? { ok: false, error: 'service_unavailable' } : undefined,
    );
    await submitView(app, OWNER.userId, view, { evidence: state.text('All measures done.') });
    const request = await app.fake.waitFor(() => app.db.closeoutRequest.findFirst({ where: { problem: { key } } }));
    const copyKey = `closeout-request:${request.id}:${LEADER2}`;
    await app.fake.waitFor(async () => {
      await app.running.ctx.followUps.idle();
      const row = await app.db.delivery.findUnique({ where: { dedupeKey: copyKey } });
      return row && row.state === 'pending' && row.attempts > 0 ? row : undefined;
    });
    // The request waits on the leader's Home meanwhile, with a View button.
    const home = await callAfter(app, 'views.publish', () =>
      app.event({ type: 'app_home_opened', user: LEADER2, channel: 'DLEADER2', tab: 'home', event_ts: '1.5' }),
    );
    expect(JSON.stringify(home.args.view)).toContain(key);

    // Slack is back: the scheduler's next run sends the copy, once.
    app.fake.on('chat.postMessage', () => undefined);
    const sender = createSlackSender({ token: 'xoxb-test', apiUrl: app.fake.apiUrl, logger: app.running.ctx.logger });
    const run = {
      db: app.db,
      clock: app.clock,
      logger: app.running.ctx.logger,
      sender,
      instanceId: 'later',
      teamId: 'T0TEST',
    };
    await runJob(run, 'all', app.clock.now());
    await runJob(run, 'all', app.clock.now());
    expect(await app.db.delivery.findUniqueOrThrow({ where: { dedupeKey: copyKey } })).toMatchObject({ state: 'sent' });
    const copies = callsSince(app, from, 'chat.postMessage').filter(
      (c) => c.args.channel === LEADER2 && allText(c).includes(key),
    );
    // The refused attempt, then the one that landed.
    expect(copies.length).toBe(2);
    expect(app.fake.messages.filter((m) => m.channel === 'DLEADER2' && JSON.stringify(m).includes(key))).toHaveLength(
      1,
    );
  });
});
