import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import type { JobDeps } from '../../src/jobs/types.js';
import { reportContent } from '../../src/charts/report/report-content.js';
import { boardByCode } from '../../src/services/boards.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { reportData } from '../../src/services/report-data.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { PostedMessage, SlackCall } from '../support/fake-slack.js';
import { LEADER, OTHER, OWNER, TEAM } from '../support/fixtures.js';
import { keyOf, schedulerOn } from '../support/jobs.js';
import { TestApp } from '../support/test-app.js';
import { LEADER2, buttonsOf, callAfter, newProblem, seedRect, settle, textOf } from '../support/cards.js';
import { answers, blockOf, openByCommand, state, submitView, type SentView } from '../support/modals.js';

/**
 * Effectiveness checks end to end (issue 23): the job asks through the outbox (once per check, round and
 * person, across runs and a restart), the buttons on the real Bolt app answer, the stored rows and the
 * Slack calls say what happened. Board RECT (Asia/Shanghai, prompt time 09:00 = 01:00 UTC), checks 10 days
 * after a closeout, every day a working day; closeouts approved on 2026-11-25.
 */
let app: TestApp;
const checkIds: Record<string, number> = {};

const jobDeps = (instanceId: string): JobDeps => schedulerOn(app, instanceId);
const first = () => jobDeps('scheduler-1');
const run = (at: string, deps = first()) => runJob(deps, 'effectiveness-checks', new Date(at));

