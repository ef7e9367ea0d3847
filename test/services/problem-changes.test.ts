import { describe, expect, it } from 'vitest';
import { approveCloseout, reopenProblem, requestCloseout } from '../../src/services/closeout.js';
import { restoreProblem, withdrawProblem } from '../../src/services/problem-changes.js';
import { problemHistory } from '../../src/services/problem-history.js';
import { createProblem, editProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { burndown } from '../../src/services/burndown.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb('2026-11-17T02:00:00Z');

async function setup() {
  const board = await seedBoard(ctx.deps);
  const p = await createProblem(ctx.deps, LEADER, 'RECT', {
    title: 'One',
    ownerId: OWNER.userId,
    deadline: '2026-12-31',
  });
  return { board, p };
}

describe('leaders’ changes', () => {
  it('a moved deadline needs a reason, keeps its original, and a stale version is refused', async () => {
    const { p } = await setup();
    await expectRefusal(
      editProblem(ctx.deps, LEADER, p.key, { deadline: '2027-01-31' }),
      'invalid',
      'error.deadline_reason_required',
    );
    const moved = await editProblem(
      ctx.deps,
      LEADER,
      p.key,
      { deadline: '2027-01-31' },
      { reason: 'Hiring', expectedVersion: 1 },
    );
    expect(moved).toMatchObject({ deadline: '2027-01-31', originalDeadline: '2026-12-31', version: 2 });
    await expectRefusal(
      editProblem(ctx.deps, LEADER, p.key, { title: 'Stale' }, { expectedVersion: 1 }),
      'conflict',
      'error.problem_changed',
    );
    // Same values are no change: nothing recorded, version kept.
    expect((await editProblem(ctx.deps, LEADER, p.key, { title: 'One' })).version).toBe(2);
    const changes = await ctx.deps.db.deadlineChange.findMany();
    expect(changes).toMatchObject([{ fromDate: '2026-12-31', toDate: '2027-01-31', extended: true, reason: 'Hiring' }]);
  });

  it('withdraw and restore: out of reach meanwhile, back in the status it had, all in the history', async () => {
    const { p } = await setup();
    await reportUpdate(ctx.deps, OWNER, p.key, { health: 'on_track', percent: 20 });
    await withdrawProblem(ctx.deps, LEADER, p.key, 'duplicate of RECT-9');
    await expectRefusal(
      reportUpdate(ctx.deps, OWNER, p.key, { health: 'on_track', percent: 30 }),
      'conflict',
      'error.problem_withdrawn',
    );
    await expectRefusal(withdrawProblem(ctx.deps, OWNER, p.key), 'forbidden', 'error.not_leader');
    expect((await restoreProblem(ctx.deps, LEADER, p.key)).status).toBe('in_progress');
    const history = await problemHistory(ctx.deps, p, { offset: 0, limit: 10 });
    expect(history.entries.map((e) => e.action)).toEqual(['problem.restore', 'problem.withdraw', 'problem.create']);
    expect(history.entries[1]?.after).toMatchObject({ reason: 'duplicate of RECT-9' });
  });

  it('the burn-down counts a reopened problem as closed until it was reopened, open from then on', async () => {
    const { board, p } = await setup();
    const { request } = await requestCloseout(ctx.deps, OWNER, p.key, { evidence: 'done' });
    await approveCloseout(ctx.deps, LEADER, request.id); // closed in cycle 0 (Nov 16–29)
    ctx.clock.set('2026-12-15T02:00:00Z'); // cycle 2
    await reopenProblem(ctx.deps, LEADER, p.key, 'came back');
    ctx.clock.set('2026-12-20T02:00:00Z');
    const points = (await burndown(ctx.deps.db, board, ctx.clock.now())).points;
    expect(points.map((pt) => [pt.date, pt.open])).toEqual([
      ['2026-11-29', 0],
      ['2026-12-13', 0],
      ['2026-12-20', 1],
    ]);
  });
});
