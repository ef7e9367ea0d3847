import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Actor } from '../../src/domain/types.js';
import { approveCloseout, requestCloseout, returnCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { ADMIN, LEADER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { auditRows, spawnProc, useDb } from '../support/services.js';

const ctx = useDb();
const LEADER2: Actor = { teamId: TEAM, userId: 'ULEADER2' };

async function pendingRequest() {
  await seedBoard(ctx.deps, { leaders: [LEADER.userId, LEADER2.userId] });
  await createProblem(ctx.deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId });
  return (await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' })).request;
}

/** One decision row, one audit event, and the problem where the winner's decision put it. */
async function expectDecidedOnceBy(requestId: number, winner: string, state: 'approved' | 'returned') {
  const request = await ctx.t.db.closeoutRequest.findUniqueOrThrow({ where: { id: requestId } });
  expect(request).toMatchObject({ state, decidedBy: winner });
  const problem = await ctx.t.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } });
  if (state === 'approved') expect(problem).toMatchObject({ status: 'closed', closedBy: winner });
  else expect(problem).toMatchObject({ status: 'in_progress', closedBy: null, closedAt: null });
  const decisions = (await auditRows(ctx.t.db, { targetType: 'closeout', targetId: String(requestId) })).filter(
    (a) => a.action !== 'closeout.request',
  );
  expect(decisions.map((a) => [a.action, a.actorId])).toEqual([
    [state === 'approved' ? 'closeout.approve' : 'closeout.return', winner],
  ]);
}

describe('exactly-once decisions', () => {
  it('two leaders approving at once: one wins, the other is told who did', async () => {
    const request = await pendingRequest();
    const results = await Promise.allSettled([
      approveCloseout(ctx.deps, LEADER, request.id),
      approveCloseout(ctx.deps, LEADER2, request.id),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = results[0]!.status === 'fulfilled' ? LEADER.userId : LEADER2.userId;
    expect(lost[0]!.reason).toBeInstanceOf(DomainError);
    expect(lost[0]!.reason).toMatchObject({
      code: 'conflict',
      key: 'error.already_decided',
      params: { state: 'approved', user: winner },
    });
    await expectDecidedOnceBy(request.id, winner, 'approved');
  });

  it('approve racing return: exactly one decision stands', async () => {
    const request = await pendingRequest();
    const results = await Promise.allSettled([
      returnCloseout(ctx.deps, LEADER2, request.id, 'missing evidence'),
      approveCloseout(ctx.deps, LEADER, request.id),
      approveCloseout(ctx.deps, ADMIN, request.id),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const decided = await ctx.t.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } });
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toMatchObject({
          code: 'conflict',
          key: 'error.already_decided',
          params: { state: decided.state, user: decided.decidedBy },
        });
      }
    }
    await expectDecidedOnceBy(request.id, decided.decidedBy!, decided.state as 'approved' | 'returned');
  });

  it('two processes on the same database file: one wins, the other is told who did', async () => {
    const request = await pendingRequest();
    const args = (kind: string, actor: Actor) => [
      ctx.t.url,
      TEAM,
      String(request.id),
      kind,
      actor.userId,
      ADMIN.userId,
    ];
    const procs = [spawnProc('decide.ts', args('approve', LEADER)), spawnProc('decide.ts', args('return', LEADER2))];
    await Promise.all(procs.map((p) => p.ready));
    // Hold the write lock so both processes are inside their decision, waiting, when it is released.
    const blocker = new Database(ctx.t.file);
    blocker.prepare('BEGIN IMMEDIATE').run();
    for (const p of procs) p.go();
    await sleep(800);
    const releasedAt = Date.now();
    blocker.prepare('COMMIT').run();
    blocker.close();
    type Outcome = {
      startedAt: number;
      ok: boolean;
      code?: string;
      key?: string;
      params?: Record<string, string>;
      crash?: string;
    };
    const results = (await Promise.all(procs.map((p) => p.result))).map((line) => JSON.parse(line) as Outcome);

    for (const r of results) expect(r.crash).toBeUndefined();
    for (const r of results) expect(r.startedAt).toBeLessThan(releasedAt); // they really raced
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = results[0]!.ok ? LEADER.userId : LEADER2.userId;
    const state = results[0]!.ok ? 'approved' : 'returned';
    expect(losers[0]).toMatchObject({
      code: 'conflict',
      key: 'error.already_decided',
      params: { state, user: winner },
    });
    await expectDecidedOnceBy(request.id, winner, state);
  });
});
