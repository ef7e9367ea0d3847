import { describe, expect, it } from 'vitest';
import { approveCloseout, reopenProblem, requestCloseout, returnCloseout } from '../../src/services/closeout.js';
import { applyMeasureChanges } from '../../src/services/measure-changes.js';
import { createProblem, editMeasure, getProblemDetail } from '../../src/services/problems.js';
import { reportNoChange, reportUpdate } from '../../src/services/progress.js';
import { ADMIN, LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb('2026-11-25T02:00:00Z');

async function setup() {
  await seedBoard(ctx.deps);
  return createProblem(ctx.deps, LEADER, 'RECT', {
    title: 'Queue times',
    ownerId: OWNER.userId,
    measures: ['Hire clerks', 'Open window 5'],
  });
}

async function closed() {
  await setup();
  const { request } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'All done' });
  await approveCloseout(ctx.deps, LEADER, request.id);
  return request;
}

const problemRow = () =>
  ctx.t.db.problem.findUniqueOrThrow({ where: { teamId_key: { teamId: OWNER.teamId, key: 'RECT-1' } } });

describe('progress updates', () => {
  it('the first update moves open to in_progress and records health, percent, cycle and time', async () => {
    const created = await setup();
    expect(created.status).toBe('open');
    const { update, problem } = await reportUpdate(ctx.deps, OWNER, 'rect-1', {
      health: 'at_risk',
      percent: 40,
      note: '  hired one  ',
    });
    expect(problem).toMatchObject({
      status: 'in_progress',
      health: 'at_risk',
      percent: 40,
      lastUpdateAt: new Date('2026-11-25T02:00:00Z'),
    });
    // Anchor 2026-11-16 in Asia/Shanghai, 14-day cycles: Nov 25 is in cycle 0.
    expect(update).toMatchObject({
      cycle: 0,
      authorId: OWNER.userId,
      note: 'hired one',
      health: 'at_risk',
      percent: 40,
      measuresDone: '[]',
      source: 'modal',
    });
    ctx.clock.set('2026-12-01T00:00:00Z'); // 08:00 on Dec 1 in Shanghai: cycle 1 (Nov 30 – Dec 13)
    const second = await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'on_track', percent: 60 });
    expect(second.update.cycle).toBe(1);
    expect(second.problem.status).toBe('in_progress');
    expect(await ctx.t.db.update.count()).toBe(2);
  });

  it('marks the named measures done and keeps the others', async () => {
    await setup();
    const { update } = await reportUpdate(ctx.deps, OWNER, 'RECT-1', {
      health: 'on_track',
      percent: 50,
      measuresDone: [2, 2],
    });
    expect(JSON.parse(update.measuresDone)).toEqual([2]);
    const detail = await getProblemDetail(ctx.deps, OWNER.teamId, 'RECT-1');
    expect(detail.measures.map((m) => [m.number, m.status])).toEqual([
      [1, 'todo'],
      [2, 'done'],
    ]);
  });

  it('refuses measure numbers that do not exist and writes nothing', async () => {
    await setup();
    await expectRefusal(
      reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'on_track', percent: 50, measuresDone: [1, 7] }),
      'invalid',
      'error.measure_not_found',
      { key: 'RECT-1', number: 7 },
    );
    expect(await ctx.t.db.update.count()).toBe(0);
    expect((await problemRow()).status).toBe('open');
    expect(await ctx.t.db.measure.count({ where: { status: 'done' } })).toBe(0);
  });

  it('refuses malformed input naming the field', async () => {
    await setup();
    await expectRefusal(
      reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'on_track', percent: 101 }),
      'invalid',
      'error.invalid_field',
      {
        field: 'percent',
      },
    );
    await expectRefusal(
      reportUpdate(ctx.deps, OWNER, 'RECT-404', { health: 'on_track', percent: 1 }),
      'not_found',
      'error.problem_not_found',
      {
        key: 'RECT-404',
      },
    );
  });

  it('"no change" repeats the latest health and percent as a new update', async () => {
    await setup();
    await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'blocked', percent: 30 });
    ctx.clock.advance(60_000);
    const { update, problem } = await reportNoChange(ctx.deps, OWNER, 'RECT-1');
    expect(update).toMatchObject({ health: 'blocked', percent: 30, note: '', source: 'no_change' });
    expect(problem.lastUpdateAt).toEqual(new Date('2026-11-25T02:01:00Z'));
  });

  it('an update while closeout is pending keeps the status', async () => {
    await setup();
    await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    const { problem } = await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'on_track', percent: 100 });
    expect(problem.status).toBe('closeout_requested');
  });

  it('refuses updates, closeout requests and measure changes on a closed problem', async () => {
    await closed();
    await expectRefusal(
      reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'on_track', percent: 100 }),
      'conflict',
      'error.problem_closed',
      {
        key: 'RECT-1',
      },
    );
    await expectRefusal(reportNoChange(ctx.deps, OWNER, 'RECT-1'), 'conflict', 'error.problem_closed');
    await expectRefusal(
      requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'again' }),
      'conflict',
      'error.problem_closed',
    );
    await expectRefusal(
      applyMeasureChanges(ctx.deps, LEADER, 'RECT-1', [], { texts: ['More'] }),
      'conflict',
      'error.problem_closed',
    );
    await expectRefusal(
      editMeasure(ctx.deps, LEADER, 'RECT-1', 1, { status: 'done' }),
      'conflict',
      'error.problem_closed',
    );
    expect(await ctx.t.db.update.count()).toBe(0);
  });
});

