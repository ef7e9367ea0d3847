import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { cachedBoardSummary } from '../../src/services/summary-cache.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { seedLeaderSummaryDataset } from '../support/leader-summary-dataset.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb();

describe('cached board summary', () => {
  it('computes a burst of summaries on unchanged data once, and anew after a change', async () => {
    await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    const burst = await Promise.all(Array.from({ length: 10 }, () => cachedBoardSummary(ctx.deps, LEADER, 'RECT')));
    expect(new Set(burst).size).toBe(1);
    const before = burst[0]!;
    expect(await cachedBoardSummary(ctx.deps, LEADER, 'RECT')).toBe(before);
    // Another breakdown is another summary.
    expect((await cachedBoardSummary(ctx.deps, LEADER, 'RECT', { by: 'unit' })).by).toBe('unit');

    await createProblem(ctx.deps, LEADER, 'RECT', { title: 'One more', ownerId: OWNER.userId, measures: ['a'] });
    const after = await cachedBoardSummary(ctx.deps, LEADER, 'RECT');
    expect(after).not.toBe(before);
    expect(after.total).toBe(before.total + 1);
  });

  it('still refuses someone who does not lead the board, though the summary is cached', async () => {
    await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    await cachedBoardSummary(ctx.deps, LEADER, 'RECT');
    await expectRefusal(cachedBoardSummary(ctx.deps, OWNER, 'RECT'), 'forbidden', 'error.not_leader');
  });
});