const asked = (prefix = 'effectiveness:') => app.fake.messages.filter((m) => keyOf(m).startsWith(prefix));
const askOf = (key: string, round = 0, to = 'owner'): PostedMessage => {
  const found = app.fake.messages.filter((m) => keyOf(m) === `effectiveness:${checkIds[key]}:r${round}:${to}`);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const asCall = (m: PostedMessage): SlackCall =>
  ({ method: 'chat.postMessage', args: { ...m }, at: 0 }) as unknown as SlackCall;
const click = (userId: string, actionId: string, dm: PostedMessage) => {
  const value = buttonsOf(asCall(dm)).find((b) => b.actionId === actionId)?.value;
  if (!value) throw new Error(`no ${actionId} button on ${keyOf(dm)}`);
  return app.click({ userId, actionId, value, message: { channel: dm.channel, ts: dm.ts } });
};
const checkOf = (key: string) => app.db.effectivenessCheck.findUniqueOrThrow({ where: { id: checkIds[key]! } });
const updateOf = (dm: PostedMessage) => (c: SlackCall) => c.args.channel === dm.channel && c.args.ts === dm.ts;

async function closeOut(key: string, longTerm?: { mechanisms: string[]; followUpDate: string }) {
  const { request } = await requestCloseout(app.deps, OWNER, key, { evidence: 'Fixed and checked' });
  await approveCloseout(app.deps, LEADER, request.id, undefined, longTerm ? { longTerm } : {});
}

beforeAll(async () => {
  app = await TestApp.start({ at: '2026-11-25T02:00:00Z' });
  await seedRect(app, { effectivenessDays: 10, calendar: 'none' });
  for (const title of ['Permit backlog', 'Queue times', 'Broken kiosk', 'Late reports'])
    await newProblem(app, { title });
  await closeOut('RECT-1');
  await closeOut('RECT-2', { mechanisms: ['Weekly queue review'], followUpDate: '2026-12-01' });
  await closeOut('RECT-3');
  await closeOut('RECT-4');
  for (const check of await app.db.effectivenessCheck.findMany({ include: { problem: true }, orderBy: { id: 'asc' } }))
    checkIds[check.kind === 'follow_up' ? `${check.problem.key}:follow-up` : check.problem.key] = check.id;
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('effectiveness checks', () => {
  it('are written with each approval: N days after it, and on a long-term closeout’s follow-up date', async () => {
    const rows = await app.db.effectivenessCheck.findMany({ include: { problem: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.problem.key, r.kind, r.dueDate, r.state, r.round])).toEqual([
      ['RECT-1', 'days', '2026-12-05', 'waiting', 0],
      ['RECT-2', 'days', '2026-12-05', 'waiting', 0],
      ['RECT-2', 'follow_up', '2026-12-01', 'waiting', 0],
      ['RECT-3', 'days', '2026-12-05', 'waiting', 0],
      ['RECT-4', 'days', '2026-12-05', 'waiting', 0],
    ]);
  });

  it('the follow-up date of a long-term closeout asks the owner, at the prompt time and not before', async () => {
    await run('2026-11-30T01:00:00Z');
    await run('2026-12-01T00:59:00Z');
    expect(asked()).toHaveLength(0);
    const report = await run('2026-12-01T01:00:00Z');
    expect(report.planned).toEqual([`effectiveness:${checkIds['RECT-2:follow-up']}:r0:owner`]);
    const dm = askOf('RECT-2:follow-up');
    expect(dm.channel).toBe('DOWNER');
    expect(textOf(asCall(dm))).toContain('*RECT-2* Queue times was closed on Nov 25 — has the fix held?');
    expect(textOf(asCall(dm))).toContain('follow-up date of this long-term closeout');
    expect(buttonsOf(asCall(dm)).map((b) => [b.actionId, b.value])).toEqual([
      [ACTION.fixHeld, `${checkIds['RECT-2:follow-up']}:0`],
      [ACTION.fixCameBack, `${checkIds['RECT-2:follow-up']}:0`],
      [ACTION.fixNotSure, `${checkIds['RECT-2:follow-up']}:0`],
    ]);
  });

  it('N days after the closeout the owner is asked once per check, across two runs and a restart', async () => {
    await run('2026-12-05T00:59:00Z');
    expect(asked()).toHaveLength(1);
    const report = await run('2026-12-05T01:00:00Z');
    expect(report.planned).toHaveLength(4);
    expect(report.sent).toHaveLength(4);
    expect((await run('2026-12-05T01:30:00Z')).planned).toEqual([]);
    // A restart: another process (its own instance id and Slack client) on the same database.
    expect((await run('2026-12-05T02:00:00Z', jobDeps('scheduler-2'))).planned).toEqual([]);
    await settle(100);
    for (const key of ['RECT-1', 'RECT-2', 'RECT-3', 'RECT-4']) askOf(key);
    expect(asked()).toHaveLength(5);
    const rows = await app.db.delivery.findMany({ where: { dedupeKey: { startsWith: 'effectiveness:' } } });
    expect(rows.map((r) => [r.state, r.recipient])).toEqual(Array(5).fill(['sent', OWNER.userId]));
  });

  it('Held records who and when; the DM shows it without buttons; a second click changes nothing', async () => {
    app.clock.set('2026-12-05T03:00:00Z');
    const dm = askOf('RECT-1');
    const updated = await callAfter(app, 'chat.update', () => click(OWNER.userId, ACTION.fixHeld, dm), updateOf(dm));
    expect(textOf(updated)).toContain('<@UOWNER> confirmed the fix held');
    expect(buttonsOf(updated)).toEqual([]);
    await app.settled();
    expect(app.fake.calls.filter((c) => c.method === 'response_url').at(-1)?.args.text).toBe(
      'Thanks: the fix on *RECT-1* is recorded as held.',
    );
    const held = await checkOf('RECT-1');
    expect(held).toMatchObject({
      state: 'held',
      answeredBy: OWNER.userId,
      answeredAt: new Date('2026-12-05T03:00:00Z'),
    });
    app.clock.set('2026-12-06T03:00:00Z');
    const again = await callAfter(app, 'response_url', () => click(OWNER.userId, ACTION.fixHeld, dm));
    expect(String(again.args.text)).toContain('already answered by <@UOWNER>: the fix held. Nothing changed.');
    expect(await checkOf('RECT-1')).toEqual(held);
  });

  it('refuses someone who is neither the owner nor a leader, kindly, and changes nothing', async () => {
    const refusal = await callAfter(app, 'response_url', () => click(OTHER.userId, ACTION.fixHeld, askOf('RECT-2')));
    expect(String(refusal.args.text)).toContain('Only <@UOWNER>, who owns *RECT-2*, or a leader of its board');
    expect((await checkOf('RECT-2')).state).toBe('waiting');
  });

  it('It came back asks why, reopens the problem, tells both leaders, and the DM shows it', async () => {
    const dm = askOf('RECT-3');
    const open = await callAfter(app, 'views.open', () => click(OWNER.userId, ACTION.fixCameBack, dm));
    const view = open.args.view as SentView;
    expect(view.callback_id).toBe(VIEW.recurrence);
    const submit = (reason: string) =>
      app.submit({
        userId: OWNER.userId,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: answers(view, { recurrence_reason: state.text(reason) }),
      });
    const blank = await submit('  ');
    expect(blank.json).toMatchObject({ response_action: 'errors', errors: { recurrence_reason: expect.any(String) } });
    expect((await checkOf('RECT-3')).state).toBe('waiting');

    const from = app.fake.calls.length;
    expect((await submit('The kiosk froze again on Monday')).json).toEqual({ response_action: 'clear' });
    const leaderDms = await app.fake.waitFor((calls) => {
      const dms = calls
        .slice(from)
        .filter(
          (c) => c.method === 'chat.postMessage' && [LEADER.userId, LEADER2.userId].includes(String(c.args.channel)),
        );
      return dms.length === 2 ? dms : undefined;
    });
    for (const m of leaderDms) {
      expect(textOf(m)).toContain(
        '*RECT-3* Broken kiosk came back, reported by <@UOWNER>: The kiosk froze again on Monday',
      );
    }
    const updated = await app.fake.waitFor((calls) =>
      calls.slice(from).find((c) => c.method === 'chat.update' && updateOf(dm)(c)),
    );
    expect(textOf(updated)).toContain('<@UOWNER> reported it came back');
    expect(buttonsOf(updated)).toEqual([]);
    expect(await checkOf('RECT-3')).toMatchObject({
      state: 'came_back',
      answeredBy: OWNER.userId,
      reason: 'The kiosk froze again on Monday',
    });
    const problem = await app.db.problem.findFirstOrThrow({ where: { key: 'RECT-3' } });
    expect(problem).toMatchObject({ status: 'in_progress', closedAt: null });
    const reopened = await app.db.auditEvent.findFirstOrThrow({
      where: { action: 'problem.reopen', targetId: 'RECT-3' },
    });
    expect(JSON.parse(reopened.after ?? '{}')).toMatchObject({
      reason: 'The kiosk froze again on Monday',
      recurrence: checkIds['RECT-3'],
    });
    const keys = (await app.db.delivery.findMany({ where: { dedupeKey: { contains: 'recurrence:' } } })).map(
      (d) => d.dedupeKey,
    );
    expect(keys.sort()).toEqual([
      `follow-up:recurrence:${checkIds['RECT-3']}:${LEADER.userId}`,
      `follow-up:recurrence:${checkIds['RECT-3']}:${LEADER2.userId}`,
    ]);

    // The same DM's buttons are stale now: answered in words, nothing changes.
    const late = await callAfter(app, 'response_url', () => click(OWNER.userId, ACTION.fixHeld, dm));
    expect(String(late.args.text)).toContain('already answered by <@UOWNER>: it came back');
    expect((await checkOf('RECT-3')).state).toBe('came_back');
  });

  it('the card shows whether the fix held or the problem came back', async () => {
    const held = await callAfter(app, 'response_url', () => app.command('show RECT-1', LEADER.userId));
    expect(textOf(held)).toContain('*Effectiveness:* held on Dec 5 (<@UOWNER>)');
    const back = await callAfter(app, 'response_url', () => app.command('show RECT-3', LEADER.userId));
    expect(textOf(back)).toContain('*Effectiveness:* came back on Dec 6 (<@UOWNER>)');
    expect(textOf(back)).toContain('<@UOWNER> reported that it came back');
  });

  it('a button on a problem reopened since is answered in words, and its DM brought up to date', async () => {
    await callAfter(app, 'response_url', () => app.command('reopen RECT-2 The queue is back', LEADER.userId));
    expect((await checkOf('RECT-2:follow-up')).state).toBe('void');
    const dm = askOf('RECT-2:follow-up');
    const from = app.fake.calls.length;
    const stale = await callAfter(app, 'response_url', () => click(OWNER.userId, ACTION.fixHeld, dm));
    expect(String(stale.args.text)).toContain('*RECT-2* was reopened since this question was asked');
    const updated = await app.fake.waitFor((calls) =>
      calls.slice(from).find((c) => c.method === 'chat.update' && updateOf(dm)(c)),
    );
    expect(textOf(updated)).toContain('was reopened since: nothing to check');
    expect((await checkOf('RECT-2:follow-up')).state).toBe('void');
  });

  it('Not sure yet asks again in N/2 days (a new round), and not before', async () => {
    app.clock.set('2026-12-05T04:00:00Z');
    const dm = askOf('RECT-4');
    const updated = await callAfter(app, 'chat.update', () => click(OWNER.userId, ACTION.fixNotSure, dm), updateOf(dm));
    expect(textOf(updated)).toContain('Not sure yet: asked again on Dec 10');
    await app.settled();
    expect(await checkOf('RECT-4')).toMatchObject({ state: 'waiting', round: 1, dueDate: '2026-12-10' });
    expect((await run('2026-12-09T01:00:00Z')).planned).toEqual([]);
    expect((await run('2026-12-10T00:59:00Z')).planned).toEqual([]);
    expect((await run('2026-12-10T01:00:00Z')).planned).toEqual([`effectiveness:${checkIds['RECT-4']}:r1:owner`]);
    const again = askOf('RECT-4', 1);
    expect(buttonsOf(asCall(again))[0]?.value).toBe(`${checkIds['RECT-4']}:1`);
    // The first round's buttons are stale.
    const stale = await callAfter(app, 'response_url', () => click(OWNER.userId, ACTION.fixHeld, dm));
    expect(String(stale.args.text)).toContain('was put off until 2026-12-10');
    expect((await checkOf('RECT-4')).state).toBe('waiting');
  });

  it('nobody answering within a cycle brings the leaders in; a leader’s answer is recorded as theirs', async () => {
    expect((await run('2026-12-24T00:59:00Z')).planned).toEqual([]);
    const report = await run('2026-12-24T01:00:00Z');
    expect(report.planned.sort()).toEqual([
      `effectiveness:${checkIds['RECT-4']}:r1:${LEADER.userId}`,
      `effectiveness:${checkIds['RECT-4']}:r1:${LEADER2.userId}`,
    ]);
    const copy = askOf('RECT-4', 1, LEADER2.userId);
    expect(textOf(asCall(copy))).toContain(
      'Nobody answered <@UOWNER>’s check: *RECT-4* Late reports was closed on Nov 25',
    );
    app.clock.set('2026-12-24T02:00:00Z');
    const updated = await callAfter(
      app,
      'chat.update',
      () => click(LEADER2.userId, ACTION.fixHeld, copy),
      updateOf(copy),
    );
    expect(textOf(updated)).toContain('<@ULEADER2> confirmed the fix held');
    await app.settled();
    // The round's other copies (the owner's, the other leader's) show the answer too: no buttons left anywhere.
    for (const other of [askOf('RECT-4', 1), askOf('RECT-4', 1, LEADER.userId)]) {
      const rewritten = await app.fake.waitFor((calls) =>
        calls.find((c) => c.method === 'chat.update' && updateOf(other)(c)),
      );
      expect(textOf(rewritten)).toContain('<@ULEADER2> confirmed the fix held');
      expect(buttonsOf(rewritten)).toEqual([]);
    }
    expect(await checkOf('RECT-4')).toMatchObject({ state: 'held', answeredBy: LEADER2.userId });
    expect((await run('2026-12-30T01:00:00Z')).planned).toEqual([]);
  });

  it('the summary counts the fixes verified effective and the recurrences', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('summary RECT', LEADER.userId));
    expect(textOf(reply)).toContain('2 verified effective · 1 recurrence');
    // The progress report's figures carry the same counts, in the board's language.
    const board = await boardByCode(app.deps, TEAM, 'RECT');
    const data = await reportData(app.db, board, app.clock.now());
    const content = reportContent({ data, lang: 'zh-CN', chart: null });
    const figures = content.blocks.find((b) => b.kind === 'table');
    expect(figures?.kind === 'table' && figures.rows).toContainEqual(['整改效果核查', '2 项经核查效果保持 · 1 项反弹']);
  });
});

describe('the board modal', () => {
  it('shows the days before an effectiveness check, refuses a bad number inline, and saves it', async () => {
    const view = await openByCommand(app, 'board edit RECT', 'UADMIN');
    expect(blockOf(view, 'effectiveness_days')?.element).toMatchObject({ type: 'number_input', initial_value: '10' });
    const submit = (days: string) =>
      submitView(app, 'UADMIN', view, {
        name: state.text('Rectification list'),
        channel: state.conversation('C0BOARD'),
        timezone: state.select('Asia/Shanghai'),
        language: state.select('en'),
        leaders: state.users([LEADER.userId, LEADER2.userId]),
        cycle_days: state.number('14'),
        anchor_date: state.date('2026-11-16'),
        prompt_time: state.time('09:00'),
        deadline: state.date(null),
        effectiveness_days: state.number(days),
      });
    const bad = await submit('400');
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: { effectiveness_days: 'Give a whole number of days from 0 (off) to 365.' },
    });
    expect((await submit('30')).json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(
      async () => (await app.db.board.findFirstOrThrow({ where: { code: 'RECT' } })).effectivenessDays === 30,
    );
  });
});
