import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { approveCloseout, markNotRectifiable, requestCloseout } from '../../src/services/closeout.js';
import { exportCsv, exportRows } from '../../src/services/csv-export.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { outcomeCounts } from '../../src/services/outcome-counts.js';
import { createProblem, editProblem } from '../../src/services/problems.js';
import { exportXlsx } from '../../src/services/xlsx-export.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, OWNER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

// Issue 23: the export's outcome and mechanisms columns come back on import, as the decisions they were.

const operator: Actor = { teamId: TEAM, userId: OPERATOR };
const MECHANISMS = ['Rules on permit handling issued', '建立窗口排队时长月度通报制度'];
let source: TestDb;
let fresh: TestDb;
let from: ServiceDeps;
let to: ServiceDeps;
beforeEach(async () => {
  source = createTestDb();
  fresh = createTestDb();
  from = makeDeps(source.db).deps;
  to = makeDeps(fresh.db).deps;
  await seedBoard(from);
  await seedBoard(to);
});
afterEach(() => {
  source.close();
  fresh.close();
});

/** A problem with a closeout request from its owner, decided by `decide`. */
async function decided(title: string, decide: (requestId: number) => Promise<unknown>) {
  const problem = await createProblem(from, LEADER, 'RECT', { title, ownerId: OWNER.userId });
  const { request } = await requestCloseout(from, OWNER, problem.key, { evidence: 'Done' });
  await decide(request.id);
  return problem.key;
}

async function seedOutcomes() {
  await decided('Queue times', (id) => approveCloseout(from, LEADER, id));
  await decided('Permit backlog', (id) =>
    approveCloseout(from, LEADER, id, undefined, { longTerm: { mechanisms: MECHANISMS, followUpDate: '2027-03-01' } }),
  );
  await decided('Shared building', (id) => markNotRectifiable(from, LEADER, id, 'Another agency owns it'));
  await createProblem(from, LEADER, 'RECT', { title: 'Still open', ownerId: OWNER.userId });
}

const boardId = async (db: TestDb['db']) => (await db.board.findFirstOrThrow({ where: { code: 'RECT' } })).id;
const outcomeColumns = async (deps: ServiceDeps) =>
  (await exportRows(deps, LEADER, 'RECT')).rows.map((r) => ({
    key: r.key,
    outcome: r.outcome,
    mechanisms: r.mechanisms,
  }));

describe('outcomes survive export and re-import', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`as ${format}: the same outcome cells and the same counts on a fresh board`, async () => {
      await seedOutcomes();
      const file =
        format === 'csv' ? (await exportCsv(from, LEADER, 'RECT')).csv : (await exportXlsx(from, LEADER, 'RECT')).bytes;
      const result = await importCsv(to, operator, 'RECT', file);
      expect(result).toMatchObject({ errors: [], created: 4 });

      const before = await outcomeColumns(from);
      expect(before.map((r) => r.outcome)).toEqual(['rectified', 'long_term', 'not_rectifiable', '']);
      expect(await outcomeColumns(to)).toEqual(before);
      const counts = await outcomeCounts(source.db, await boardId(source.db));
      expect(counts).toEqual({ closed: 2, rectified: 1, longTerm: 1, mechanisms: 2, notRectifiable: 1 });
      expect(await outcomeCounts(fresh.db, await boardId(fresh.db))).toEqual(counts);

      // Recorded as decisions by whoever imported, as the buttons would have left them.
      const requests = await fresh.db.closeoutRequest.findMany({
        orderBy: { id: 'asc' },
        select: { state: true, outcome: true, mechanisms: true, decidedBy: true, problem: { select: { key: true } } },
      });
      expect(requests).toEqual([
        { state: 'approved', outcome: 'rectified', mechanisms: null, decidedBy: OPERATOR, problem: { key: 'RECT-1' } },
        {
          state: 'approved',
          outcome: 'long_term',
          mechanisms: JSON.stringify(MECHANISMS),
          decidedBy: OPERATOR,
          problem: { key: 'RECT-2' },
        },
        { state: 'not_rectifiable', outcome: null, mechanisms: null, decidedBy: OPERATOR, problem: { key: 'RECT-3' } },
      ]);
      // Imported again, the same file changes nothing.
      expect(await importCsv(to, operator, 'RECT', file)).toMatchObject({
        errors: [],
        created: 0,
        updated: 0,
        unchanged: 4,
      });
    });
  }

  it('reads the Chinese headers and outcome words, and decides a pending request with the outcome', async () => {
    const key = (await createProblem(to, LEADER, 'RECT', { title: 'Queue', ownerId: OWNER.userId })).key;
    const { request } = await requestCloseout(to, OWNER, key, { evidence: 'Done' });
    const csv = `编号,问题,责任人,状态,整改结果,长效机制\n${key},Queue,UOWNER,已销号,持续整改,"制度一\n制度二"\n,新问题,UOWNER,未开始,未整改,\n`;
    const result = await importCsv(to, LEADER, 'RECT', csv);
    expect(result).toMatchObject({ errors: [], created: 1, updated: 1 });
    expect(result.changes[0]).toMatchObject({ key, fields: ['status', 'outcome'] });
    expect(await fresh.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'approved',
      outcome: 'long_term',
      mechanisms: JSON.stringify(['制度一', '制度二']),
      decidedBy: LEADER.userId,
    });
    expect(await outcomeCounts(fresh.db, await boardId(fresh.db))).toMatchObject({
      longTerm: 1,
      mechanisms: 2,
      notRectifiable: 1,
    });
  });
});

