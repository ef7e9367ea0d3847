import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { editBoard } from '../../src/services/boards.js';
import { requestCloseout } from '../../src/services/closeout.js';
import { exportCsv } from '../../src/services/csv-export.js';
import { importCsv } from '../../src/services/csv-import.js';
import { applyMeasureChanges } from '../../src/services/measure-changes.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { UserDirectory } from '../../src/services/import-owners.js';
import { createProblem } from '../../src/services/problems.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { encodeGb18030 } from '../support/gb18030.js';
import { LEADER, OTHER, OWNER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

const operator: Actor = { teamId: TEAM, userId: OPERATOR };
let t: TestDb;
let deps: ServiceDeps;
beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  await seedBoard(deps);
});
afterEach(() => t.close());

const run = (text: string, opts = {}) => importCsv(deps, operator, 'RECT', text, opts);

async function seedProblem() {
  return createProblem(deps, LEADER, 'RECT', {
    title: 'Queue times',
    description: 'Long waits',
    category: 'Livelihood',
    ownerId: OWNER.userId,
    unit: 'Permits',
    deadline: '2026-12-20',
    measures: ['First', 'Second', 'Third'],
  });
}

describe('importCsv: reading', () => {
  it('gives the physical line where a record starts, across quoted line breaks and blank lines', async () => {
    const text = [
      'title,owner,deadline,measures',
      'Fine,UOWNER,,"one', // line 2: the record runs to line 4
      'two',
      'three"',
      '',
      'Bad date,UOWNER,2026-13-01,', // line 6
      '"Multi',
      'line title",UOWNER,,"[x] a', // line 7 starts a record running to line 9
      '"',
      ',UOWNER,,', // line 10: no title
    ].join('\n');
    const result = await run(text);
    expect(result.errors).toEqual([
      { line: 6, reasons: ['deadline: must be a real date as YYYY-MM-DD'] },
      { line: 10, reasons: ['title: is required'] },
    ]);
    expect(result.created).toBe(0);
    expect(await t.db.problem.count()).toBe(0);
  });

  it('refuses broken structure: duplicate column, wrong cell count, a value without a header, an open quote', async () => {
    expect((await run('title,Title\r\nA,B\r\n')).errors).toEqual([
      { line: 1, reasons: ['column "title" appears twice (column 2)'] },
    ]);
    expect((await run('title,owner\r\nA,UOWNER,extra\r\nB\r\n')).errors).toEqual([
      { line: 2, reasons: ['has 3 cells but the header has 2'] },
      { line: 3, reasons: ['has 1 cells but the header has 2'] },
    ]);
    expect((await run('title,owner,\r\nA,UOWNER,\r\nB,UOWNER,oops\r\n')).errors).toEqual([
      { line: 3, reasons: ['cell 3 has a value but its column has no header'] },
    ]);
    const open = await run('title,owner\r\nA,UOWNER\r\n"B,UOWNER\r\n');
    expect(open.errors).toHaveLength(1);
    expect(open.errors[0]!.reasons[0]).toContain('Quote Not Closed');
    expect((await run('')).errors[0]!.reasons[0]).toContain('the file is empty');
    expect(await t.db.problem.count()).toBe(0);
  });

  it('accepts status words in English or Chinese, Excel-style dates and Slack mentions', async () => {
    const result = await run(
      'title,owner,deadline,status\r\nA,<@U0AAA>,2027/3/1,已销号\r\nB,U0BBB,2027-3-9,In progress\r\nC,U0CCC,2027.12.31,申请销号\r\n',
    );
    expect(result).toMatchObject({ created: 3, errors: [] });
    const rows = await t.db.problem.findMany({ orderBy: { number: 'asc' } });
    expect(rows.map((p) => [p.ownerId, p.deadline, p.status])).toEqual([
      ['U0AAA', '2027-03-01', 'closed'],
      ['U0BBB', '2027-03-09', 'in_progress'],
      ['U0CCC', '2027-12-31', 'closeout_requested'],
    ]);
    expect(rows[0]).toMatchObject({ closedBy: OPERATOR, percent: 100 });
    expect(rows[0]!.closedAt).toEqual(deps.clock.now());
    expect(await t.db.closeoutRequest.count({ where: { problemId: rows[2]!.id, state: 'pending' } })).toBe(1);
  });

  it('checks lengths with the shared schemas', async () => {
    const result = await run(`title,owner,measures\r\n${'x'.repeat(151)},UOWNER,"ok\n[x] "\r\n`);
    expect(result.errors).toEqual([
      { line: 2, reasons: ['title: must be at most 150 characters', 'measures (measure 2): must not be empty'] },
    ]);
  });
});

