import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cycleAt, localDate } from '../../src/domain/cycle.js';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { exportCsv } from '../../src/services/csv-export.js';
import { DEMO_CATEGORIES, DEMO_SOURCES } from '../../src/services/demo-data.js';
import { DEMO_LEADERS, DEMO_OWNERS, seedDemo } from '../../src/services/demo.js';
import { listProblems } from '../../src/services/queries.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { TEAM, makeDeps } from '../support/fixtures.js';

const operator: Actor = { teamId: TEAM, userId: OPERATOR };
const NOW = '2026-11-25T02:00:00Z';
let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

describe('seedDemo', () => {
  it('creates RECT like the real drive: zh-CN, Shanghai, cycle 3 or later, a deadline months ahead', async () => {
    const { deps } = makeDeps(t.db, NOW);
    const result = await seedDemo(deps, operator);
    expect(result).toMatchObject({ code: 'RECT', problems: 31, measures: 81 });
    const board = await t.db.board.findFirstOrThrow({ include: { leaders: true } });
    expect(board).toMatchObject({ language: 'zh-CN', timezone: 'Asia/Shanghai', cycleDays: 14, calendar: 'CN' });
    expect(cycleAt(board, new Date(NOW)).index).toBeGreaterThanOrEqual(3);
    expect(board.deadline! > '2027-02-25').toBe(true);
    expect(board.leaders.map((l) => l.userId).sort()).toEqual(DEMO_LEADERS);
    expect(JSON.parse(board.categories)).toEqual([...DEMO_CATEGORIES]);
  });

  it('spreads 31 problems and 81 measures over the seven categories and six sources', async () => {
    const { deps } = makeDeps(t.db, NOW);
    await seedDemo(deps, operator);
    const problems = await t.db.problem.findMany({ include: { measures: true } });
    expect(problems).toHaveLength(31);
    expect(problems.reduce((n, p) => n + p.measures.length, 0)).toBe(81);
    expect(new Set(problems.map((p) => p.category))).toEqual(new Set(DEMO_CATEGORIES));
    expect(new Set(problems.map((p) => p.source))).toEqual(new Set(DEMO_SOURCES));
    expect(new Set(problems.map((p) => p.ownerId))).toEqual(new Set(DEMO_OWNERS));
    expect(problems.every((p) => p.unit && p.title.length <= 150)).toBe(true);
  });

  it('has mixed statuses, pending requests, overdue and stale problems, and history over past cycles', async () => {
    const { deps } = makeDeps(t.db, NOW);
    await seedDemo(deps, operator);
    const board = await t.db.board.findFirstOrThrow();
    const problems = await t.db.problem.findMany({ include: { closeoutRequests: true, measures: true } });
    const count = (status: string) => problems.filter((p) => p.status === status).length;
    // One closed problem came back (reopened: a recurrence), so it is in progress again.
    expect([count('closed'), count('closeout_requested'), count('in_progress'), count('open')]).toEqual([8, 4, 15, 4]);

    for (const p of problems.filter((x) => x.status === 'closed')) {
      expect(p.closedBy).toBe(DEMO_LEADERS[0]);
      expect(p.closedAt!.getTime()).toBeLessThan(Date.parse(NOW));
      expect(p.closeoutRequests.map((r) => r.state)).toEqual(['approved']);
      expect(p.measures.every((m) => m.status === 'done')).toBe(true);
    }
    for (const p of problems.filter((x) => x.status === 'closeout_requested')) {
      expect(p.closeoutRequests.map((r) => r.state)).toEqual(['pending']);
    }
    const statuses = new Set(problems.flatMap((p) => p.measures.map((m) => m.status)));
    expect(statuses).toEqual(new Set(['todo', 'doing', 'done']));

    const overdue = await listProblems(deps, { teamId: TEAM, view: 'overdue' });
    expect(overdue.total).toBeGreaterThanOrEqual(3);
    const stale = await listProblems(deps, { teamId: TEAM, view: 'stale' });
    expect(stale.items.some((p) => p.status === 'in_progress')).toBe(true);
    const closedLate = problems.filter(
      (p) => p.status === 'closed' && localDate(p.closedAt!, board.timezone) > p.deadline!,
    );
    expect(closedLate).toHaveLength(1);

    const updates = await t.db.update.findMany();
    expect(updates.length).toBeGreaterThan(40);
    expect(new Set(updates.map((u) => u.cycle))).toEqual(new Set([0, 1, 2, 3]));
    for (const u of updates) {
      expect(u.createdAt.getTime()).toBeLessThan(Date.parse(NOW));
      expect(u.cycle).toBe(cycleAt(board, u.createdAt).index);
    }
  });

  it('is deterministic for a given time', async () => {
    const other = createTestDb();
    try {
      await seedDemo(makeDeps(t.db, NOW).deps, operator);
      await seedDemo(makeDeps(other.db, NOW).deps, operator);
      const a = await exportCsv(makeDeps(t.db).deps, operator, 'RECT');
      const b = await exportCsv(makeDeps(other.db).deps, operator, 'RECT');
      expect(a.csv).toBe(b.csv);
      const history = (db: TestDb['db']) =>
        db.update.findMany({
          orderBy: { id: 'asc' },
          select: { problemId: true, cycle: true, percent: true, health: true, createdAt: true },
        });
      expect(await history(other.db)).toEqual(await history(t.db));
    } finally {
      await other.close();
    }
  });

  it('refuses when the team already has a RECT board', async () => {
    const { deps } = makeDeps(t.db, NOW);
    await seedDemo(deps, operator);
    await expect(seedDemo(deps, operator)).rejects.toMatchObject({ key: 'error.board_exists' });
    expect(await t.db.problem.count()).toBe(31);
  });

  it('closes out as auditors expect: evidence on every request, a long-term closeout, a recurrence', async () => {
    const { deps } = makeDeps(t.db, NOW);
    await seedDemo(deps, operator);
    expect(await t.db.board.findFirstOrThrow({ select: { evidenceRequired: true, effectivenessDays: true } })).toEqual({
      evidenceRequired: true,
      effectivenessDays: 30,
    });
    const requests = await t.db.closeoutRequest.findMany({ include: { files: true } });
    expect(requests.every((r) => r.files.length === 1)).toBe(true);
    const longTerm = requests.filter((r) => r.outcome === 'long_term');
    expect(longTerm).toHaveLength(1);
    expect(JSON.parse(longTerm[0]!.mechanisms ?? '[]')).toHaveLength(2);
    const recurred = await t.db.auditEvent.findMany({ where: { action: 'problem.reopen' } });
    expect(recurred).toHaveLength(1);
    expect(recurred[0]!.after).toContain('问题复发');
    // The recurrence came through its effectiveness check, answered by the owner; the others wait for their day.
    const checks = await t.db.effectivenessCheck.findMany({ include: { problem: true }, orderBy: { id: 'asc' } });
    const cameBack = checks.filter((c) => c.state === 'came_back');
    expect(cameBack).toHaveLength(1);
    expect(cameBack[0]).toMatchObject({ reason: expect.stringContaining('问题复发'), round: 0 });
    expect(cameBack[0]!.answeredBy).toBe(cameBack[0]!.problem.ownerId);
    expect(cameBack[0]!.problem.status).toBe('in_progress');
    expect(JSON.parse(recurred[0]!.after ?? '{}')).toMatchObject({ recurrence: cameBack[0]!.id });
    const waiting = checks.filter((c) => c.state === 'waiting');
    expect(waiting.map((c) => c.kind).sort()).toEqual([...Array(waiting.length - 1).fill('days'), 'follow_up'].sort());
    expect(
      waiting.every((c) => c.problem.status === 'closed' && c.dueDate > localDate(new Date(NOW), 'Asia/Shanghai')),
    ).toBe(true);
  });
});
