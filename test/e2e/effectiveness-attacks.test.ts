import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import type { JobDeps } from '../../src/jobs/types.js';
import { archiveBoard, editBoard } from '../../src/services/boards.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { ADMIN, LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { keyOf, schedulerOn } from '../support/jobs.js';
import { TestApp } from '../support/test-app.js';
import { callAfter, newProblem, seedRect, settle } from '../support/cards.js';
import { answers, state, type SentView } from '../support/modals.js';

/**
 * Effectiveness checks under attack (issue 23): forged button values, a check of another board, double
 * clicks, two schedulers at once, a board archived since the ask, a board's period changed after closure,
 * and a reason made of mentions. Each is answered in words and changes nothing it should not.
 */
let app: TestApp;
const ids: Record<string, number> = {};

const jobDeps = (instanceId: string): JobDeps => schedulerOn(app, instanceId);
const run = (at: string, instance = 'scheduler-1') => runJob(jobDeps(instance), 'effectiveness-checks', new Date(at));

async function closeOut(key: string, leader = LEADER) {
  const { request } = await requestCloseout(app.deps, OWNER, key, { evidence: 'Fixed and checked' });
  await approveCloseout(app.deps, leader, request.id, undefined, {});
}
const checkOf = (key: string) => app.db.effectivenessCheck.findUniqueOrThrow({ where: { id: ids[key]! } });
const press = (userId: string, actionId: string, value: string) =>
  callAfter(app, 'response_url', () =>
    app.click({ userId, actionId, value, message: { channel: `D${userId.slice(1)}`, ts: '1700000000.999999' } }),
  );

beforeAll(async () => {
  app = await TestApp.start({ at: '2026-11-25T02:00:00Z' });
  await seedRect(app, { effectivenessDays: 10, calendar: 'none' });
  // Another board of the same workspace, led by OTHER: leading it gives no say over RECT's checks.
  await seedBoard(app.deps, {
    code: 'AUX',
    name: 'Aux list',
    channelId: 'C0AUX',
    leaders: [OTHER.userId],
    effectivenessDays: 10,
    calendar: 'none',
  });
  for (const title of ['Permit backlog', 'Queue times', 'Broken kiosk', 'Late reports'])
    await newProblem(app, { title });
  for (const key of ['RECT-1', 'RECT-2', 'RECT-3', 'RECT-4']) await closeOut(key);
  for (const check of await app.db.effectivenessCheck.findMany({ include: { problem: true } }))
    ids[check.problem.key] = check.id;
});
afterAll(async () => {
  await app.stop();
});

