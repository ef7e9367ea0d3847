import { describe, expect, it } from 'vitest';
import { approveCloseout, reopenProblem, requestCloseout } from '../../src/services/closeout.js';
import { answerCheck, effectivenessCounts } from '../../src/services/effectiveness.js';
import { askAgainDays } from '../../src/services/effectiveness-schedule.js';
import { createProblem } from '../../src/services/problems.js';
import type { DeliveryPlan } from '../../src/services/deliveries.js';
import { ADMIN, LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb('2026-11-17T02:00:00Z');

/** A problem of OWNER's closed by LEADER now (long-term when a follow-up date is given). */
async function closed(title: string, followUpDate?: string) {
  const p = await createProblem(ctx.deps, LEADER, 'RECT', { title, ownerId: OWNER.userId });
  const { request } = await requestCloseout(ctx.deps, OWNER, p.key, { evidence: 'Done' });
  const longTerm = followUpDate ? { mechanisms: ['A rule issued'], followUpDate } : undefined;
  await approveCloseout(ctx.deps, LEADER, request.id, undefined, longTerm ? { longTerm } : {});
  return p;
}
const checksOf = (key: string) =>
  ctx.t.db.effectivenessCheck.findMany({ where: { problem: { key } }, orderBy: { id: 'asc' } });

describe('effectiveness checks (services)', () => {
  it('an approval writes N-day and follow-up checks; with checks off only a long-term one gets its follow-up', async () => {
    await seedBoard(ctx.deps, { effectivenessDays: 0 });
    await closed('Rectified');
    await closed('Long-term', '2027-01-15');
    expect(await checksOf('RECT-1')).toEqual([]);
    expect((await checksOf('RECT-2')).map((c) => [c.kind, c.dueDate])).toEqual([['follow_up', '2027-01-15']]);
    await ctx.t.db.board.updateMany({ data: { effectivenessDays: 7 } });
    await closed('Now with checks');
    expect((await checksOf('RECT-3')).map((c) => [c.kind, c.dueDate, c.closedAt])).toEqual([
      ['days', '2026-11-24', new Date('2026-11-17T02:00:00Z')],
    ]);
  });

  it('Not sure yet waits half the period, at least a day (the cycle when checks are off)', () => {
    expect(askAgainDays({ effectivenessDays: 30, cycleDays: 14 })).toBe(15);
    expect(askAgainDays({ effectivenessDays: 7, cycleDays: 14 })).toBe(4);
    expect(askAgainDays({ effectivenessDays: 1, cycleDays: 14 })).toBe(1);
    expect(askAgainDays({ effectivenessDays: 0, cycleDays: 14 })).toBe(7);
  });

  it('only the owner, a leader or an admin answers; It came back needs a reason', async () => {
    await seedBoard(ctx.deps, { effectivenessDays: 30 });
    await closed('Queue times');
    const [check] = await checksOf('RECT-1');
    await expectRefusal(answerCheck(ctx.deps, OTHER, check!.id, 0, 'held'), 'forbidden', 'effectiveness.not_yours', {
      key: 'RECT-1',
      owner: OWNER.userId,
    });
    await expectRefusal(
      answerCheck(ctx.deps, OWNER, check!.id, 0, 'came_back', '  '),
      'invalid',
      'error.reason_required',
    );
    await expectRefusal(answerCheck(ctx.deps, OWNER, 999, 0, 'held'), 'not_found', 'effectiveness.not_found');
    expect((await checksOf('RECT-1'))[0]).toMatchObject({ state: 'waiting', round: 0 });
    await answerCheck(ctx.deps, ADMIN, check!.id, 0, 'held');
    expect((await checksOf('RECT-1'))[0]).toMatchObject({ state: 'held', answeredBy: ADMIN.userId });
  });

  it('two answers at once: one wins, the other is told and changes nothing', async () => {
    await seedBoard(ctx.deps, { effectivenessDays: 30 });
    await closed('Queue times');
    const [check] = await checksOf('RECT-1');
    const results = await Promise.allSettled([
      answerCheck(ctx.deps, OWNER, check!.id, 0, 'held'),
      answerCheck(ctx.deps, LEADER, check!.id, 0, 'came_back', 'Back again'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const after = (await checksOf('RECT-1'))[0]!;
    const problem = await ctx.t.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } });
    // Whichever won, the problem matches it.
    expect(problem.status).toBe(after.state === 'held' ? 'closed' : 'in_progress');
    expect(await ctx.t.db.auditEvent.count({ where: { action: { startsWith: 'effectiveness.' } } })).toBe(1);
  });

  it('a leader reporting a recurrence owes the other leaders and the owner a DM, not themselves', async () => {
    await seedBoard(ctx.deps, { effectivenessDays: 30, leaders: [LEADER.userId, 'ULEADER2'] });
    await closed('Queue times');
    const [check] = await checksOf('RECT-1');
    let owedTo: string[] = [];
    const owed = (a: { leaderIds: string[]; problem: { ownerId: string } }): DeliveryPlan[] => {
      owedTo = [...a.leaderIds.filter((l) => l !== LEADER.userId), a.problem.ownerId];
      return [];
    };
    const answered = await answerCheck(ctx.deps, LEADER, check!.id, 0, 'came_back', 'Queues are back', owed);
    expect(owedTo).toEqual(['ULEADER2', OWNER.userId]);
    expect(answered.problem).toMatchObject({ key: 'RECT-1', version: 2 });
    const reopen = await ctx.t.db.auditEvent.findFirstOrThrow({ where: { action: 'problem.reopen' } });
    expect([reopen.actorId, JSON.parse(reopen.after ?? '{}')]).toEqual([
      LEADER.userId,
      { status: 'in_progress', reason: 'Queues are back', recurrence: check!.id },
    ]);
  });

  it('a leader’s reopening voids the waiting checks; counts keep held and came back apart', async () => {
    const board = await seedBoard(ctx.deps, { effectivenessDays: 30 });
    await closed('One', '2027-01-15');
    await closed('Two');
    await closed('Three');
    await reopenProblem(ctx.deps, LEADER, 'RECT-1', 'Not done after all');
    expect((await checksOf('RECT-1')).map((c) => c.state)).toEqual(['void', 'void']);
    await answerCheck(ctx.deps, OWNER, (await checksOf('RECT-2'))[0]!.id, 0, 'held');
    await answerCheck(ctx.deps, OWNER, (await checksOf('RECT-3'))[0]!.id, 0, 'came_back', 'Again');
    expect(await effectivenessCounts(ctx.t.db, { boardId: board.id })).toEqual({ verified: 1, recurred: 1 });
  });
});