describe('bad outcome cells: each row says why, nothing is written', () => {
  it('refuses unknown outcomes, outcomes that do not fit the status, and mechanisms out of place or bounds', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `Rule ${i + 1}`).join('\n');
    const csv = [
      'title,owner,status,outcome,mechanisms',
      'A,UOWNER,closed,fixed,', // 2
      'B,UOWNER,open,long_term,Rule', // 3
      'C,UOWNER,closed,long_term,', // 4
      `D,UOWNER,closed,long_term,"${many}"`, // 5..55
      `E,UOWNER,closed,long_term,${'x'.repeat(501)}`, // 56
      'F,UOWNER,closed,rectified,Rule', // 57
      'G,UOWNER,closeout_requested,not_rectifiable,', // 58
      'H,UOWNER,in_progress,rectified,', // 59
    ].join('\n');
    const result = await importCsv(to, operator, 'RECT', csv);
    expect(result.errors).toEqual([
      {
        line: 2,
        reasons: ['outcome: "fixed" is not an outcome; use rectified, long_term, not_rectifiable or leave it empty'],
      },
      { line: 3, reasons: ['outcome: long_term is the outcome of a closed problem, and this row leaves it open'] },
      { line: 4, reasons: ['mechanisms: a long_term outcome needs its lasting mechanisms, one a line'] },
      { line: 5, reasons: ['mechanisms: at most 50 mechanisms'] },
      { line: 56, reasons: ['mechanisms: mechanism 1 must be at most 500 characters'] },
      {
        line: 57,
        reasons: ['mechanisms: lasting mechanisms go with a long_term outcome; leave the cell empty otherwise'],
      },
      {
        line: 58,
        reasons: [
          'outcome: not_rectifiable keeps a problem open (open or in_progress), and this row leaves it closeout_requested',
        ],
      },
      {
        line: 59,
        reasons: ['outcome: rectified is the outcome of a closed problem, and this row leaves it in_progress'],
      },
    ]);
    expect(result).toMatchObject({ created: 0, updated: 0 });
    expect(await fresh.db.problem.count()).toBe(0);
    expect(await fresh.db.closeoutRequest.count()).toBe(0);
  });

  it('does not rewrite a decision made, and keeps separation of duties for not rectifiable', async () => {
    const own = await createProblem(to, LEADER, 'RECT', { title: 'Mine', ownerId: LEADER.userId });
    const closed = await createProblem(to, LEADER, 'RECT', { title: 'Closed', ownerId: OWNER.userId });
    const { request } = await requestCloseout(to, OWNER, closed.key, { evidence: 'Done' });
    await approveCloseout(to, LEADER, request.id);
    const csv = `key,status,outcome,mechanisms\n${own.key},in_progress,not_rectifiable,\n${closed.key},closed,long_term,Rule\n`;
    const result = await importCsv(to, LEADER, 'RECT', csv);
    expect(result.errors).toEqual([
      {
        line: 2,
        reasons: [
          `outcome: separation of duties: ${own.key} is your own work (you own it or asked for its closeout), so another leader decides that it is not rectifiable`,
        ],
      },
      {
        line: 3,
        reasons: [
          `outcome: ${closed.key} was closed as rectified; an import does not change a decision made (reopen the problem to decide again)`,
        ],
      },
    ]);
    expect(await fresh.db.closeoutRequest.findMany({ select: { state: true, outcome: true } })).toEqual([
      { state: 'approved', outcome: 'rectified' },
    ]);
    expect((await fresh.db.problem.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('open');
  });
});

describe('an import that is taken back', () => {
  it('puts a decided request back to pending without its outcome, and deletes the decisions it made', async () => {
    const asked = await createProblem(to, LEADER, 'RECT', { title: 'Asked', ownerId: OWNER.userId });
    const { request } = await requestCloseout(to, OWNER, asked.key, { evidence: 'Done' });
    const open = await createProblem(to, LEADER, 'RECT', { title: 'Open', ownerId: OWNER.userId });
    const last = await createProblem(to, LEADER, 'RECT', { title: 'Last', ownerId: OWNER.userId });
    const csv = [
      'key,title,status,outcome,mechanisms',
      `${asked.key},Asked,closed,long_term,Rule`,
      `${open.key},Open,,not_rectifiable,`,
      `${last.key},Renamed,,,`,
    ].join('\n');
    const preview = await importCsv(to, operator, 'RECT', csv, { dryRun: true });
    expect(preview).toMatchObject({ errors: [], updated: 3 });
    // Someone edits the last problem after two rows were written: the previewed plan is stale, all is undone.
    const onProgress = async (done: number) => {
      if (done === 2) await editProblem(to, LEADER, last.key, { unit: 'Window 3' });
    };
    await expect(
      importCsv(to, operator, 'RECT', csv, { expect: preview.fingerprint, batchRows: 1, onProgress }),
    ).rejects.toMatchObject({ key: 'import.changed' });
    expect(
      await fresh.db.closeoutRequest.findMany({
        select: { id: true, state: true, outcome: true, mechanisms: true, decidedBy: true },
      }),
    ).toEqual([{ id: request.id, state: 'pending', outcome: null, mechanisms: null, decidedBy: null }]);
    expect((await fresh.db.problem.findUniqueOrThrow({ where: { id: asked.id } })).status).toBe('closeout_requested');
  });
});
