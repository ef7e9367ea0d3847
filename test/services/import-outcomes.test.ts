import ExcelJS from 'exceljs';
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

// Issue 23: the export's outcome, mechanisms and follow-up date columns come back on import, as the decisions
// they were.

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
    followUp: r['follow-up date'],
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
      expect(before.map((r) => r.followUp)).toEqual(['', '2027-03-01', '', '']);
      expect(await outcomeColumns(to)).toEqual(before);
      const counts = await outcomeCounts(source.db, { boardId: await boardId(source.db) });
      expect(counts).toEqual({
        closed: 2,
        rectified: 1,
        longTerm: 1,
        mechanisms: 2,
        notRectifiable: 1,
        verified: 0,
        recurred: 0,
      });
      expect(await outcomeCounts(fresh.db, { boardId: await boardId(fresh.db) })).toEqual(counts);

      // Recorded as decisions by whoever imported, as the buttons would have left them.
      const requests = await fresh.db.closeoutRequest.findMany({
        orderBy: { id: 'asc' },
        select: {
          state: true,
          outcome: true,
          mechanisms: true,
          followUpDate: true,
          decidedBy: true,
          problem: { select: { key: true } },
        },
      });
      const decision = { decidedBy: OPERATOR, mechanisms: null, followUpDate: null };
      expect(requests).toEqual([
        { ...decision, state: 'approved', outcome: 'rectified', problem: { key: 'RECT-1' } },
        {
          ...decision,
          state: 'approved',
          outcome: 'long_term',
          mechanisms: JSON.stringify(MECHANISMS),
          followUpDate: '2027-03-01',
          problem: { key: 'RECT-2' },
        },
        { ...decision, state: 'not_rectifiable', outcome: null, problem: { key: 'RECT-3' } },
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
    const csv = `编号,问题,责任人,状态,整改结果,长效机制,跟踪复查日期\n${key},Queue,UOWNER,已销号,持续整改,"制度一\n制度二",2027年3月1日\n,新问题,UOWNER,未开始,未整改,,\n`;
    const result = await importCsv(to, LEADER, 'RECT', csv);
    expect(result).toMatchObject({ errors: [], created: 1, updated: 1 });
    expect(result.changes[0]).toMatchObject({ key, fields: ['status', 'outcome'] });
    expect(await fresh.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'approved',
      outcome: 'long_term',
      mechanisms: JSON.stringify(['制度一', '制度二']),
      followUpDate: '2027-03-01',
      decidedBy: LEADER.userId,
    });
    expect(await outcomeCounts(fresh.db, { boardId: await boardId(fresh.db) })).toMatchObject({
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

describe('the follow-up date of a long-term closeout', () => {
  it('the Excel export writes it as a real date, formatted like the deadline', async () => {
    await seedOutcomes();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportXlsx(from, LEADER, 'RECT')).bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const column = (sheet.getRow(1).values as unknown[]).indexOf('follow-up date');
    const deadline = (sheet.getRow(1).values as unknown[]).indexOf('deadline');
    expect(sheet.getRow(3).getCell(column).value).toEqual(new Date(Date.UTC(2027, 2, 1)));
    expect(sheet.getRow(3).getCell(column).numFmt).toBe(sheet.getRow(3).getCell(deadline).numFmt);
    expect(sheet.getRow(2).getCell(column).value).toBe(''); // rectified: none
  });

  it('is read like a deadline (day-first with --date-format dmy) under either header spelling', async () => {
    const csv = 'title,owner,status,outcome,mechanisms,Follow-up Date\nA,UOWNER,closed,long_term,Rule,01/03/2027\n';
    expect(await importCsv(to, operator, 'RECT', csv, { dateOrder: 'dmy' })).toMatchObject({ errors: [], created: 1 });
    expect(await fresh.db.closeoutRequest.findFirstOrThrow()).toMatchObject({
      outcome: 'long_term',
      followUpDate: '2027-03-01',
    });
  });

  it('an older export without the column still imports its long-term closeouts, without a follow-up date', async () => {
    const csv = 'title,owner,status,outcome,mechanisms\nA,UOWNER,closed,long_term,Rule\n';
    expect(await importCsv(to, operator, 'RECT', csv)).toMatchObject({ errors: [], created: 1 });
    expect(await fresh.db.closeoutRequest.findFirstOrThrow()).toMatchObject({
      outcome: 'long_term',
      mechanisms: JSON.stringify(['Rule']),
      followUpDate: null,
    });
    // The same file again: the follow-up date is not compared when the file has no such column.
    expect(
      await importCsv(to, operator, 'RECT', csv.replace('\nA', '\nRECT-1,A').replace('title', 'key,title')),
    ).toMatchObject({ errors: [], unchanged: 1 });
  });

  it('refuses it beside another outcome, missing, unreadable or before the import day; nothing is written', async () => {
    const csv = [
      'title,owner,status,outcome,mechanisms,follow-up date',
      'A,UOWNER,closed,rectified,,2027-03-01', // 2
      'B,UOWNER,in_progress,not_rectifiable,,2027-03-01', // 3
      'C,UOWNER,closed,long_term,Rule,', // 4
      'D,UOWNER,closed,long_term,Rule,2027-02-30', // 5
      'E,UOWNER,closed,long_term,Rule,03/04/2027', // 6
      'F,UOWNER,closed,long_term,Rule,2026-11-24', // 7: the import runs on 2026-11-25
      'G,UOWNER,closed,long_term,Rule,2026-11-25', // 8: the closing day itself is fine
    ].join('\n');
    const result = await importCsv(to, operator, 'RECT', csv);
    const besides = 'follow-up date: a follow-up date goes with a long_term outcome; leave the cell empty otherwise';
    expect(result.errors).toEqual([
      { line: 2, reasons: [besides] },
      { line: 3, reasons: [besides] },
      {
        line: 4,
        reasons: [
          'follow-up date: a long_term outcome needs its follow-up date, when the lasting fix is checked again',
        ],
      },
      { line: 5, reasons: ['follow-up date: must be a real date as YYYY-MM-DD'] },
      {
        line: 6,
        reasons: [expect.stringMatching(/^follow-up date: "03\/04\/2027" could be day\/month or month\/day/)],
      },
      {
        line: 7,
        reasons: [
          'follow-up date: 2026-11-24 is before 2026-11-25, the day this import closes the problem; the follow-up comes after the closing',
        ],
      },
    ]);
    expect(await fresh.db.problem.count()).toBe(0);
    expect(await fresh.db.closeoutRequest.count()).toBe(0);
  });

  it('says the same under the Chinese headers', async () => {
    const csv =
      '问题,责任人,状态,整改结果,长效机制,跟踪复查日期\nA,UOWNER,已销号,已整改,,2027-03-01\nB,UOWNER,已销号,持续整改,制度,\n';
    const result = await importCsv(to, operator, 'RECT', csv);
    expect(result.errors.map((e) => [e.line, e.reasons[0]!.split(':')[0]])).toEqual([
      [2, 'follow-up date'],
      [3, 'follow-up date'],
    ]);
    expect(await fresh.db.problem.count()).toBe(0);
  });

  it('does not move the follow-up date of a long-term closeout already decided', async () => {
    await seedOutcomes();
    const { csv } = await exportCsv(from, LEADER, 'RECT');
    const moved = csv.replace(',2027-03-01,', ',2027-06-01,');
    expect(moved).not.toBe(csv);
    const result = await importCsv(from, operator, 'RECT', moved);
    expect(result.errors).toEqual([
      {
        line: 3,
        reasons: [
          'outcome: RECT-2 was closed as long_term with other mechanisms or another follow-up date; an import does not change a decision made (reopen the problem to decide again)',
        ],
      },
    ]);
    expect(await importCsv(from, operator, 'RECT', csv)).toMatchObject({ errors: [], updated: 0, unchanged: 4 });
    const longTerm = await source.db.closeoutRequest.findFirstOrThrow({ where: { outcome: 'long_term' } });
    expect(longTerm.followUpDate).toBe('2027-03-01');
  });
});

describe('an import that is taken back', () => {
  it('puts a decided request back to pending without its outcome, and deletes the decisions it made', async () => {
    const asked = await createProblem(to, LEADER, 'RECT', { title: 'Asked', ownerId: OWNER.userId });
    const { request } = await requestCloseout(to, OWNER, asked.key, { evidence: 'Done' });
    const open = await createProblem(to, LEADER, 'RECT', { title: 'Open', ownerId: OWNER.userId });
    const last = await createProblem(to, LEADER, 'RECT', { title: 'Last', ownerId: OWNER.userId });
    const csv = [
      'key,title,status,outcome,mechanisms,follow-up date',
      `${asked.key},Asked,closed,long_term,Rule,2027-01-15`,
      `${open.key},Open,,not_rectifiable,,`,
      `${last.key},Renamed,,,,`,
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
        select: { id: true, state: true, outcome: true, mechanisms: true, followUpDate: true, decidedBy: true },
      }),
    ).toEqual([
      { id: request.id, state: 'pending', outcome: null, mechanisms: null, followUpDate: null, decidedBy: null },
    ]);
    expect((await fresh.db.problem.findUniqueOrThrow({ where: { id: asked.id } })).status).toBe('closeout_requested');
    // The follow-up check its long-term approval owed (written in the first batch) went with it.
    expect(await fresh.db.effectivenessCheck.count()).toBe(0);
  });
});

