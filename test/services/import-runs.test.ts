import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { ownerGone, settleImports } from '../../src/services/import-runs.js';
import { createProblem, editProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, OWNER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

/**
 * An import whose process dies between batches (here: its progress callback never returns, as if the
 * process had stopped there) is taken back by the next start's settle, and nothing anyone did on the board
 * meanwhile is lost.
 */
const operator: Actor = { teamId: TEAM, userId: OPERATOR };
let t: TestDb;
let deps: ServiceDeps;
beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', { title: 'Queue', ownerId: OWNER.userId, measures: ['m1'] });
  await createProblem(deps, LEADER, 'RECT', { title: 'Forms', ownerId: OWNER.userId, deadline: '2027-01-31' });
  // RECT-3 has a pending closeout request: closing it by import approves that request.
  await createProblem(deps, LEADER, 'RECT', { title: 'Signs', ownerId: OWNER.userId });
  await requestCloseout(deps, OWNER, 'RECT-3', { evidence: 'Signs are up' });
});
afterEach(() => t.close());

/** Updates of RECT-1..3, then three new problems (RECT-4..6). */
const FILE = [
  'key,title,owner,unit,deadline,status,measures',
  'RECT-1,Queue (imported),UOWNER,Permits,,,"m1 edited\nm2 new"',
  'RECT-2,Forms,UOWNER,,2027-03-31,closeout_requested,',
  'RECT-3,Signs,UOWNER,,,closed,',
  ',New A,UOWNER,,,,"a1\na2"',
  ',New B,UOWNER,,,,b1',
  ',New C,UOWNER,,,in_progress,',
].join('\r\n');

/** Starts the import and resolves once `rows` rows are committed; the import then never goes on. */
async function crashAfter(rows: number, batchRows = 2): Promise<void> {
  await new Promise<void>((reached, failed) => {
    importCsv(deps, operator, 'RECT', FILE, {
      batchRows,
      onProgress: (done) => {
        if (done < rows) return;
        reached();
        return new Promise<void>(() => {});
      },
    }).catch(failed);
  });
}

/** Everything an import touches, without the columns every change moves (version, updatedAt). */
async function boardState() {
  const problems = await t.db.problem.findMany({
    orderBy: { number: 'asc' },
    include: { measures: { orderBy: { number: 'asc' } }, closeoutRequests: true, deadlineChanges: true, updates: true },
  });
  const strip = <T extends { updatedAt?: Date; version?: number }>({ updatedAt: _u, version: _v, ...rest }: T) => rest;
  return {
    problems: problems.map((p) => ({ ...strip(p), measures: p.measures.map(strip) })),
    audits: await t.db.auditEvent.findMany({ orderBy: { id: 'asc' } }),
  };
}

const gone = () => true;

