import type * as ExcelJS from 'exceljs';
import type { CellValue, Workbook } from 'exceljs';
import { WORKBOOK_LIMITS, checkWorkbook, type WorkbookLimits, type WorkbookRefusal } from './xlsx-limits.js';

/** A row of a sheet as text cells, with its row number (the line a person sees in Excel). */
export interface SheetRecord {
  record: string[];
  line: number;
}

type SheetRead =
  { ok: true; records: SheetRecord[] } | { ok: false; reason: string } | { ok: false; refused: WorkbookRefusal };

/** exceljs costs ~300 ms and tens of MB to load: only when a workbook is actually read or written. */
export async function loadExcel(): Promise<typeof ExcelJS> {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof ExcelJS }).default ?? mod;
}

/** xlsx files are ZIP archives; the old binary .xls is an OLE compound file. */
export const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
export const isOldXls = (bytes: Uint8Array) =>
  bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/**
 * The first sheet (or the one named `sheet`) as rows of text: dates become YYYY-MM-DD, formulas their
 * last computed value, rich text its plain text. Trailing empty cells are dropped, so a row's length is
 * up to its last value. A cell longer than the limits allow refuses the workbook here, in the reader's worker:
 * it never reaches the engine thread.
 */
export async function readSheet(
  bytes: Uint8Array,
  sheet?: string,
  limits: WorkbookLimits = WORKBOOK_LIMITS,
): Promise<SheetRead> {
  // Checked before exceljs sees it: exceljs expands merged ranges and inflates parts without limits.
  const refused = checkWorkbook(bytes, limits);
  if (refused) return { ok: false, refused };
  const ExcelJS = await loadExcel();
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      reason: 'the file is not a readable Excel workbook (.xlsx); open it in Excel and save it again',
    };
  }
  const names = workbook.worksheets.map((w) => w.name);
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    return {
      ok: false,
      reason:
        sheet === undefined
          ? 'the workbook has no sheets'
          : `the workbook has no sheet named "${sheet}" (it has: ${names.map((n) => `"${n}"`).join(', ')})`,
    };
  }
  const records: SheetRecord[] = [];
  let longAt = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (longAt) return;
    const values = row.values as CellValue[]; // 1-based: values[0] is empty
    const record: string[] = [];
    for (let i = 1; i < values.length; i++) record.push(cellText(values[i]));
    while (record.length && record[record.length - 1] === '') record.pop();
    if (record.some((cell) => cell.length > limits.maxCellChars)) longAt = line;
    records.push({ record, line });
  });
  if (longAt) {
    return {
      ok: false,
      refused: { kind: 'cell_text', sheet: worksheet.name, line: longAt, limit: limits.maxCellChars },
    };
  }
  return { ok: true, records };
}

function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDay(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined || result === null ? '' : cellText(result as CellValue);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/** Excel dates have no time zone; exceljs gives them as midnight UTC. */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