describe('closeouts approved by import owe their effectiveness checks (issue 23)', () => {
  it('N days after the import and on the follow-up date, once, however often the file is imported', async () => {
    await fresh.db.board.updateMany({ data: { effectivenessDays: 30 } });
    const asked = await createProblem(to, LEADER, 'RECT', { title: 'Asked', ownerId: OWNER.userId });
    await requestCloseout(to, OWNER, asked.key, { evidence: 'Done' });
    const csv = [
      'key,title,owner,status,outcome,mechanisms,follow-up date',
      `${asked.key},Asked,UOWNER,closed,long_term,Rule,2027-03-01`,
      ',New and closed,UOWNER,closed,rectified,,',
      ',Not fixable,UOWNER,open,not_rectifiable,,',
    ].join('\n');
    expect(await importCsv(to, operator, 'RECT', csv)).toMatchObject({ errors: [], created: 2, updated: 1 });
    const checks = () =>
      fresh.db.effectivenessCheck.findMany({
        orderBy: [{ problemId: 'asc' }, { kind: 'asc' }],
        select: { kind: true, dueDate: true, state: true, problem: { select: { key: true } } },
      });
    // The import ran on 2026-11-25 (Asia/Shanghai): 30 days later is 2026-12-25.
    const owed = [
      { kind: 'days', dueDate: '2026-12-25', state: 'waiting', problem: { key: asked.key } },
      { kind: 'follow_up', dueDate: '2027-03-01', state: 'waiting', problem: { key: asked.key } },
      { kind: 'days', dueDate: '2026-12-25', state: 'waiting', problem: { key: 'RECT-2' } },
    ];
    expect(await checks()).toEqual(owed);
    expect(await importCsv(to, operator, 'RECT', csv.replace(/\n,New and closed.*$/s, ''))).toMatchObject({
      errors: [],
      updated: 0,
    });
    expect(await checks()).toEqual(owed);
  });

  it("separation of duties holds when the same row hands one's own problem to someone else", async () => {
    const own = await createProblem(to, LEADER, 'RECT', { title: 'Mine', ownerId: LEADER.userId });
    const csv = `key,owner,status,outcome\n${own.key},${OWNER.userId},in_progress,not_rectifiable\n`;
    const result = await importCsv(to, LEADER, 'RECT', csv);
    expect(result.errors).toEqual([
      {
        line: 2,
        reasons: [
          `outcome: separation of duties: ${own.key} is your own work (you own it or asked for its closeout), so another leader decides that it is not rectifiable`,
        ],
      },
    ]);
    expect(await fresh.db.closeoutRequest.count()).toBe(0);
    expect(await fresh.db.problem.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({
      status: 'open',
      ownerId: LEADER.userId,
    });
  });
});
