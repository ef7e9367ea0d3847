import { describe, expect, it } from 'vitest';
import { archiveBoard } from '../../src/services/boards.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { listProblems, searchProblems, type ProblemFilter } from '../../src/services/queries.js';
import { ADMIN, LEADER, OTHER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

/** 00:30 on Nov 25 in Shanghai, 11:30 on Nov 24 in New York. */
const NOW = '2026-11-24T16:30:00Z';
const ctx = useDb(NOW);

/**
 * RECT (Asia/Shanghai, list-wide deadline Nov 20) and NYB (America/New_York), both with 14-day cycles from
 * Nov 16 — so the current cycle starts at 2026-11-15T16:00Z on RECT and at 2026-11-16T05:00Z on NYB —
 * plus an archived board OLD.
 */
async function world() {
  const { deps, clock } = ctx;
  await seedBoard(deps, { deadline: '2026-11-20' });
  await seedBoard(deps, { code: 'NYB', name: 'New York', timezone: 'America/New_York' });
  await seedBoard(deps, { code: 'OLD', name: 'Old list' });
  const add = (
    board: string,
    title: string,
    ownerId: string,
    deadline: string | null,
    extra: { category?: string; unit?: string; description?: string } = {},
  ) => createProblem(deps, LEADER, board, { title, ownerId, deadline, ...extra });
  await add('RECT', 'Queue times at the permit window', OWNER.userId, '2026-11-24', {
    category: 'Livelihood',
    unit: 'Permits',
    description: 'Related to RECT-2',
  });
  await add('RECT', 'Slow tax refunds', OTHER.userId, null, { category: 'Business', unit: 'Tax' });
  await add('RECT', 'Broken hotline', OWNER.userId, '2026-12-31', { category: 'Livelihood' });
  await add('RECT', 'Unanswered mailbox', OWNER.userId, '2026-11-01');
  await add('RECT', 'Permit window signage', OWNER.userId, '2026-12-31');
  await add('NYB', 'Parking fines backlog', OWNER.userId, '2026-11-24');
  await add('NYB', 'Late inspections', OTHER.userId, '2026-11-23');
  await add('OLD', 'Ancient issue', OWNER.userId, '2026-01-01');
  await archiveBoard(deps, ADMIN, 'OLD');

  const report = async (key: string, at: string, actor = OWNER) => {
    clock.set(at);
    await reportUpdate(deps, actor, key, { health: 'on_track', percent: 50 });
  };
  await report('RECT-1', '2026-11-15T15:00:00Z'); // 23:00 Nov 15 in Shanghai: the previous cycle
  await report('RECT-2', '2026-11-20T00:00:00Z', OTHER);
  await report('NYB-1', '2026-11-16T04:30:00Z'); // 23:30 Nov 15 in New York: the previous cycle there
  await report('NYB-2', '2026-11-16T05:30:00Z', OTHER);
  clock.set('2026-11-22T00:00:00Z');
  await requestCloseout(deps, OWNER, 'RECT-4', { evidence: 'answered all' });
  const { request } = await requestCloseout(deps, OWNER, 'RECT-3', { evidence: 'fixed' });
  await approveCloseout(deps, LEADER, request.id);
  clock.set(NOW);
}

const keys = async (filter: Omit<ProblemFilter, 'teamId'>, page?: { offset: number; limit: number }) =>
  (await listProblems(ctx.deps, { teamId: TEAM, ...filter }, page)).items.map((p) => p.key);

describe('listProblems', () => {
  it('all: every problem of active boards, due soonest first, undated last', async () => {
    await world();
    expect(await keys({ view: 'all' })).toEqual(['RECT-4', 'NYB-2', 'RECT-1', 'NYB-1', 'RECT-3', 'RECT-5', 'RECT-2']);
  });

  it('open, closed and mine', async () => {
    await world();
    expect(await keys({ view: 'open' })).toEqual(['RECT-4', 'NYB-2', 'RECT-1', 'NYB-1', 'RECT-5', 'RECT-2']);
    expect(await keys({ view: 'closed' })).toEqual(['RECT-3']);
    expect(await keys({ view: 'mine', userId: OWNER.userId })).toEqual(['RECT-4', 'RECT-1', 'NYB-1', 'RECT-5']);
    expect(await keys({ view: 'mine', userId: OWNER.userId, boardCode: 'nyb' })).toEqual(['NYB-1']);
    expect(await keys({ view: 'mine', userId: OTHER.userId })).toEqual(['NYB-2', 'RECT-2']);
    expect(await keys({ view: 'mine' })).toEqual([]);
  });

  it('overdue uses each board’s time zone and its list-wide deadline for undated problems', async () => {
    await world();
    // Due Nov 24: overdue in Shanghai (already Nov 25), not in New York (still Nov 24).
    // RECT-2 has no deadline of its own and the board's (Nov 20) has passed; RECT-5's own Dec 31 wins over it.
    expect(await keys({ view: 'overdue' })).toEqual(['RECT-4', 'NYB-2', 'RECT-1', 'RECT-2']);
    ctx.clock.set('2026-11-24T15:59:00Z'); // 23:59 Nov 24 in Shanghai
    expect(await keys({ view: 'overdue' })).toEqual(['RECT-4', 'NYB-2', 'RECT-2']);
    ctx.clock.set('2026-11-25T05:00:00Z'); // midnight in New York
    expect(await keys({ view: 'overdue', boardCode: 'NYB' })).toEqual(['NYB-2', 'NYB-1']);
  });

  it('stale: no update since the current cycle started on that board; pending closeouts and closed problems never', async () => {
    await world();
    expect(await keys({ view: 'stale' })).toEqual(['RECT-1', 'NYB-1', 'RECT-5']);
    ctx.clock.set('2026-11-30T00:00:00Z'); // cycle 1 on RECT (from Nov 30, Shanghai); still cycle 0 in New York
    expect(await keys({ view: 'stale' })).toEqual(['RECT-1', 'NYB-1', 'RECT-5', 'RECT-2']);
  });

  it('filters by owner, category, unit, board and text, combined with the view', async () => {
    await world();
    expect(await keys({ view: 'all', ownerId: OTHER.userId })).toEqual(['NYB-2', 'RECT-2']);
    expect(await keys({ view: 'all', category: 'Livelihood' })).toEqual(['RECT-1', 'RECT-3']);
    expect(await keys({ view: 'open', category: 'Livelihood' })).toEqual(['RECT-1']);
    expect(await keys({ view: 'all', unit: 'Tax' })).toEqual(['RECT-2']);
    expect(await keys({ view: 'all', boardCode: 'NYB' })).toEqual(['NYB-2', 'NYB-1']);
    expect(await keys({ view: 'overdue', ownerId: OWNER.userId, boardCode: 'RECT' })).toEqual(['RECT-4', 'RECT-1']);
    expect(await keys({ view: 'all', text: 'PERMIT window' })).toEqual(['RECT-1', 'RECT-5']);
    expect(await keys({ view: 'all', text: 'nyb-' })).toEqual(['NYB-2', 'NYB-1']);
    expect(await keys({ view: 'all', text: 'Permits' })).toEqual(['RECT-1']); // the unit
    await expectRefusal(keys({ view: 'all', boardCode: 'NOPE' }), 'not_found', 'error.board_not_found', {
      code: 'NOPE',
    });
  });

  it('archived boards are left out unless asked for or named', async () => {
    await world();
    expect(await keys({ view: 'overdue', includeArchived: true })).toEqual([
      'OLD-1',
      'RECT-4',
      'NYB-2',
      'RECT-1',
      'RECT-2',
    ]);
    expect(await keys({ view: 'all', boardCode: 'old' })).toEqual(['OLD-1']);
    expect(await keys({ view: 'mine', userId: OWNER.userId })).not.toContain('OLD-1');
  });

  it('pages with a total', async () => {
    await world();
    const first = await listProblems(ctx.deps, { teamId: TEAM, view: 'all' }, { offset: 0, limit: 3 });
    expect(first.total).toBe(7);
    expect(first.items.map((p) => p.key)).toEqual(['RECT-4', 'NYB-2', 'RECT-1']);
    const last = await listProblems(ctx.deps, { teamId: TEAM, view: 'all' }, { offset: 6, limit: 3 });
    expect({ total: last.total, keys: last.items.map((p) => p.key) }).toEqual({ total: 7, keys: ['RECT-2'] });
    const overdue = await listProblems(ctx.deps, { teamId: TEAM, view: 'overdue' }, { offset: 0, limit: 1 });
    expect(overdue.total).toBe(4);
    expect(await listProblems(ctx.deps, { teamId: 'T0OTHER', view: 'all' })).toEqual({ total: 0, items: [] });
  });

  it('each item carries its board, measure count and derived flags', async () => {
    await world();
    const { items } = await listProblems(ctx.deps, { teamId: TEAM, view: 'all' });
    const byKey = new Map(items.map((p) => [p.key, p]));
    expect(byKey.get('RECT-1')!.flags).toEqual({
      deadline: '2026-11-24',
      overdue: true,
      stale: true,
      closedLate: false,
      daysOverdue: 1,
    });
    expect(byKey.get('RECT-2')!.flags).toEqual({
      deadline: '2026-11-20',
      overdue: true,
      stale: false,
      closedLate: false,
      daysOverdue: 5,
    });
    expect(byKey.get('NYB-1')!.flags).toEqual({
      deadline: '2026-11-24',
      overdue: false,
      stale: true,
      closedLate: false,
      daysOverdue: 0,
    });
    expect(byKey.get('RECT-4')!.flags).toMatchObject({ overdue: true, stale: false, daysOverdue: 24 });
    expect(byKey.get('RECT-3')!.flags).toMatchObject({ overdue: false, stale: false, closedLate: false });
    expect(byKey.get('RECT-1')!.board.code).toBe('RECT');
    expect(byKey.get('RECT-1')!._count.measures).toBe(0);
  });
});

describe('searchProblems', () => {
  it('puts an exact key first, then the other matches', async () => {
    await world();
    const hits = await searchProblems(ctx.deps, { teamId: TEAM }, 'rect-2');
    expect(hits.items.map((p) => p.key)).toEqual(['RECT-2', 'RECT-1']); // RECT-1's description mentions RECT-2
    expect(hits.total).toBe(2);
    const limited = await searchProblems(ctx.deps, { teamId: TEAM }, 'RECT-2', 1);
    expect(limited.items.map((p) => p.key)).toEqual(['RECT-2']);
    expect((await searchProblems(ctx.deps, { teamId: TEAM, view: 'open' }, 'hotline')).items).toEqual([]);
    expect((await searchProblems(ctx.deps, { teamId: TEAM }, 'hotline')).items.map((p) => p.key)).toEqual(['RECT-3']);
  });
});
