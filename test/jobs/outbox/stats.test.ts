import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryStats, owedDeliveries } from '../../../src/jobs/outbox/stats.js';
import { seedBoard } from '../../support/fixtures.js';
import { harness, problem, type Harness } from '../../support/jobs.js';

/** What GET /metrics reports of the scheduled messages (runtime/metrics.ts, via the engine's heartbeat). */
const PROMPT_0 = '2026-11-16T01:00:00Z';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
});
afterEach(() => h.stop());

const count = (map: Record<string, number>, key: string) => map[key] ?? 0;

describe('delivery and job statistics', () => {
  it('counts runs, messages sent and failed attempts by kind, and what is still owed', async () => {
    for (const id of ['UOWN1', 'UOWN2', 'UOWN3']) await problem(h.deps, id);
    const before = structuredClone(deliveryStats);
    // One prompt fails for good (the recipient's account is gone).
    h.fake.on('chat.postMessage', (_args, n) =>
      n === 1 ? { body: { ok: false, error: 'user_not_found' } } : undefined,
    );
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.failed).toHaveLength(1);
    expect(count(deliveryStats.jobRuns, 'cycle-prompts')).toBe(count(before.jobRuns, 'cycle-prompts') + 1);
    // The prompts, and the notice to the leader about the one that could not be delivered, each by its kind.
    const prompts = report.sent.filter((key) => key.startsWith('prompt:')).length;
    expect(prompts).toBeGreaterThanOrEqual(2);
    expect(count(deliveryStats.sent, 'cycle-prompts')).toBe(count(before.sent, 'cycle-prompts') + prompts);
    const total = (map: Record<string, number>) => Object.values(map).reduce((a, b) => a + b, 0);
    expect(total(deliveryStats.sent)).toBe(total(before.sent) + report.sent.length);
    expect(count(deliveryStats.failed, 'cycle-prompts')).toBe(count(before.failed, 'cycle-prompts') + 1);

    expect(await owedDeliveries(h.deps.db)).toEqual({});
    await h.deps.db.delivery.createMany({
      data: [
        { teamId: 'T', dedupeKey: 'a', job: 'cycle-prompts', recipient: 'U1', state: 'pending' },
        { teamId: 'T', dedupeKey: 'b', job: 'cycle-prompts', recipient: 'U2', state: 'sending' },
        { teamId: 'T', dedupeKey: 'c', job: 'update-nudges', recipient: 'U3', state: 'pending' },
      ],
    });
    expect(await owedDeliveries(h.deps.db)).toEqual({ 'cycle-prompts': 2, 'update-nudges': 1 });
  });
});