describe('effectiveness checks under attack', () => {
  it('two schedulers at once ask each owner once', async () => {
    const [a, b] = await Promise.all([
      run('2026-12-05T01:00:00Z', 'scheduler-1'),
      run('2026-12-05T01:00:00Z', 'scheduler-2'),
    ]);
    expect(a.planned.length + b.planned.length).toBeGreaterThanOrEqual(4);
    await settle(200);
    const asks = app.fake.messages.filter((m) => keyOf(m).startsWith('effectiveness:'));
    expect(asks.map(keyOf).sort()).toEqual(
      ['RECT-1', 'RECT-2', 'RECT-3', 'RECT-4'].map((k) => `effectiveness:${ids[k]}:r0:owner`).sort(),
    );
  });

  it('forged values are "no longer known": junk, zero, negative, huge, a round past the limit, a check that does not exist', async () => {
    for (const value of [
      'junk',
      `${ids['RECT-1']}`,
      '0:0',
      '-1:0',
      `${ids['RECT-1']}:-1`,
      '99999999999999999999:0',
      `${ids['RECT-1']}:123456`,
      '999999999:0',
      `${ids['RECT-1']}:0:0`,
      '',
    ]) {
      const answer = await press(OWNER.userId, ACTION.fixHeld, value);
      expect(String(answer.args.text), value).toContain('That check is no longer known');
    }
    expect((await checkOf('RECT-1')).state).toBe('waiting');
  });

  it('a leader of another board, and a stranger, cannot answer; a wrong round is told it was asked again', async () => {
    const other = await press(OTHER.userId, ACTION.fixHeld, `${ids['RECT-1']}:0`);
    expect(String(other.args.text)).toContain('Only <@UOWNER>');
    const late = await press(OWNER.userId, ACTION.fixHeld, `${ids['RECT-1']}:7`);
    expect(String(late.args.text)).not.toContain('confirmed');
    expect((await checkOf('RECT-1')).state).toBe('waiting');
  });

  it('a double click records one answer and one audit event', async () => {
    const value = `${ids['RECT-1']}:0`;
    await Promise.all([
      app.click({ userId: OWNER.userId, actionId: ACTION.fixHeld, value }),
      app.click({ userId: LEADER.userId, actionId: ACTION.fixHeld, value }),
      app.click({ userId: OWNER.userId, actionId: ACTION.fixNotSure, value }),
    ]);
    await app.settled();
    const check = await checkOf('RECT-1');
    expect(check.state === 'held' || (check.state === 'waiting' && check.round === 1)).toBe(true);
    const events = await app.db.auditEvent.count({
      where: { action: { startsWith: 'effectiveness.' }, targetId: 'RECT-1' },
    });
    expect(events).toBe(1);
  });

  it('a reason made of mentions and markup reaches the leaders escaped; only whitespace is refused', async () => {
    const open = await callAfter(app, 'views.open', () =>
      app.click({ userId: OWNER.userId, actionId: ACTION.fixCameBack, value: `${ids['RECT-2']}:0` }),
    );
    const view = open.args.view as SentView;
    expect(view.callback_id).toBe(VIEW.recurrence);
    const submit = (reason: string, viewId?: string) =>
      app.submit({
        userId: OWNER.userId,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: answers(view, { recurrence_reason: state.text(reason) }),
        viewId,
      });
    expect((await submit('\u00a0\n\t ')).json).toMatchObject({ response_action: 'errors' });
    expect((await submit('x'.repeat(100_000))).json).toMatchObject({ response_action: 'errors' });
    expect((await checkOf('RECT-2')).state).toBe('waiting');
    const from = app.fake.calls.length;
    const reason = '<!channel> <!here|here> <@ULEADER> *bold* <https://evil.example|click>';
    expect((await submit(reason, 'VCAMEBACK')).json).toEqual({ response_action: 'clear' });
    const dms = await app.fake.waitFor((calls) => {
      const found = calls
        .slice(from)
        .filter((c) => c.method === 'chat.postMessage' && c.args.channel === LEADER.userId);
      return found.length ? found : undefined;
    });
    for (const dm of dms) {
      const all = `${String(dm.args.text)} ${JSON.stringify(dm.args.blocks)}`;
      expect(all).not.toContain('<!channel>');
      expect(all).not.toContain('<!here');
      expect(all).not.toContain('<https://evil.example');
    }
    // Submit pressed again (one submission, one result): the same answer, not "already answered".
    const toOwner = () =>
      app.fake.calls
        .slice(from)
        .filter(
          (c) => c.method.startsWith('chat.post') && [OWNER.userId, 'DOWNER'].includes(String(c.args.channel ?? '')),
        )
        .map((c) => String(c.args.text));
    await app.fake.waitFor(() => toOwner().length === 1);
    expect((await submit(reason, 'VCAMEBACK')).json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(() => toOwner().length === 2);
    const [a, b] = toOwner();
    expect(a).not.toContain(':no_entry:');
    expect(b).toBe(a);
    expect(await app.db.auditEvent.count({ where: { action: 'problem.reopen', targetId: 'RECT-2' } })).toBe(1);
  });

  it('a board archived since the ask takes no answer: the problem stays closed', async () => {
    await archiveBoard(app.deps, ADMIN, 'RECT');
    const answer = await press(OWNER.userId, ACTION.fixHeld, `${ids['RECT-3']}:0`);
    expect(String(answer.args.text)).toContain('archived');
    expect((await checkOf('RECT-3')).state).toBe('waiting');
    const open = app.fake.calls.length;
    const back = await press(OWNER.userId, ACTION.fixCameBack, `${ids['RECT-3']}:0`);
    expect(String(back.args.text)).toContain('archived');
    expect(app.fake.calls.slice(open).some((c) => c.method === 'views.open')).toBe(false);
    expect((await app.db.problem.findFirstOrThrow({ where: { key: 'RECT-3' } })).status).toBe('closed');
    await editBoard(app.deps, ADMIN, 'RECT', { archived: false });
  });

  it('the board’s period changed after closure: the check keeps its day; Not sure yet uses the new half', async () => {
    await editBoard(app.deps, ADMIN, 'RECT', { effectivenessDays: 0 });
    app.clock.set('2026-12-06T02:00:00Z');
    await app.click({ userId: OWNER.userId, actionId: ACTION.fixNotSure, value: `${ids['RECT-4']}:0` });
    await app.settled();
    const check = await checkOf('RECT-4');
    expect(check.state).toBe('waiting');
    expect(check.round).toBe(1);
    expect(check.dueDate > '2026-12-06').toBe(true);
  });
});
