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
