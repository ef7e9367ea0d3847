import { describe, expect, it } from 'vitest';
import { readRows } from '../../src/services/import-read.js';
import { WORKBOOK_LIMITS } from '../../src/services/xlsx-limits.js';

/** A CSV is held to a workbook's row limit: 2 MB of tiny rows is a million of them. */
describe('a CSV with more rows than a sheet may have', () => {
  const limits = { ...WORKBOOK_LIMITS, maxRows: 3 };
  const csv = (rows: number) => Buffer.from('title,owner\n' + 'a,U1\n'.repeat(rows));

  it('is refused whole, naming the limit', async () => {
    expect(await readRows(csv(4), { limits })).toEqual({
      format: 'csv',
      refused: { kind: 'rows', sheet: 'CSV', limit: 3 },
    });
  });

  it('is read when it has exactly the limit (the header and blank lines do not count)', async () => {
    const read = await readRows(Buffer.from('title,owner\n\n\na,U1\n\nb,U2\nc,U3\n\n'), { limits });
    expect(read).toMatchObject({ format: 'csv', rows: [{ line: 4 }, { line: 6 }, { line: 7 }] });
  });

  it('is held to 100,000 rows by default, as a sheet is', () => {
    expect(WORKBOOK_LIMITS.maxRows).toBe(100_000);
  });
});

/** Columns and cells too, counted before csv-parse builds a record (one line of commas was 31 million cells). */
describe('a CSV with more columns or cells than a sheet may have', () => {
  const limits = { ...WORKBOOK_LIMITS, maxColumns: 3, maxCells: 8 };

  it('is refused whole, naming the limit', async () => {
    expect(await readRows(Buffer.from('title,owner\na,U1,,,\n'), { limits })).toEqual({
      format: 'csv',
      refused: { kind: 'columns', sheet: 'CSV', limit: 3 },
    });
    expect(await readRows(Buffer.from('title\tunit\r\na\tb\r\nc\td\r\ne\tf\r\ng\th\r\ni\n'), { limits })).toEqual({
      format: 'csv',
      refused: { kind: 'cells', sheet: 'CSV', limit: 8 },
    });
  });

  it('is read when delimiters and line breaks sit inside quotes, and blank lines do not count', async () => {
    const csv = 'title,owner\r\n"a, b, c, d\nand e",U1\n\n\n\n\n"x ""y"", z",U2\n\n\nq,U3\n';
    const read = await readRows(Buffer.from(csv), { limits });
    expect(read).toMatchObject({ format: 'csv', rows: [{ line: 2 }, { line: 8 }, { line: 11 }] });
  });

  it('refuses 30 MB of commas on one line within a second', async () => {
    const started = performance.now();
    const read = await readRows(Buffer.from('title,owner\n' + ','.repeat(30 * 1024 * 1024) + '\n'));
    expect(read).toEqual({ format: 'csv', refused: { kind: 'columns', sheet: 'CSV', limit: 200 } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('a cell with a NUL character', () => {
  it('is a row error (PostgreSQL cannot store it), for CSV as for a sheet', async () => {
    expect(await readRows(Buffer.from('title,owner\nA\u0000B,U1\nFine,U1\n'))).toEqual({
      format: 'csv',
      errors: [{ line: 2, reasons: ['column "title" contains a NUL character (is it a text file?)'] }],
    });
  });
});

describe('header cells', () => {
  it('name no column by an object property ("constructor", "valueOf")', async () => {
    const read = await readRows(Buffer.from('title,constructor,valueOf\nA,x,y\n'));
    const reasons = 'errors' in read ? read.errors[0]!.reasons : [];
    expect(reasons.map((r) => r.split(' (')[0])).toEqual(['unknown column "constructor"', 'unknown column "valueOf"']);
  });
});
