import { describe, expect, it } from 'vitest';
import { editBoard } from '../../src/services/boards.js';
import { listProblems } from '../../src/services/queries.js';
import { burndown } from '../../src/services/burndown.js';
import type { BoardSummary, Breakdown } from '../../src/services/summary-types.js';
import { summarizeBoard } from '../../src/services/summary.js';
import { boardSummary } from '../support/summary.js';
import { ADMIN, LEADER, OTHER, OWNER, TEAM } from '../support/fixtures.js';
import { seedLeaderSummaryDataset } from '../support/leader-summary-dataset.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb();
const keys = (list: { items: { key: string }[] }) => list.items.map((i) => i.key);
/** Breakdown rows as [key, total, closed, overdue, completion, open, in_progress, closeout_requested]. */
const table = (s: BoardSummary) =>
  s.rows.map((r) => [
    r.key,
    r.total,
    r.closed,
    r.overdue,
    r.completion,
    r.byStatus.open,
    r.byStatus.in_progress,
    r.byStatus.closeout_requested,
  ]);

async function summary(by?: Breakdown, listLimit?: number): Promise<BoardSummary> {
  await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
  return boardSummary(ctx.deps, LEADER, 'RECT', { ...(by && { by }), ...(listLimit !== undefined && { listLimit }) });
}

describe('boardSummary, worked out by hand (test/support/leader-summary-dataset.ts)', () => {
  it('counts by status, with completion rounded down', async () => {
    const s = await summary();
    expect(s.total).toBe(9);
    expect(s.byStatus).toEqual({ open: 2, in_progress: 4, closeout_requested: 1, closed: 2 });
    expect(s.completion).toBe(22); // 2/9
    expect(s.cycle).toEqual({ index: 2, startDate: '2026-11-16', endDate: '2026-11-29' });
    expect(s.board.channelId).toBe('C0BOARD');
  });

  it('breaks down by category: the board’s order, then others, uncategorised last', async () => {
    const s = await summary('category');
    expect(s.by).toBe('category');
    expect(table(s)).toEqual([
      ['Livelihood', 4, 1, 3, 25, 1, 2, 0],
      ['Business', 3, 1, 0, 33, 0, 1, 1],
      ['Zeta', 1, 0, 0, 0, 0, 1, 0],
      [null, 1, 0, 0, 0, 1, 0, 0],
    ]);
  });

  it('breaks down by unit: most problems still open first, no unit last', async () => {
    const s = await summary('unit');
    expect(table(s)).toEqual([
      ['Traffic police', 3, 0, 2, 0, 1, 1, 1],
      ['Permits office', 3, 1, 1, 33, 0, 2, 0],
      ['Hotline', 2, 0, 0, 0, 1, 1, 0],
      [null, 1, 1, 0, 100, 0, 0, 0],
    ]);
  });

  it('breaks down by owner', async () => {
    const s = await summary('owner');
    expect(table(s)).toEqual([
      [OTHER.userId, 4, 0, 1, 0, 0, 3, 1],
      [OWNER.userId, 5, 2, 2, 40, 2, 1, 0],
    ]);
  });

  it('tells what changed since the previous cycle ended', async () => {
    const s = await summary();
    expect(s.change).toEqual({ since: '2026-11-15', closed: 1, newlyOverdue: 2, created: 2, extended: 0 });
  });

  it('lists overdue oldest first, stale never-updated first, and what is due in 14 days', async () => {
    const s = await summary();
    expect(s.overdue.total).toBe(3);
    expect(s.overdue.items.map((i) => [i.key, i.daysOverdue, i.unit])).toEqual([
      ['RECT-1', 21, 'Traffic police'],
      ['RECT-9', 10, 'Traffic police'],
      ['RECT-2', 3, 'Permits office'],
    ]);
    expect(keys(s.stale)).toEqual(['RECT-1', 'RECT-7', 'RECT-4', 'RECT-9']);
    expect(s.stale.total).toBe(4);
    expect(s.dueSoon.items.map((i) => [i.key, i.deadline])).toEqual([
      ['RECT-8', '2026-11-25'],
      ['RECT-4', '2026-12-01'],
    ]);
  });

  it('truncates each list to the limit but counts all of it', async () => {
    const s = await summary('category', 2);
    expect(keys(s.overdue)).toEqual(['RECT-1', 'RECT-9']);
    expect(s.overdue.total).toBe(3);
    expect(keys(s.stale)).toEqual(['RECT-1', 'RECT-7']);
    expect(s.stale.total).toBe(4);
    expect(s.dueSoon.total).toBe(2);
  });

  it('agrees with /closeout list on what is overdue and stale', async () => {
    const s = await summary();
    const count = (view: 'overdue' | 'stale') =>
      listProblems(ctx.deps, { teamId: TEAM, view, boardCode: 'RECT' }, { offset: 0, limit: 0 }).then((r) => r.total);
    expect([s.overdue.total, s.stale.total]).toEqual([await count('overdue'), await count('stale')]);
  });

  it('merges problems using the list-wide deadline into the overdue order and the change', async () => {
    await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    await editBoard(ctx.deps, ADMIN, 'RECT', { deadline: '2026-11-20' });
    const s = await boardSummary(ctx.deps, LEADER, 'RECT');
    expect(s.overdue.items.map((i) => [i.key, i.deadline, i.daysOverdue])).toEqual([
      ['RECT-1', '2026-11-04', 21],
      ['RECT-9', '2026-11-15', 10],
      ['RECT-7', '2026-11-20', 5],
      ['RECT-2', '2026-11-22', 3],
    ]);
    expect(s.change.newlyOverdue).toBe(3);
    expect(s.rows.find((r) => r.key === null)).toMatchObject({ overdue: 1 });
  });

  it('is for the board’s leaders and admins only', async () => {
    await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    await expect(boardSummary(ctx.deps, ADMIN, 'RECT', { by: 'unit' })).resolves.toMatchObject({
      total: 9,
      by: 'unit',
    });
    await expectRefusal(boardSummary(ctx.deps, OWNER, 'RECT'), 'forbidden', 'error.not_leader', { code: 'RECT' });
  });

  it('reads no update rows: staleness comes from Problem.lastUpdateAt', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    // Deleting every update would change the stale list if the summary read them.
    await ctx.deps.db.update.deleteMany({});
    const s = await summarizeBoard(ctx.deps.db, board, ctx.clock.now());
    expect(keys(s.stale)).toEqual(['RECT-1', 'RECT-7', 'RECT-4', 'RECT-9']);
  });
});

describe('burndown', () => {
  it('counts open and all problems at the end of each cycle since the first problem, and now', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    const b = await burndown(ctx.deps.db, board, ctx.clock.now());
    expect(b).toEqual({
      today: '2026-11-25',
      deadline: null,
      points: [
        { date: '2026-11-01', open: 4, total: 4 },
        { date: '2026-11-15', open: 6, total: 7 },
        { date: '2026-11-25', open: 7, total: 9 },
      ],
    });
  });

  it('keeps only the latest points, and is empty for a board without problems', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    const b = await burndown(ctx.deps.db, { ...board, deadline: '2027-03-31' }, ctx.clock.now(), 2);
    expect(b.deadline).toBe('2027-03-31');
    expect(b.points.map((p) => p.date)).toEqual(['2026-11-15', '2026-11-25']);
    const empty = await burndown(ctx.deps.db, { ...board, id: -1 }, ctx.clock.now());
    expect(empty.points).toEqual([]);
  });
});
