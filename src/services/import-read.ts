import { CsvError, parse } from 'csv-parse/sync';
import { CSV_COLUMNS, columnForHeader, isIgnoredHeader, restoreCell, type CsvColumn } from './csv-format.js';
import { decodeText } from './import-decode.js';
import { WORKBOOK_LIMITS, type WorkbookLimits, type WorkbookRefusal } from './xlsx-limits.js';
import { isOldXls, isZip, readSheet, type SheetRecord } from './xlsx-read.js';

// Reading: bytes (CSV in any of Excel's encodings, or an .xlsx workbook) → header-checked rows with line numbers

/** A bad row: `line` is the physical line in the file where the record starts (the header is line 1). */
export interface RowError {
  line: number;
  reasons: string[];
}

export type Cells = Partial<Record<CsvColumn, string>>;
export interface SourceRow {
  line: number;
  cells: Cells;
}

export type FileFormat = 'csv' | 'xlsx';
/** `refused`: a workbook beyond the reader's limits (too large or malformed), before any of it was expanded. */
export type ReadResult =
  | { format: FileFormat; rows: SourceRow[] }
  | { format: FileFormat; errors: RowError[] }
  | { format: FileFormat; refused: WorkbookRefusal };

export interface ReadOptions {
  /** A sheet of a workbook other than the first. */
  sheet?: string;
  /** Limits on a workbook's size and shape (xlsx-limits.ts); the defaults unless a test passes smaller ones. */
  limits?: WorkbookLimits;
}

export async function readRows(input: Uint8Array | string, opts: ReadOptions = {}): Promise<ReadResult> {
  if (typeof input !== 'string' && isOldXls(input)) {
    const reason = 'this is an old Excel .xls file; in Excel choose "Save As" → "Excel Workbook (.xlsx)"';
    return { format: 'xlsx', errors: [{ line: 1, reasons: [reason] }] };
  }
  if (typeof input !== 'string' && isZip(input)) {
    const sheet = await readSheet(input, opts.sheet, opts.limits);
    if ('refused' in sheet) return { format: 'xlsx', refused: sheet.refused };
    if (!sheet.ok) return { format: 'xlsx', errors: [{ line: 1, reasons: [sheet.reason] }] };
    return { format: 'xlsx', ...checkHeader(sheet.records, true) };
  }
  const decoded = typeof input === 'string' ? ({ ok: true, text: input } as const) : decodeText(input);
  if (!decoded.ok) return { format: 'csv', errors: [{ line: decoded.line, reasons: [decoded.reason] }] };
  const limits = opts.limits ?? WORKBOOK_LIMITS;
  const maxRows = limits.maxRows;
  const shape = csvShapeRefusal(decoded.text, limits);
  if (shape) return { format: 'csv', refused: shape };
  const records = parseCsv(decoded.text, maxRows);
  if (records === 'too_many') return { format: 'csv', refused: { kind: 'rows', sheet: 'CSV', limit: maxRows } };
  if ('errors' in records) return { format: 'csv', errors: records.errors };
  // The same cap on a cell's text as a workbook's (xlsx-read.ts).
  const maxCellChars = (opts.limits ?? WORKBOOK_LIMITS).maxCellChars;
  const long = records.records.find(({ record }) => record.some((cell) => cell.length > maxCellChars));
  if (long)
    return { format: 'csv', refused: { kind: 'cell_text', sheet: 'CSV', line: long.line, limit: maxCellChars } };
  return { format: 'csv', ...checkHeader(records.records, false) };
}

/** Comma, or what the first line plainly uses instead (tab from Excel's "Unicode text", ; in some locales). */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r|\n/) >>> 0);
  const count = (c: string) => first.split(c).length - 1;
  const [best] = [',', '\t', ';'].sort((a, b) => count(b) - count(a));
  return best && count(best) > 0 ? best : ',';
}

/**
 * A CSV's columns and cells against a workbook's limits, counted in one pass before csv-parse builds any
 * record: one line of 30 MB of commas is 31 million cells, which csv-parse built for 27 s before its record
 * hook saw them (and the import then said "0 created"). A quote toggles quoting (a doubled one toggles
 * twice), so a delimiter or line break inside quotes is no cell boundary; an empty line is no record.
 */