describe('closeout requests', () => {
  it('moves to closeout_requested with a pending request holding the evidence', async () => {
    await setup();
    await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'on_track', percent: 90 });
    const { request, problem, leaderIds } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', {
      evidence: '  Two clerks hired  ',
    });
    expect(problem.status).toBe('closeout_requested');
    expect(request).toMatchObject({
      state: 'pending',
      evidence: 'Two clerks hired',
      requestedBy: OWNER.userId,
      decidedBy: null,
    });
    expect(leaderIds).toEqual([LEADER.userId]);
    const pending = await ctx.t.db.closeoutRequest.findMany({ where: { state: 'pending' }, select: { id: true } });
    expect(pending).toEqual([{ id: request.id }]);
  });

  it('an open problem may ask for closeout directly', async () => {
    await setup();
    const { problem } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'Fixed on day one' });
    expect(problem.status).toBe('closeout_requested');
  });

  it('refuses a second request while one is pending', async () => {
    await setup();
    await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    await expectRefusal(
      requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' }),
      'conflict',
      'error.closeout_pending',
      { key: 'RECT-1' },
    );
    expect(await ctx.t.db.closeoutRequest.count()).toBe(1);
  });

  it('refuses empty evidence', async () => {
    await setup();
    await expectRefusal(
      requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: '' }),
      'invalid',
      'error.evidence_required',
    );
    await expectRefusal(
      requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: '   \n ' }),
      'invalid',
      'error.evidence_required',
    );
    expect((await problemRow()).status).toBe('open');
    expect(await ctx.t.db.closeoutRequest.count()).toBe(0);
  });

  it('approval closes the problem with who and when', async () => {
    await setup();
    const { request } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    ctx.clock.set('2026-11-26T09:30:00Z');
    const out = await approveCloseout(ctx.deps, LEADER, request.id);
    expect(out.problem).toMatchObject({
      status: 'closed',
      closedBy: LEADER.userId,
      closedAt: new Date('2026-11-26T09:30:00Z'),
      percent: 100,
    });
    expect(out.request).toMatchObject({
      state: 'approved',
      decidedBy: LEADER.userId,
      decidedAt: new Date('2026-11-26T09:30:00Z'),
      reason: null,
    });
    expect(await ctx.t.db.closeoutRequest.count({ where: { state: 'pending' } })).toBe(0);
  });

  it('return sends the problem back to in_progress with the reason', async () => {
    await setup();
    const { request } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    const out = await returnCloseout(ctx.deps, LEADER, request.id, '  Need the hiring records  ');
    expect(out.problem).toMatchObject({ status: 'in_progress', closedAt: null, closedBy: null });
    expect(out.request).toMatchObject({
      state: 'returned',
      decidedBy: LEADER.userId,
      reason: 'Need the hiring records',
    });
    // After a return the owner may ask again.
    const again = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'records attached' });
    expect(again.problem.status).toBe('closeout_requested');
    expect(await ctx.t.db.closeoutRequest.count()).toBe(2);
  });

  it('refuses a return without a reason and leaves the request pending', async () => {
    await setup();
    const { request } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    await expectRefusal(returnCloseout(ctx.deps, LEADER, request.id, '  '), 'invalid', 'error.reason_required');
    expect((await ctx.t.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe('pending');
    expect((await problemRow()).status).toBe('closeout_requested');
  });

  it('refuses to decide a request that is no longer pending, naming who decided', async () => {
    await setup();
    const { request } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    await returnCloseout(ctx.deps, LEADER, request.id, 'not yet');
    await expectRefusal(approveCloseout(ctx.deps, ADMIN, request.id), 'conflict', 'error.already_decided', {
      state: 'returned',
      user: LEADER.userId,
    });
    await expectRefusal(returnCloseout(ctx.deps, ADMIN, request.id, 'no'), 'conflict', 'error.already_decided', {
      state: 'returned',
    });
    const { request: second } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'now' });
    await approveCloseout(ctx.deps, ADMIN, second.id);
    await expectRefusal(approveCloseout(ctx.deps, LEADER, second.id), 'conflict', 'error.already_decided', {
      state: 'approved',
      user: ADMIN.userId,
    });
    expect((await problemRow()).closedBy).toBe(ADMIN.userId);
  });

  it('refuses unknown requests, including another workspace’s', async () => {
    await setup();
    const { request } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    await expectRefusal(approveCloseout(ctx.deps, LEADER, 9999), 'not_found', 'error.closeout_not_found', { id: 9999 });
    await expectRefusal(
      approveCloseout(ctx.deps, { teamId: 'T0OTHER', userId: ADMIN.userId }, request.id),
      'not_found',
      'error.closeout_not_found',
    );
  });
});

describe('reopen', () => {
  it('a leader reopens a closed problem back to in_progress and clears who closed it', async () => {
    await closed();
    const after = await reopenProblem(ctx.deps, LEADER, 'RECT-1', 'Queues are back');
    expect(after).toMatchObject({ status: 'in_progress', closedAt: null, closedBy: null });
    const { problem } = await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'at_risk', percent: 80 });
    expect(problem.status).toBe('in_progress');
  });

  it('refuses to reopen a problem that is not closed, and a reopen without a reason', async () => {
    await setup();
    await expectRefusal(reopenProblem(ctx.deps, LEADER, 'RECT-1', 'why not'), 'conflict', 'error.problem_not_closed', {
      key: 'RECT-1',
    });
    const { request } = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    await expectRefusal(reopenProblem(ctx.deps, LEADER, 'RECT-1', 'why not'), 'conflict', 'error.problem_not_closed');
    await approveCloseout(ctx.deps, LEADER, request.id);
    await expectRefusal(reopenProblem(ctx.deps, LEADER, 'RECT-1', ''), 'invalid', 'error.reason_required');
    expect((await problemRow()).status).toBe('closed');
  });
});
