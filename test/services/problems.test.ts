import { describe, expect, it } from 'vitest';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { reassignProblem } from '../../src/services/problem-changes.js';
import { createProblem, editMeasure, editProblem, getProblemDetail } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { LEADER, OTHER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb('2026-11-25T02:00:00Z');

async function setup() {
  await seedBoard(ctx.deps);
  return createProblem(ctx.deps, LEADER, 'RECT', {
    title: '  Queue times at the permit window ',
    description: 'Citizens wait 3 hours',
    category: 'Livelihood services',
    source: 'Hotline',
    unit: 'Permit office',
    deadline: '2026-12-20',
    ownerId: OWNER.userId,
    measures: ['Hire clerks', ' Open window 5 '],
  });
}

describe('problems', () => {
  it('creates a problem with trimmed fields, measures and creator', async () => {
    const p = await setup();
    expect(p).toMatchObject({
      key: 'RECT-1',
      title: 'Queue times at the permit window',
      category: 'Livelihood services',
      status: 'open',
      percent: 0,
      health: null,
      createdBy: LEADER.userId,
      createdAt: new Date('2026-11-25T02:00:00Z'),
      nextMeasureNumber: 3,
    });
    expect(p.measures.map((m) => [m.number, m.text, m.status, m.ownerId])).toEqual([
      [1, 'Hire clerks', 'todo', null],
      [2, 'Open window 5', 'todo', null],
    ]);
  });

  it('refuses a title over 150 characters and a deadline that is not a real date', async () => {
    await seedBoard(ctx.deps);
    await expectRefusal(
      createProblem(ctx.deps, LEADER, 'RECT', { title: 'x'.repeat(151), ownerId: OWNER.userId }),
      'invalid',
      'error.invalid_field',
      {
        field: 'title',
      },
    );
    await expectRefusal(
      createProblem(ctx.deps, LEADER, 'RECT', { title: 'x', ownerId: OWNER.userId, deadline: '2026-13-01' }),
      'invalid',
      'error.invalid_field',
      {
        field: 'deadline',
      },
    );
    expect(
      (await createProblem(ctx.deps, LEADER, 'RECT', { title: 'x'.repeat(150), ownerId: OWNER.userId })).title,
    ).toHaveLength(150);
  });

  it('an edit changes only the named fields; an empty text clears an optional one', async () => {
    await setup();
    const a = await editProblem(ctx.deps, LEADER, 'RECT-1', { title: 'Queue times' });
    expect(a).toMatchObject({
      title: 'Queue times',
      description: 'Citizens wait 3 hours',
      category: 'Livelihood services',
      unit: 'Permit office',
      deadline: '2026-12-20',
    });
    const b = await editProblem(
      ctx.deps,
      LEADER,
      'RECT-1',
      { category: '', deadline: null },
      { reason: 'No date yet' },
    );
    expect(b).toMatchObject({
      category: null,
      deadline: null,
      description: 'Citizens wait 3 hours',
      source: 'Hotline',
    });
  });

  it('reassigning validates the user and refuses closed problems', async () => {
    await setup();
    await expectRefusal(reassignProblem(ctx.deps, LEADER, 'RECT-1', 'bob'), 'invalid', 'error.invalid_field');
    expect((await reassignProblem(ctx.deps, LEADER, 'RECT-1', ` ${OTHER.userId} `)).after.ownerId).toBe(OTHER.userId);
    const { request } = await requestCloseout(ctx.deps, OTHER, 'RECT-1', { evidence: 'done' });
    await approveCloseout(ctx.deps, LEADER, request.id);
    await expectRefusal(reassignProblem(ctx.deps, LEADER, 'RECT-1', OWNER.userId), 'conflict', 'error.problem_closed', {
      key: 'RECT-1',
    });
  });

  it('measure edits: unknown numbers are refused; owner and deadline can be set and cleared', async () => {
    await setup();
    await expectRefusal(
      editMeasure(ctx.deps, LEADER, 'RECT-1', 9, { status: 'done' }),
      'not_found',
      'error.measure_not_found',
      { key: 'RECT-1', number: 9 },
    );
    const set = await editMeasure(ctx.deps, LEADER, 'RECT-1', 2, { ownerId: OTHER.userId, deadline: '2026-12-01' });
    expect(set).toMatchObject({ ownerId: OTHER.userId, deadline: '2026-12-01', text: 'Open window 5' });
    const cleared = await editMeasure(ctx.deps, LEADER, 'RECT-1', 2, { ownerId: null, deadline: null });
    expect(cleared).toMatchObject({ ownerId: null, deadline: null });
    await expectRefusal(
      editMeasure(ctx.deps, LEADER, 'RECT-1', 2, { deadline: 'soon' }),
      'invalid',
      'error.invalid_field',
    );
  });

  it('the detail view has measures in order, the latest updates first and the latest closeout request', async () => {
    await setup();
    for (const percent of [10, 20, 30, 40, 50, 60]) {
      ctx.clock.advance(3_600_000);
      await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'on_track', percent });
    }
    await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    const d = await getProblemDetail(ctx.deps, TEAM, ' rect-1 ');
    expect(d.board.code).toBe('RECT');
    expect(d.board.leaders.map((l) => l.userId)).toEqual([LEADER.userId]);
    expect(d.measures.map((m) => m.number)).toEqual([1, 2]);
    expect(d.updates.map((u) => u.percent)).toEqual([60, 50, 40, 30, 20]);
    expect(d.closeoutRequests).toHaveLength(1);
    expect(d.closeoutRequests[0]).toMatchObject({ state: 'pending', evidence: 'done' });
    await expectRefusal(getProblemDetail(ctx.deps, 'T0OTHER', 'RECT-1'), 'not_found', 'error.problem_not_found');
  });
});
