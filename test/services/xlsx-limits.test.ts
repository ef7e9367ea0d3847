import { describe, expect, it } from 'vitest';
import { readRows } from '../../src/services/import-read.js';
import { checkWorkbook, WORKBOOK_LIMITS } from '../../src/services/xlsx-limits.js';
import { t } from '../../src/i18n/index.js';
import { mergeBombWorkbook, sharedStringsPart, workbookBytes, zip } from '../support/workbooks.js';

const LIST = [
  ['title', 'owner'],
  ['Queue at the front desk', 'U0OWNER'],
  ['Forms asked for twice', 'U0OWNER'],
];
const small = { ...WORKBOOK_LIMITS, maxRows: 3, maxColumns: 2, maxCells: 6, maxMerges: 1 };

describe('checkWorkbook', () => {
  it('lets a list with a merged range through, and exceljs then reads it', async () => {
    // exceljs gives every cell of a merged range the value of its first.
    const bytes = workbookBytes({ rows: LIST, merges: ['A2:A3'] });
    expect(checkWorkbook(bytes, small)).toBeNull();
    const read = await readRows(bytes, { limits: small });
    expect(read).toEqual({
      format: 'xlsx',
      rows: [
        { line: 2, cells: { title: 'Queue at the front desk', owner: 'U0OWNER' } },
        { line: 3, cells: { title: 'Queue at the front desk', owner: 'U0OWNER' } },
      ],
    });
  });

  it('refuses a merged range beyond the used range before exceljs expands it', async () => {
    const refusal = { kind: 'merge_range', sheet: 'sheet1', range: 'A3:XFD1048576', used: 'A1:B2' };
    expect(checkWorkbook(mergeBombWorkbook())).toEqual(refusal);
    // Through the reader too: the answer comes back, instead of 17 billion cells being made.
    expect(await readRows(mergeBombWorkbook())).toEqual({ format: 'xlsx', refused: refusal });
  });

  it('refuses a merged range beyond the cells when the sheet has no dimension', () => {
    const bytes = workbookBytes({ rows: LIST, merges: ['A4:B9'], dimension: null });
    expect(checkWorkbook(bytes)).toEqual({ kind: 'merge_range', sheet: 'sheet1', range: 'A4:B9', used: 'A1:B3' });
  });

  it('refuses a dimension, rows, columns, cells or merges beyond the limits', () => {
    const wide = [['title', 'owner', 'unit']];
    expect(checkWorkbook(workbookBytes({ rows: LIST, dimension: 'A1:B1048576' }), small)).toEqual({
      kind: 'rows',
      sheet: 'sheet1',
      limit: 3,
    });
    expect(checkWorkbook(workbookBytes({ rows: [...LIST, ['a', 'b']] }), small)).toMatchObject({ kind: 'rows' });
    expect(checkWorkbook(workbookBytes({ rows: wide }), small)).toMatchObject({ kind: 'columns', limit: 2 });
    expect(checkWorkbook(workbookBytes({ rows: LIST }), { ...small, maxCells: 5 })).toMatchObject({ kind: 'cells' });
    const merges = ['A2:B2', 'A3:B3'];
    expect(checkWorkbook(workbookBytes({ rows: LIST, merges }), small)).toMatchObject({ kind: 'merges', limit: 1 });
    // Merged ranges within the sheet still count towards its cells (exceljs makes each one).
    expect(checkWorkbook(workbookBytes({ rows: LIST, merges: ['A1:B3'] }), { ...small, maxCells: 5 })).toMatchObject({
      kind: 'cells',
    });
  });

  it('refuses column styles beyond Excel’s last column (exceljs makes an object for each), not a whole-column style', async () => {
    expect(checkWorkbook(workbookBytes({ rows: LIST, cols: [[1, 16_384]] }))).toBeNull();
    const read = await readRows(workbookBytes({ rows: LIST, cols: [[1, 16_384]] }));
    expect('rows' in read && read.rows.map((r) => r.cells.title)).toEqual([
      'Queue at the front desk',
      'Forms asked for twice',
    ]);
    expect(checkWorkbook(workbookBytes({ rows: LIST, cols: [[1, 1_000_000_000]] }))).toEqual({
      kind: 'columns',
      sheet: 'sheet1',
      limit: 16_384,
    });
  });

  it('refuses drop-down lists over more cells than the limit (exceljs keeps one entry a cell)', () => {
    const wholeColumn = 'C2:C1048576';
    expect(checkWorkbook(workbookBytes({ rows: LIST, validations: [wholeColumn] }))).toBeNull();
    expect(checkWorkbook(workbookBytes({ rows: LIST, validations: ['A1:XFD1048576'] }))).toEqual({
      kind: 'validations',
      sheet: 'sheet1',
      limit: 3 * 1_048_576,
    });
    // Several ranges in one list, and several lists, add up.
    const four = ['A2:A1048576 B2:B1048576', 'C2:C1048576', 'D2:D1048576'];
    expect(checkWorkbook(workbookBytes({ rows: LIST, validations: four }))).toMatchObject({ kind: 'validations' });
  });

  it('refuses a zip bomb by its declared size, and a part that unpacks beyond what it declares', () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10), declaredSize: 300 * 1024 * 1024 }]);
    expect(checkWorkbook(bomb)).toEqual({ kind: 'unzipped', limit: 64 });
    // 1 MB of zeros, declared as 100 bytes: inflating stops at 100 and the workbook is malformed.
    const liar = workbookBytes({ rows: [['title'], ['x'.repeat(1024 * 1024)]] }, { sheetSize: 100 });
    expect(checkWorkbook(liar)).toEqual({ kind: 'malformed' });
  });

  it('refuses what is not a zip archive at all', () => {
    expect(checkWorkbook(Buffer.from('PK\u0003\u0004 and then nothing'))).toEqual({ kind: 'malformed' });
  });

  it('refuses shared strings or styles over their own size, before inflating them (one 190 MB string took 800 MB)', () => {
    // 17 MB of one shared string: within the whole workbook's limit, over the shared strings' 16 MB.
    const huge = sharedStringsPart(['x'.repeat(17 * 1024 * 1024)]);
    expect(checkWorkbook(workbookBytes({ rows: LIST }, { parts: [huge] }))).toEqual({
      kind: 'part',
      part: 'sharedStrings.xml',
      limit: 16,
    });
    const styles = { name: 'xl/styles.xml', data: Buffer.alloc(2048, 32) };
    const tight = { ...WORKBOOK_LIMITS, maxSharedPartBytes: 1024 };
    expect(checkWorkbook(workbookBytes({ rows: LIST }, { parts: [styles] }), tight)).toMatchObject({
      kind: 'part',
      part: 'styles.xml',
    });
    // Another part of that size is only held to the whole workbook's limit.
    const other = { name: 'xl/theme/theme1.xml', data: Buffer.alloc(2048, 32) };
    expect(checkWorkbook(workbookBytes({ rows: LIST }, { parts: [other] }), tight)).toBeNull();
  });

  it('refuses more shared strings than the limit (8 million tiny ones took 9-12 s), not as many', () => {
    const limits = { ...WORKBOOK_LIMITS, maxSharedStrings: 10 };
    const strings = (n: number) => sharedStringsPart(Array.from({ length: n }, (_, i) => `s${i}`));
    expect(checkWorkbook(workbookBytes({ rows: LIST }, { parts: [strings(10)] }), limits)).toBeNull();
    expect(checkWorkbook(workbookBytes({ rows: LIST }, { parts: [strings(11)] }), limits)).toEqual({
      kind: 'strings',
      limit: 10,
    });
    expect(WORKBOOK_LIMITS.maxSharedStrings).toBe(500_000);
  });

  it('refuses a cell longer than the limit in the reader, for a workbook and a CSV, and says so in both languages', async () => {
    const limits = { ...WORKBOOK_LIMITS, maxCellChars: 30 };
    const long = [...LIST, ['x'.repeat(31), 'U0OWNER']];
    expect(await readRows(workbookBytes({ rows: long }), { limits })).toEqual({
      format: 'xlsx',
      refused: { kind: 'cell_text', sheet: 'List', line: 4, limit: 30 },
    });
    expect(await readRows(workbookBytes({ rows: LIST }), { limits })).toMatchObject({ format: 'xlsx', rows: [{}, {}] });
    const csv = Buffer.from(long.map((row) => row.join(',')).join('\n'));
    expect(await readRows(csv, { limits })).toEqual({
      format: 'csv',
      refused: { kind: 'cell_text', sheet: 'CSV', line: 4, limit: 30 },
    });
    // By default: 256 K characters (the largest list's cell is ~210 K: 200 measures of 1,000).
    const big = [...LIST, ['x'.repeat(256 * 1024 + 1), 'U0OWNER']];
    expect(await readRows(workbookBytes({ rows: big }))).toMatchObject({ refused: { kind: 'cell_text' } });
    const params = { sheet: 'List', line: 4, limit: 30, range: '', used: '', part: '' };
    expect(t('en', 'import.limits', { ...params, kind: 'cell_text' })).toContain(
      'List row 4 has a cell of more than 30 characters',
    );
    expect(t('zh-CN', 'import.limits', { ...params, kind: 'cell_text' })).toContain(
      'List 第 4 行有单元格超过 30 个字符',
    );
    expect(t('en', 'import.limits', { ...params, kind: 'part', part: 'sharedStrings.xml', limit: 16 })).toContain(
      'its sharedStrings.xml unpacks to more than 16 MB',
    );
    expect(t('zh-CN', 'import.limits', { ...params, kind: 'strings', limit: 500_000 })).toContain(
      '不同的文本超过 500,000 个',
    );
  });
});
