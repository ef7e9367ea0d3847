import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { blockKitProblems } from '../support/block-kit.js';
import { seedBoard } from '../support/fixtures.js';
import { harness, problem, type Harness } from '../support/jobs.js';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
  await problem(h.deps, 'UOWNER');
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

describe('the scheduler', () => {
  it('catches up on start, once, and stops cleanly', async () => {
    // The app comes back on day 3 of round 0: the missed prompt goes out at start.
    h.clock.set('2026-11-18T06:00:00Z');
    const scheduler = startScheduler(h.jobDeps);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    // A tick while the first run may still be finishing is skipped or finds nothing new.
    await scheduler.tick();
    await scheduler.stop();
    expect(await scheduler.tick()).toBeNull();
    expect(h.postedKeys(), JSON.stringify(h.fake.calls.map((c) => [c.method, c.args.channel]))).toEqual([
      'prompt:RECT:cycle-0:UOWNER',
    ]);
    expect(
      await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: 'prompt:RECT:cycle-0:UOWNER' } }),
    ).toMatchObject({ state: 'sent' });
  });

  it('runs as of the clock on each tick', async () => {
    h.clock.set('2026-11-15T00:00:00Z');
    const scheduler = startScheduler(h.jobDeps);
    try {
      expect(
        (await scheduler.tick()) ?? (await new Promise((r) => setTimeout(r, 200)).then(() => scheduler.tick())),
      ).toMatchObject({ sent: [] });
      h.clock.set('2026-11-16T01:00:00Z');
      const report = await scheduler.tick();
      expect(report?.sent).toEqual(['prompt:RECT:cycle-0:UOWNER']);
    } finally {
      await scheduler.stop();
    }
  });
});