describe('importCsv: writing', () => {
  it('updates only what changed, with one audit event, and leaves absent columns alone', async () => {
    await seedProblem();
    await createProblem(deps, LEADER, 'RECT', { title: 'Untouched', ownerId: OWNER.userId });
    const audits = await t.db.auditEvent.count();
    const result = await run(
      'key,title,unit,deadline\r\nRECT-1,Queue times at the window,Permits,\r\nRECT-2,Untouched,,\r\n',
    );
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1, errors: [] });
    expect(result.changes).toEqual([{ line: 2, key: 'RECT-1', action: 'update', fields: ['title', 'deadline'] }]);
    const p = await t.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } });
    expect(p).toMatchObject({
      title: 'Queue times at the window',
      deadline: null,
      description: 'Long waits',
      category: 'Livelihood',
    });
    const events = await t.db.auditEvent.findMany({ where: { id: { gt: audits } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'problem.import', actorId: OPERATOR, targetId: 'RECT-1' });
    expect(JSON.parse(events[0]!.before!)).toMatchObject({ title: 'Queue times', deadline: '2026-12-20' });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ title: 'Queue times at the window', deadline: null });
  });

  it('syncs measures by position: edits, adds, and keeps (never deletes) the rest', async () => {
    await seedProblem();
    const shorter = await run('key,measures\r\nRECT-1,"First, reworded\n[x] Second"\r\n');
    expect(shorter).toMatchObject({ updated: 1, keptMeasures: 1 });
    const longer = await run('key,measures\r\nRECT-1,"First, reworded\n[x] Second\n[~] Third\nFourth"\r\n');
    expect(longer).toMatchObject({ updated: 1, keptMeasures: 0 });
    const problem = await t.db.problem.findFirstOrThrow({ include: { measures: { orderBy: { number: 'asc' } } } });
    expect(problem.measures.map((m) => [m.number, m.text, m.status])).toEqual([
      [1, 'First, reworded', 'todo'],
      [2, 'Second', 'done'],
      [3, 'Third', 'doing'],
      [4, 'Fourth', 'todo'],
    ]);
    expect(problem.nextMeasureNumber).toBe(5);
  });

  it('records a deadline moved by the file like one moved in Slack, and undoes it with a failed import', async () => {
    await seedProblem();
    const result = await run('key,deadline\r\nRECT-1,2027-01-31\r\n');
    expect(result).toMatchObject({ updated: 1, errors: [] });
    const p = await t.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } });
    expect(p).toMatchObject({ deadline: '2027-01-31', originalDeadline: '2026-12-20', version: 2 });
    expect(await t.db.deadlineChange.findMany({ select: { fromDate: true, toDate: true, extended: true } })).toEqual([
      { fromDate: '2026-12-20', toDate: '2027-01-31', extended: true },
    ]);
    const again = await run('key,deadline\r\nRECT-1,2027-03-31\r\n');
    expect(again).toMatchObject({ updated: 1 });
    expect(await t.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } })).toMatchObject({
      deadline: '2027-03-31',
      originalDeadline: '2026-12-20',
    });
    expect(await t.db.deadlineChange.count()).toBe(2);
  });

  it('neither exports nor matches retired measures: an export re-imports unchanged', async () => {
    await seedProblem();
    await applyMeasureChanges(deps, LEADER, 'RECT-1', [{ number: 2, retire: true }], { texts: [] });
    const { csv } = await exportCsv(deps, LEADER, 'RECT');
    expect(csv).toContain('First');
    expect(csv).not.toContain('Second');
    const result = await run(csv);
    expect(result).toMatchObject({ updated: 0, unchanged: 1, errors: [] });
    const measures = await t.db.measure.findMany({ orderBy: { number: 'asc' } });
    expect(measures.map((m) => [m.number, m.text, m.retiredAt !== null])).toEqual([
      [1, 'First', false],
      [2, 'Second', true],
      [3, 'Third', false],
    ]);
  });

  it('keeps closeout state consistent: closing approves a pending request, reopening clears closedAt', async () => {
    await seedProblem();
    await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'Done' });
    await run('key,status\r\nRECT-1,closed\r\n');
    expect(await t.db.problem.findFirstOrThrow()).toMatchObject({ status: 'closed', closedBy: OPERATOR });
    expect(await t.db.closeoutRequest.findFirstOrThrow()).toMatchObject({ state: 'approved', decidedBy: OPERATOR });
    await run('key,status\r\nRECT-1,in_progress\r\n');
    expect(await t.db.problem.findFirstOrThrow()).toMatchObject({
      status: 'in_progress',
      closedBy: null,
      closedAt: null,
    });
  });

  it('refuses a status change the transition rules do not allow, and writes nothing', async () => {
    await seedProblem();
    const result = await run('key,title,status\r\nRECT-1,Queue times (new),closed\r\n');
    expect(result.errors).toEqual([
      {
        line: 2,
        reasons: ['status: RECT-1 cannot go from open to closed (only to in_progress, closeout_requested, withdrawn)'],
      },
    ]);
    expect(await t.db.problem.findFirstOrThrow()).toMatchObject({ status: 'open', title: 'Queue times' });
  });

  it('creates unknown keys of the board under their number and never reuses one', async () => {
    const result = await run(
      'key,title,owner\r\n,First new,UOWNER\r\nrect-007,Seventh,UOWNER\r\nRECT-2,Second,UOWNER\r\n',
    );
    expect(result.changes.map((c) => c.key)).toEqual(['RECT-8', 'RECT-7', 'RECT-2']);
    expect((await t.db.board.findFirstOrThrow()).nextProblemNumber).toBe(9);
    const next = await createProblem(deps, LEADER, 'RECT', { title: 'After', ownerId: OWNER.userId });
    expect(next.key).toBe('RECT-9');
  });

  it('reports progress, and a dry run writes nothing but says the same', async () => {
    const text = 'title,owner\r\nA,UOWNER\r\nB,UOWNER\r\nC,UOWNER\r\n';
    const dry = await run(text, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, created: 3, updated: 0, errors: [] });
    expect(await t.db.problem.count()).toBe(0);
    const calls: [number, number][] = [];
    const real = await run(text, {
      batchRows: 1,
      onProgress: (done: number, total: number) => calls.push([done, total]),
    });
    expect(real).toMatchObject({ dryRun: false, created: 3 });
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('is for leaders of an active board', async () => {
    await expect(importCsv(deps, OTHER, 'RECT', 'title,owner\r\nA,UOWNER\r\n')).rejects.toMatchObject({
      key: 'error.not_leader',
    });
    expect((await importCsv(deps, LEADER, 'RECT', 'title,owner\r\nA,UOWNER\r\n')).created).toBe(1);
    await editBoard(deps, operator, 'RECT', { archived: true });
    await expect(run('title,owner\r\nB,UOWNER\r\n')).rejects.toBeInstanceOf(DomainError);
    expect(await t.db.problem.count()).toBe(1);
  });
});

