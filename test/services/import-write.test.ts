import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createProblem, editProblem } from '../../src/services/problems.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, OWNER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

const operator: Actor = { teamId: TEAM, userId: OPERATOR };
let t: TestDb;
let deps: ServiceDeps;
beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  await seedBoard(deps);
});
afterEach(() => t.close());

const rows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `RECT-${from + i},Problem ${from + i},UOWNER,"a\n[x] b"`).join('\r\n');

describe('writing in batches', () => {
  it('commits batch by batch and reports each', async () => {
    const first = await createProblem(deps, LEADER, 'RECT', { title: 'Before', ownerId: OWNER.userId });
    const seen: number[] = [];
    const result = await importCsv(deps, operator, 'RECT', `key,title,owner,measures\r\n${rows(5, 2)}\r\n`, {
      batchRows: 2,
      onProgress: (done) => void seen.push(done),
    });
    expect(result).toMatchObject({ created: 5, errors: [] });
    expect(seen).toEqual([2, 4, 5]);
    expect(await t.db.problem.count()).toBe(6);
    expect(await t.db.measure.count({ where: { status: 'done' } })).toBe(5);
    expect(first.key).toBe('RECT-1');
  });

  const text = `key,title,owner,measures\r\n${rows(4, 2)}\r\nRECT-1,Renamed by import,UOWNER,"m\nnew"\r\n`;
  /** Edits RECT-1 between the first two batches, after the plan was made: the import must not overwrite it. */
  function editMidway() {
    let edited = false;
    return {
      edited: () => edited,
      onProgress: async (done: number) => {
        if (done !== 2 || edited) return;
        edited = true;
        await editProblem(deps, LEADER, 'RECT-1', { unit: 'Window 3' });
      },
    };
  }

  it('on a change between batches, undoes what it wrote and plans again from the new state', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Edited meanwhile', ownerId: OWNER.userId, measures: ['m'] });
    const edit = editMidway();
    const result = await importCsv(deps, operator, 'RECT', text, { batchRows: 2, onProgress: edit.onProgress });
    expect(edit.edited()).toBe(true);
    expect(result).toMatchObject({ created: 4, updated: 1, errors: [] });
    const after = await t.db.problem.findMany({
      include: { measures: { orderBy: { number: 'asc' } } },
      orderBy: { number: 'asc' },
    });
    expect(after.map((p) => [p.key, p.title, p.unit, p.measures.length])).toEqual([
      ['RECT-1', 'Renamed by import', 'Window 3', 2],
      ['RECT-2', 'Problem 2', null, 2],
      ['RECT-3', 'Problem 3', null, 2],
      ['RECT-4', 'Problem 4', null, 2],
      ['RECT-5', 'Problem 5', null, 2],
    ]);
    // The first attempt's rows and audit events are gone: one event per row written.
    expect(await t.db.auditEvent.count({ where: { actorId: OPERATOR } })).toBe(5);
  });

  it('applying a previewed plan: a change between batches undoes everything written, nothing else', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Edited meanwhile', ownerId: OWNER.userId, measures: ['m'] });
    const preview = await importCsv(deps, operator, 'RECT', text, { dryRun: true });
    const edit = editMidway();
    const attempt = importCsv(deps, operator, 'RECT', text, {
      batchRows: 2,
      expect: preview.fingerprint,
      onProgress: edit.onProgress,
    });
    await expect(attempt).rejects.toMatchObject({ key: 'import.changed' });
    expect(edit.edited()).toBe(true);
    const after = await t.db.problem.findMany({ include: { measures: { orderBy: { number: 'asc' } } } });
    expect(after.map((p) => [p.key, p.title, p.unit, p.measures.length])).toEqual([
      ['RECT-1', 'Edited meanwhile', 'Window 3', 1],
    ]);
    expect(await t.db.measure.count()).toBe(1);
    expect(await t.db.auditEvent.count({ where: { actorId: OPERATOR } })).toBe(0);
    // Numbers taken are not handed out again (keys are never reused), so the counter stays past them.
    expect((await t.db.board.findFirstOrThrow()).nextProblemNumber).toBe(6);
  });

  it('a preview gone stale (the board changed) writes nothing and says so', async () => {
    const preview = await importCsv(deps, operator, 'RECT', 'title,owner\r\nA,UOWNER\r\n', { dryRun: true });
    await createProblem(deps, LEADER, 'RECT', { title: 'Meanwhile', ownerId: OWNER.userId });
    const result = await importCsv(deps, operator, 'RECT', 'title,owner\r\nA,UOWNER\r\n', {
      expect: preview.fingerprint,
    });
    expect(result).toMatchObject({ stale: true, dryRun: true, created: 1 });
    expect(await t.db.problem.count()).toBe(1);
    const fresh = await importCsv(deps, operator, 'RECT', 'title,owner\r\nA,UOWNER\r\n', {
      expect: result.fingerprint,
    });
    expect(fresh).toMatchObject({ stale: false, created: 1 });
    expect(await t.db.problem.count()).toBe(2);
  });
});
