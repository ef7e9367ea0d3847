import { describe, expect, it } from 'vitest';
import { createBoard, editBoard } from '../../src/services/boards.js';
import { boardDashboard, homeData } from '../../src/services/home.js';
import { completion, type BoardSummary } from '../../src/services/summary-types.js';
import { boardSummary } from '../support/summary.js';
import { ADMIN, LEADER, OTHER, OWNER, TEAM } from '../support/fixtures.js';
import { seedSummaryDataset } from '../support/summary-dataset.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb();
const keys = (items: { key: string }[]) => items.map((i) => i.key);

describe('completion', () => {
  it('is the whole percent closed, rounded down, so only a finished list shows 100%', () => {
    expect(completion(0, 0)).toBe(0);
    expect(completion(19, 31)).toBe(61);
    expect(completion(2, 3)).toBe(66);
    expect(completion(199, 200)).toBe(99);
    expect(completion(5, 5)).toBe(100);
  });
});

describe('boardSummary on the hand-computed dataset', () => {
  async function summary(): Promise<BoardSummary> {
    await seedSummaryDataset(ctx.deps, ctx.clock);
    return boardSummary(ctx.deps, LEADER, 'rect');
  }

  it('counts by status and completion', async () => {
    const s = await summary();
    expect(s.total).toBe(8);
    expect(s.byStatus).toEqual({ open: 2, in_progress: 3, closeout_requested: 1, closed: 2 });
    expect(s.closed).toBe(2);
    expect(s.completion).toBe(25);
    expect(s.today).toBe('2026-11-25');
    expect(s.cycle).toEqual({ index: 0, startDate: '2026-11-16', endDate: '2026-11-29' });
    expect(s.board).toMatchObject({ code: 'RECT', name: 'Rectification list', language: 'en', deadline: null });
  });

  it('breaks down by category in the board’s order, others after, uncategorised last', async () => {
    const s = await summary();
    expect(s.by).toBe('category');
    expect(s.rows.map(({ byStatus: _, ...r }) => r)).toEqual([
      { key: 'Livelihood', total: 3, closed: 1, overdue: 2, completion: 33 },
      { key: 'Business', total: 3, closed: 1, overdue: 0, completion: 33 },
      { key: 'Zeta', total: 1, closed: 0, overdue: 0, completion: 0 },
      { key: null, total: 1, closed: 0, overdue: 0, completion: 0 },
    ]);
  });

  it('lists overdue oldest first with days overdue, owner and unit', async () => {
    const s = await summary();
    expect(s.overdue.items.map((i) => [i.key, i.daysOverdue, i.ownerId, i.unit])).toEqual([
      ['RECT-1', 21, OWNER.userId, 'Permits office'],
      ['RECT-2', 3, OWNER.userId, 'Permits office'],
    ]);
  });

  it('lists problems without an update this cycle, never-updated first; waiting and closed ones are not stale', async () => {
    const s = await summary();
    expect(keys(s.stale.items)).toEqual(['RECT-1', 'RECT-7', 'RECT-4']);
    expect(s.stale.items[2]!.lastUpdateAt?.toISOString()).toBe('2026-11-10T03:00:00.000Z');
  });

  it('lists what is due in the next 14 days (today included, closed left out), soonest first', async () => {
    const s = await summary();
    expect(s.dueSoon.items.map((i) => [i.key, i.deadline])).toEqual([
      ['RECT-8', '2026-11-25'],
      ['RECT-4', '2026-12-01'],
    ]);
  });

  it('lets the list-wide deadline stand in for problems without their own', async () => {
    await seedSummaryDataset(ctx.deps, ctx.clock);
    await editBoard(ctx.deps, ADMIN, 'RECT', { deadline: '2026-11-20' });
    const s = await boardSummary(ctx.deps, LEADER, 'RECT');
    expect(s.overdue.items.map((i) => [i.key, i.daysOverdue])).toEqual([
      ['RECT-1', 21],
      ['RECT-7', 5],
      ['RECT-2', 3],
    ]);
    expect(s.rows.find((c) => c.key === null)).toMatchObject({ overdue: 1 });
  });

  it('moves with the clock: a new cycle makes everyone stale again', async () => {
    await seedSummaryDataset(ctx.deps, ctx.clock);
    ctx.clock.set('2026-11-30T02:00:00Z'); // cycle 1 starts on Nov 30 in Shanghai
    const s = await boardSummary(ctx.deps, LEADER, 'RECT');
    expect(s.cycle.index).toBe(1);
    expect(keys(s.stale.items)).toEqual(['RECT-1', 'RECT-7', 'RECT-4', 'RECT-2', 'RECT-8']);
    expect(keys(s.overdue.items)).toEqual(['RECT-1', 'RECT-2', 'RECT-8']);
  });

  it('is for the board’s leaders and admins only', async () => {
    await seedSummaryDataset(ctx.deps, ctx.clock);
    await expect(boardSummary(ctx.deps, ADMIN, 'RECT')).resolves.toMatchObject({ total: 8 });
    await expectRefusal(boardSummary(ctx.deps, OWNER, 'RECT'), 'forbidden', 'error.not_leader', { code: 'RECT' });
    await expectRefusal(boardSummary(ctx.deps, LEADER, 'NOPE'), 'not_found', 'error.board_not_found', { code: 'NOPE' });
  });

  it('summarises an empty board as zeros', async () => {
    await createBoard(ctx.deps, ADMIN, {
      code: 'EMPTY',
      name: 'Empty',
      timezone: 'UTC',
      language: 'zh-CN',
      leaders: [],
      anchorDate: '2026-01-01',
    });
    const s = await boardSummary(ctx.deps, ADMIN, 'EMPTY');
    const none = { total: 0, items: [] };
    expect(s).toMatchObject({
      total: 0,
      closed: 0,
      completion: 0,
      rows: [],
      overdue: none,
      stale: none,
      dueSoon: none,
    });
    expect(s.change).toEqual({ since: '2026-11-18', closed: 0, newlyOverdue: 0, created: 0, extended: 0 });
    expect(s.board.language).toBe('zh-CN');
  });
});

