import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { harness, problem, textOf, type Harness } from '../support/jobs.js';

/**
 * The effectiveness-checks job on its own (issue 23): when it asks, on the board's working days, what a dry
 * run does, and that two instances running at once ask once. Clock: Tue 2026-11-10, 08:00 in Shanghai.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

async function closeOut(title: string) {
  const p = await problem(h.deps, OWNER.userId, { title });
  const { request } = await requestCloseout(h.deps, OWNER, p.key, { evidence: 'Done' });
  await approveCloseout(h.deps, LEADER, request.id);
  return p;
}
const asks = () => h.postedKeys().filter((k) => k.startsWith('effectiveness:'));

describe('effectiveness-checks job', () => {
  it('a check due on a Saturday is asked on Monday at the prompt time (weekends calendar)', async () => {
    await seedBoard(h.deps, { effectivenessDays: 4, calendar: 'weekends' }); // due Sat 2026-11-14
    await closeOut('Permit backlog');
    await h.run('2026-11-14T01:00:00Z', 'effectiveness-checks');
    await h.run('2026-11-15T05:00:00Z', 'effectiveness-checks');
    await h.run('2026-11-16T00:59:00Z', 'effectiveness-checks');
    expect(asks()).toEqual([]);
    await h.run('2026-11-16T01:00:00Z', 'effectiveness-checks');
    expect(asks()).toHaveLength(1);
    const [dm] = h.fake.messages;
    expect(dm!.channel).toBe('DOWNER');
    expect(textOf(dm!)).toContain('*RECT-1* Permit backlog was closed on Nov 10 — has the fix held?');
  });

  it('checks turned off on the board are no longer asked, but a long-term follow-up date still is', async () => {
    await seedBoard(h.deps, { effectivenessDays: 3, calendar: 'none' });
    await closeOut('Permit backlog');
    const p = await problem(h.deps, OWNER.userId, { title: 'Queue times' });
    const { request } = await requestCloseout(h.deps, OWNER, p.key, { evidence: 'Done' });
    await approveCloseout(h.deps, LEADER, request.id, undefined, {
      longTerm: { mechanisms: ['Rule issued'], followUpDate: '2026-11-13' },
    });
    await h.deps.db.board.updateMany({ data: { effectivenessDays: 0 } });
    await h.run('2026-11-13T01:00:00Z', 'effectiveness-checks');
    expect(h.fake.messages.map((m) => textOf(m))).toEqual([expect.stringContaining('*RECT-2* Queue times')]);
    expect(asks()).toHaveLength(1);
  });

  it('a dry run shows the ask and writes nothing', async () => {
    await seedBoard(h.deps, { effectivenessDays: 3, calendar: 'none' });
    await closeOut('Permit backlog');
    const dry = await h.run('2026-11-13T01:00:00Z', 'effectiveness-checks', { dryRun: true });
    expect(dry.preview?.map((m) => [m.recipient, m.message.kind])).toEqual([[OWNER.userId, 'effectiveness-check']]);
    expect(await h.deps.db.delivery.count()).toBe(0);
    expect(h.fake.messages).toEqual([]);
  });

  it('two instances running at once ask once; a problem reopened meanwhile is not asked', async () => {
    await seedBoard(h.deps, { effectivenessDays: 3, calendar: 'none' });
    await closeOut('Permit backlog');
    const reopened = await closeOut('Queue times');
    await h.deps.db.problem.update({ where: { id: reopened.id }, data: { status: 'in_progress', closedAt: null } });
    const at = new Date('2026-11-13T01:00:00Z');
    await Promise.all([
      runJob(h.jobDeps, 'all', at),
      runJob({ ...h.jobDeps, instanceId: 'test-2' }, 'effectiveness-checks', at),
    ]);
    expect(asks()).toEqual([expect.stringMatching(/^effectiveness:\d+:r0:owner$/)]);
    const rows = await h.deps.db.delivery.findMany({ where: { dedupeKey: { startsWith: 'effectiveness:' } } });
    expect(rows.map((r) => r.state)).toEqual(['sent']);
  });
});