describe('an import cut off by a crash', () => {
  for (const rows of [2, 4]) {
    it(`after ${rows} of 6 rows: the next start takes it back, leaving the board as it was`, async () => {
      const before = await boardState();
      await crashAfter(rows);
      // Cut off: the board shows part of the import until it is settled.
      expect(await t.db.importRun.findFirstOrThrow()).toMatchObject({ state: 'running', rowsDone: rows, rows: 6 });
      expect((await boardState()).problems).not.toEqual(before.problems);

      const settled = await settleImports(deps, { gone });
      expect(settled).toMatchObject([{ boardCode: 'RECT', rows: 6, rowsDone: rows, kept: [] }]);
      const after = await boardState();
      expect(after.problems).toEqual(before.problems);
      // The board's history says an import was taken back, and nothing of the import's own rows is left.
      const undo = after.audits.slice(before.audits.length);
      expect(undo).toMatchObject([{ action: 'import.undo', actorId: OPERATOR, targetType: 'board' }]);
      expect(JSON.parse(undo[0]!.after!)).toMatchObject({ why: 'cut off', rows: 6, rowsDone: rows, kept: [] });
      expect(await t.db.importRun.findFirstOrThrow()).toMatchObject({ state: 'undone' });
      expect(await t.db.importBatch.count()).toBe(0);
      // Settled once: another start finds nothing to do.
      expect(await settleImports(deps, { gone })).toEqual([]);
    });
  }

  it('after its last batch: the import is whole and nothing is taken back', async () => {
    await crashAfter(6);
    expect(await settleImports(deps, { gone })).toEqual([]);
    expect(await t.db.importRun.findFirstOrThrow()).toMatchObject({ state: 'done', rowsDone: 6 });
    expect(await t.db.importBatch.count()).toBe(0);
    const problems = await t.db.problem.findMany({ orderBy: { number: 'asc' } });
    expect(problems.map((p) => [p.key, p.title, p.status])).toEqual([
      ['RECT-1', 'Queue (imported)', 'open'],
      ['RECT-2', 'Forms', 'closeout_requested'],
      ['RECT-3', 'Signs', 'closed'],
      ['RECT-4', 'New A', 'open'],
      ['RECT-5', 'New B', 'open'],
      ['RECT-6', 'New C', 'in_progress'],
    ]);
  });

  it('keeps every change made on the board meanwhile, and takes back the rest', async () => {
    const audits = await t.db.auditEvent.count();
    await crashAfter(5, 1);
    // Between the batches: a leader edits a column the import wrote, approves the request it opened, and an
    // owner reports on a problem it created.
    await editProblem(deps, LEADER, 'RECT-1', { unit: 'Window 3' });
    const opened = await t.db.closeoutRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-2' } } });
    await approveCloseout(deps, LEADER, opened.id);
    await reportUpdate(deps, OWNER, 'RECT-5', { health: 'at_risk', percent: 30, note: 'started' });

    const [settled] = await settleImports(deps, { gone });
    expect(settled!.kept.sort()).toEqual([
      'RECT-1: unit changed since the import, kept',
      'RECT-2: status, closeout request changed since the import, kept',
      'RECT-5: changed since the import, kept',
    ]);
    const problems = await t.db.problem.findMany({
      orderBy: { number: 'asc' },
      include: { measures: { orderBy: { number: 'asc' } } },
    });
    expect(problems.map((p) => [p.key, p.title, p.unit, p.deadline, p.status, p.measures.map((m) => m.text)])).toEqual([
      // The leader's unit stays; the import's title and measures are taken back.
      ['RECT-1', 'Queue', 'Window 3', null, 'open', ['m1']],
      // The approval stands (closed); the deadline the import moved goes back.
      ['RECT-2', 'Forms', null, '2027-01-31', 'closed', []],
      // The import's closing is taken back: its request is pending again.
      ['RECT-3', 'Signs', null, null, 'closeout_requested', []],
      // RECT-4 was untouched and is gone; the owner reported on RECT-5, which stays with its report.
      ['RECT-5', 'New B', null, null, 'in_progress', ['b1']],
    ]);
    expect(problems.map((p) => p.nextMeasureNumber)).toEqual([2, 1, 1, 2]);
    expect(
      await t.db.closeoutRequest.findMany({ select: { state: true, decidedBy: true }, orderBy: { id: 'asc' } }),
    ).toEqual([
      { state: 'pending', decidedBy: null },
      { state: 'approved', decidedBy: LEADER.userId },
    ]);
    expect(await t.db.deadlineChange.count()).toBe(0);
    expect(await t.db.update.count()).toBe(1);
    // Their audit events stay, with the import's events of what stayed; those of what was taken back go.
    const actions = await t.db.auditEvent.findMany({ where: { id: { gt: audits } }, orderBy: { id: 'asc' } });
    expect(actions.map((a) => [a.action, a.targetId])).toEqual([
      ['problem.import', 'RECT-1'],
      ['problem.import', 'RECT-2'],
      ['problem.create', 'RECT-5'],
      ['problem.edit', 'RECT-1'],
      ['closeout.approve', String(opened.id)],
      ['problem.update', 'RECT-5'],
      ['import.undo', '1'],
    ]);
  });

  it('is left alone while its writer lives', async () => {
    await crashAfter(2);
    // This process wrote it and is alive: not cut off.
    expect(await settleImports(deps)).toEqual([]);
    expect(await t.db.importRun.findFirstOrThrow()).toMatchObject({ state: 'running' });
  });
});

describe('ownerGone', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  it('checks a writer on this host by its pid, and any writer by its heartbeat', () => {
    const recent = new Date(now - 5_000);
    const old = new Date(now - 10 * 60_000);
    expect(ownerGone({ owner: `${os.hostname()}:${process.pid}`, heartbeatAt: old }, now)).toBe(false);
    // This process, but not writing or undoing that run (its undo failed): gone.
    expect(ownerGone({ id: 999_999, owner: `${os.hostname()}:${process.pid}`, heartbeatAt: recent }, now)).toBe(true);
    // Beyond Linux's largest pid: no such process.
    expect(ownerGone({ owner: `${os.hostname()}:4194305`, heartbeatAt: recent }, now)).toBe(true);
    // A live process on this host: the writer, unless its heartbeat stopped (a pid reused since).
    expect(ownerGone({ owner: `${os.hostname()}:${process.ppid}`, heartbeatAt: recent }, now)).toBe(false);
    expect(ownerGone({ owner: `${os.hostname()}:${process.ppid}`, heartbeatAt: old }, now)).toBe(true);
    expect(ownerGone({ owner: 'elsewhere:1', heartbeatAt: recent }, now)).toBe(false);
    expect(ownerGone({ owner: 'elsewhere:1', heartbeatAt: old }, now)).toBe(true);
  });
});