describe('the Home data', () => {
  it('gives a leader dashboard numbers that agree with the summary', async () => {
    const board = await seedSummaryDataset(ctx.deps, ctx.clock);
    const s = await boardSummary(ctx.deps, LEADER, 'RECT');
    const d = await boardDashboard(ctx.deps, TEAM, board, 3);
    expect(d).toMatchObject({
      code: 'RECT',
      total: s.total,
      closed: s.closed,
      completion: s.completion,
      byStatus: s.byStatus,
      overdue: s.overdue.total,
      stale: s.stale.total,
    });
    expect(d.pending).toEqual({
      total: 1,
      items: [
        {
          key: 'RECT-5',
          title: 'Duplicate inspections',
          requestedBy: OWNER.userId,
          requestedAt: new Date('2026-11-18T04:00:00Z'),
          files: [],
        },
      ],
    });
  });

  it('gives an owner their open problems due soonest first, with overdue counted, and no dashboards', async () => {
    await seedSummaryDataset(ctx.deps, ctx.clock);
    const h = await homeData(ctx.deps, OWNER, { problems: 3, boards: 8, pendingPerBoard: 3, replies: 3 });
    expect(h.mine.total).toBe(5);
    expect(h.mine.overdue).toBe(2);
    expect(keys(h.mine.items)).toEqual(['RECT-1', 'RECT-2', 'RECT-4']);
    expect(h.mine.items[0]).toMatchObject({
      overdue: true,
      daysOverdue: 21,
      stale: true,
      deadline: '2026-11-04',
      timezone: 'Asia/Shanghai',
    });
    expect(h.mine.items[1]).toMatchObject({
      overdue: true,
      daysOverdue: 3,
      stale: false,
      percent: 40,
      health: 'on_track',
    });
    expect(h.boards).toBeNull();
    expect(h.isAdmin).toBe(false);
  });

  it('gives leaders their boards and admins every board', async () => {
    await seedSummaryDataset(ctx.deps, ctx.clock);
    await createBoard(ctx.deps, ADMIN, {
      code: 'OPS',
      name: 'Ops findings',
      timezone: 'UTC',
      language: 'en',
      leaders: [OTHER.userId],
      anchorDate: '2026-11-16',
    });
    const leader = await homeData(ctx.deps, LEADER, { problems: 10, boards: 8, pendingPerBoard: 3, replies: 3 });
    expect(leader.boards?.items.map((b) => b.code)).toEqual(['RECT']);
    const admin = await homeData(ctx.deps, ADMIN, { problems: 10, boards: 1, pendingPerBoard: 3, replies: 3 });
    expect(admin.isAdmin).toBe(true);
    expect(admin.boards?.total).toBe(2);
    expect(admin.boards?.items.map((b) => b.code)).toEqual(['OPS']);
    expect(admin.boards?.items[0]).toMatchObject({ total: 0, completion: 0, pending: { total: 0, items: [] } });
  });
});
