import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { exportCsv } from '../../src/services/csv-export.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { UserDirectory } from '../../src/services/import-owners.js';
import { exportXlsx } from '../../src/services/xlsx-export.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

const operator: Actor = { teamId: TEAM, userId: OPERATOR };
let t: TestDb;
let deps: ServiceDeps;
beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  await seedBoard(deps);
});
afterEach(() => t.close());

const names: UserDirectory = {
  lookupByEmail: async () => null,
  listUsers: async () => [{ id: 'U0A', realName: '张三' }],
};

const LIST =
  'key,title,description,owner,deadline,status,measures\n' +
  'RECT-1,"=HYPERLINK(""http://evil.example"",""click"")","-1+2",U0A,2027-01-31,closed,"[x] @done one\n+two"\n' +
  'RECT-2,二号问题,"line 1\nline 2",U0B,,open,"todo\n[~] doing"\n';

describe('exportXlsx', () => {
  it('writes a styled sheet: frozen bold header, widths, real dates, one measure per line, a status drop-down', async () => {
    expect(await importCsv(deps, operator, 'RECT', LIST)).toMatchObject({ created: 2, errors: [] });
    const { bytes, problems, measures } = await exportXlsx(deps, operator, 'RECT', { directory: names });
    expect({ problems, measures }).toEqual({ problems: 2, measures: 4 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('RECT');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'key',
      'title',
      'description',
      'category',
      'source',
      'owner',
      'owner name',
      'unit',
      'deadline',
      'status',
      'measures',
      'original deadline',
      'extensions',
      'days overdue',
      'working days overdue',
      'outcome',
      'mechanisms',
      'follow-up date',
      'evidence files',
    ]);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    const row2 = sheet.getRow(2);
    // Cells a spreadsheet would run as formulas start with a quote; real Excel dates; the owner's name.
    expect(row2.getCell('B').value).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row2.getCell('C').value).toBe(`'-1+2`);
    expect(row2.getCell('G').value).toBe('张三');
    expect(row2.getCell('I').value).toEqual(new Date(Date.UTC(2027, 0, 31)));
    expect(row2.getCell('I').numFmt).toBe('yyyy-mm-dd');
    expect(row2.getCell('K').value).toBe('[x] @done one\n+two');
    expect(sheet.getCell('J2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"open,in_progress,closeout_requested,closed"'],
    });
    expect(sheet.getColumn('B').width).toBeGreaterThan(20);
    expect(sheet.getColumn('B').width).toBeLessThanOrEqual(60);
  });

  it('re-imports unchanged, formulas neutralised and restored exactly, as the CSV does', async () => {
    await importCsv(deps, operator, 'RECT', LIST);
    const before = await t.db.problem.findMany({
      include: { measures: { orderBy: { number: 'asc' } } },
      orderBy: { id: 'asc' },
    });
    const { bytes } = await exportXlsx(deps, operator, 'RECT');
    const again = await importCsv(deps, operator, 'RECT', bytes);
    expect(again).toMatchObject({ format: 'xlsx', errors: [], created: 0, updated: 0, unchanged: 2 });
    const csv = await exportCsv(deps, operator, 'RECT');
    expect(csv.csv).toContain(
      `RECT-1,"'=HYPERLINK(""http://evil.example"",""click"")",'-1+2,,,U0A,,,2027-01-31,closed,`,
    );
    const viaCsv = await importCsv(deps, operator, 'RECT', csv.csv);
    expect(viaCsv).toMatchObject({ errors: [], unchanged: 2 });
    expect(
      await t.db.problem.findMany({ include: { measures: { orderBy: { number: 'asc' } } }, orderBy: { id: 'asc' } }),
    ).toEqual(before);
    expect(before[0]!.title).toBe('=HYPERLINK("http://evil.example","click")');
  });
});