function csvShapeRefusal(text: string, limits: WorkbookLimits): WorkbookRefusal | null {
  const delimiter = delimiterOf(text.replace(/^\uFEFF/, '')).charCodeAt(0);
  let quoted = false;
  let cells = 1;
  let empty = true;
  let total = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10 || c === 13) {
      if (!empty && (total += cells) > limits.maxCells) return { kind: 'cells', sheet: 'CSV', limit: limits.maxCells };
      cells = 1;
      empty = true;
      continue;
    } else if (c === delimiter && ++cells > limits.maxColumns)
      return { kind: 'columns', sheet: 'CSV', limit: limits.maxColumns };
    empty = false;
  }
  return null;
}

/** Thrown from csv-parse's record hook to stop reading. */
const TOO_MANY = new Error('too many rows');

/**
 * A CSV has the same row limit as a workbook's sheet: 2 MB of `a,\n` is a million rows, which took 35 s and
 * ~700 MB to read and check. Reading stops at the first record past the limit (the header aside).
 */
function parseCsv(text: string, maxRows: number): { records: SheetRecord[] } | { errors: RowError[] } | 'too_many' {
  let records: string[][];
  const endLines: number[] = [];
  let kept = 0;
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record, context) => {
        if (++kept > maxRows + 1) throw TOO_MANY;
        endLines.push(context.lines);
        return record;
      },
    });
  } catch (err) {
    if (err === TOO_MANY) return 'too_many';
    if (err instanceof CsvError)
      return { errors: [{ line: typeof err.lines === 'number' ? err.lines : 1, reasons: [err.message] }] };
    throw err;
  }
  // `lines` is where a record ends; line breaks inside its quoted cells put its start higher up.
  return {
    records: records.map((record, i) => ({
      record,
      line: endLines[i]! - record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0),
    })),
  };
}

const ZH_HEADERS_HINT =
  '编号, 问题, 问题描述, 类别, 来源, 责任人, 责任单位, 完成时限, 状态, 整改措施, 整改结果, 长效机制, 跟踪复查日期';

/**
 * The first non-empty row names the columns; the rest become cells by column. A sheet's rows may stop
 * before the last column (Excel stores no empty cells), a CSV's may not (a missing comma shifts cells).
 */
function checkHeader(all: SheetRecord[], ragged: boolean): { rows: SourceRow[] } | { errors: RowError[] } {
  const located = all.filter(({ record }) => record.some((cell) => cell.trim() !== ''));
  const [header, ...body] = located;
  if (!header)
    return {
      errors: [
        { line: 1, reasons: [`the file is empty; the first row must name the columns: ${CSV_COLUMNS.join(', ')}`] },
      ],
    };

  const columns: (CsvColumn | null)[] = [];
  const ignored = new Set<number>();
  const headerReasons: string[] = [];
  header.record.forEach((cell, i) => {
    if (cell.trim() === '') return void columns.push(null);
    if (isIgnoredHeader(cell)) {
      ignored.add(i);
      return void columns.push(null);
    }
    const column = columnForHeader(cell);
    if (!column)
      headerReasons.push(
        `unknown column "${cell.trim()}" (expected ${CSV_COLUMNS.join(', ')}, or the Chinese headers ${ZH_HEADERS_HINT})`,
      );
    else if (columns.includes(column)) headerReasons.push(`column "${column}" appears twice (column ${i + 1})`);
    columns.push(column ?? null);
  });
  if (!columns.some((c) => c !== null))
    headerReasons.push(`the first row must name the columns: ${CSV_COLUMNS.join(', ')}`);
  if (headerReasons.length) return { errors: [{ line: header.line, reasons: headerReasons }] };

  const errors: RowError[] = [];
  const rows: SourceRow[] = [];
  for (const { record, line } of body) {
    const extra = record.slice(columns.length).some((cell) => cell.trim() !== '');
    if (ragged ? extra : record.length !== columns.length) {
      errors.push({ line, reasons: [`has ${record.length} cells but the header has ${columns.length}`] });
      continue;
    }
    const cells: Cells = {};
    const reasons: string[] = [];
    columns.forEach((column, i) => {
      const cell = record[i] ?? '';
      // PostgreSQL's text cannot hold NUL: stored, it failed the whole import with an unexpected error.
      if (column && cell.includes('\0'))
        reasons.push(`column "${column}" contains a NUL character (is it a text file?)`);
      else if (column) cells[column] = restoreCell(cell);
      else if (cell.trim() !== '' && !ignored.has(i))
        reasons.push(`cell ${i + 1} has a value but its column has no header`);
    });
    if (reasons.length) errors.push({ line, reasons });
    else rows.push({ line, cells });
  }
  return errors.length ? { errors } : { rows };
}