describe('importCsv: real spreadsheets', () => {
  const people: UserDirectory = {
    lookupByEmail: async (email) => (email === 'lisi@example.gov.cn' ? { id: 'U0LISI', realName: '李四' } : null),
    listUsers: async () => [
      { id: 'U0ZHANG', handle: 'zhangsan', realName: '张三' },
      { id: 'U0WANG1', handle: 'wangwu', realName: '王五', email: 'ww1@example.gov.cn' },
      { id: 'U0WANG2', handle: 'wangwu2', realName: '王五', email: 'ww2@example.gov.cn' },
    ],
  };

  /** The department's workbook as Chinese Excel keeps it: Chinese headers, names and e-mails, dates as typed. */
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('说明').addRow(['这一页不是清单']);
    const sheet = book.addWorksheet('问题清单');
    sheet.addRow(['编号', '问题', '责任人', '责任单位', '完成时限', '状态', '整改措施']);
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('imports a workbook sheet with Chinese headers, owners by name and e-mail, and dates as people write them', async () => {
    const bytes = await workbook([
      ['', '窗口排队时间长', '张三', '政务服务中心', '2023年8月31日', '整改中', '增开窗口\n[x] 网上预约'],
      ['', '材料重复提交', 'lisi@example.gov.cn', '', new Date(Date.UTC(2023, 8, 30)), '', ''],
      ['', '办事指南不清', '<@U0ZHANG>', '', '2023/10/1', '', ''],
    ]);
    const wrongSheet = await importCsv(deps, operator, 'RECT', bytes, { directory: people });
    expect(wrongSheet.errors[0]!.reasons[0]).toContain('unknown column "这一页不是清单"');
    const result = await importCsv(deps, operator, 'RECT', bytes, { directory: people, sheet: '问题清单' });
    expect(result).toMatchObject({ format: 'xlsx', created: 3, errors: [] });
    const rows = await t.db.problem.findMany({
      orderBy: { number: 'asc' },
      include: { measures: { orderBy: { number: 'asc' } } },
    });
    expect(rows.map((p) => [p.title, p.ownerId, p.deadline, p.status, p.measures.map((m) => m.status)])).toEqual([
      ['窗口排队时间长', 'U0ZHANG', '2023-08-31', 'in_progress', ['todo', 'done']],
      ['材料重复提交', 'U0LISI', '2023-09-30', 'open', []],
      ['办事指南不清', 'U0ZHANG', '2023-10-01', 'open', []],
    ]);
  });

  it('reports each kind of mistake on its line: ambiguous and unknown names, dates, statuses, a sheet that is missing', async () => {
    const bytes = await workbook([
      ['', '王五的问题', '王五', '', '', '', ''],
      ['', '没人负责', '赵六', '', '31/08/2023', '', ''],
      ['', '', 'U0ZHANG', '', '2023年13月1日', '完成了', ''],
    ]);
    const result = await importCsv(deps, operator, 'RECT', bytes, { directory: people, sheet: '问题清单' });
    expect(result.errors).toEqual([
      {
        line: 2,
        reasons: [
          'owner: "王五" matches 2 people: U0WANG1 王五 (ww1@example.gov.cn); U0WANG2 王五 (ww2@example.gov.cn); write the member ID or e-mail instead',
        ],
      },
      {
        line: 3,
        reasons: [
          'owner: no one in the workspace is called "赵六"',
          'deadline: "31/08/2023" could be day/month or month/day; write it as YYYY-MM-DD, or import with --date-format dmy (31/08/2023) or mdy (08/31/2023)',
        ],
      },
      {
        line: 4,
        reasons: [
          'title: is required',
          'deadline: must be a real date as YYYY-MM-DD',
          'status: "完成了" is not a status; use open, in_progress, closeout_requested, closed or withdrawn',
        ],
      },
    ]);
    expect(await t.db.problem.count()).toBe(0);
    const missing = await importCsv(deps, operator, 'RECT', bytes, { sheet: 'Sheet9' });
    expect(missing.errors).toEqual([
      { line: 1, reasons: ['the workbook has no sheet named "Sheet9" (it has: "说明", "问题清单")'] },
    ]);
    const old = await importCsv(deps, operator, 'RECT', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
    expect(old.errors[0]!.reasons[0]).toContain('old Excel .xls file');
  });

  it('imports a GBK CSV as Chinese Excel saves it, with day-first dates when told so', async () => {
    const text = '编号,问题,责任人,完成时限\r\n,窗口排队时间长,U0ZHANG,31/08/2023\r\n,材料重复提交,U0LISI,2023.9.1\r\n';
    const result = await importCsv(deps, operator, 'RECT', encodeGb18030(text), { dateOrder: 'dmy' });
    expect(result).toMatchObject({ format: 'csv', created: 2, errors: [] });
    const rows = await t.db.problem.findMany({ orderBy: { number: 'asc' } });
    expect(rows.map((p) => [p.title, p.deadline])).toEqual([
      ['窗口排队时间长', '2023-08-31'],
      ['材料重复提交', '2023-09-01'],
    ]);
  });
});
