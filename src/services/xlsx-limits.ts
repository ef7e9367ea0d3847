import { inflateRawSync } from 'node:zlib';

/**
 * A look at a workbook before exceljs reads it. exceljs inflates every part of the zip and expands each
 * merged range cell by cell: a 6.5 KB file with `<mergeCell ref="A3:XFD1048576"/>` asks it for 17 billion
 * cells. Here the zip's directory and each sheet's XML are read with bounded work (every inflate capped at
 * the size the directory declares, every tag scanned once), and a workbook beyond the limits is refused.
 */

export interface WorkbookLimits {
  /** Sum of the unpacked parts (a zip bomb unpacks to gigabytes). */
  maxUnzippedBytes: number;
  maxParts: number;
  maxRows: number;
  maxColumns: number;
  /** Cells written in a sheet, and cells covered by its merged ranges, each. */
  maxCells: number;
  maxMerges: number;
  /** Cells under drop-down lists (data validation): exceljs keeps an entry for each (~2 s a whole column). */
  maxValidatedCells: number;
  /** Unpacked size of each of the workbook-wide parts exceljs holds whole as objects (SHARED_PARTS). */
  maxSharedPartBytes: number;
  /** Entries (`<si>`) in the shared strings: exceljs makes an object for each, used or not. */
  maxSharedStrings: number;
  /** Characters in one cell's text, checked by the reader (xlsx-read.ts, and for CSV import-read.ts). */
  maxCellChars: number;
}

/**
 * Parts read whole into objects before any sheet: a 191 KB workbook with one 190 MB shared string took the
 * bot from 207 to 1,038 MB, and 8 million tiny shared strings took 9-12 s.
 */
const SHARED_PARTS = new Set(['xl/sharedStrings.xml', 'xl/styles.xml']);

/**
 * Far beyond a department's list (31 problems is ~20 KB), and within what the reader worker's heap holds:
 * exceljs keeps ~0.55 KB a cell (45 MB for a 20,000-row, 80,000-cell workbook), so a million is ~550 MB.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = {
  // A real list of 20,000 rows unpacks to a few MB; a million cells written as Excel does, ~40 MB.
  maxUnzippedBytes: 64 * 1024 * 1024,
  maxParts: 2_000,
  maxRows: 100_000,
  maxColumns: 200,
  maxCells: 1_000_000,
  maxMerges: 10_000,
  // Three whole columns with a drop-down list (status, category, unit): a few seconds, ~350 MB.
  maxValidatedCells: 3 * 1_048_576,
  maxSharedPartBytes: 16 * 1024 * 1024,
  maxSharedStrings: 500_000,
  // The largest legitimate cell is ~210 K characters (200 measures of up to 1,000 each).
  maxCellChars: 256 * 1024,
};

/** Why a workbook is refused: one of the kinds the `import.limits` message knows, with its figures. */
export type WorkbookRefusal =
  | { kind: 'malformed' }
  /** The reader's worker ran out of time or memory on it (import-reader.ts). */
  | { kind: 'unreadable' }
  | { kind: 'unzipped'; limit: number }
  /** A workbook-wide part (SHARED_PARTS) over its own limit, in MB. */
  | { kind: 'part'; part: string; limit: number }
  | { kind: 'strings'; limit: number }
  | { kind: 'cell_text'; sheet: string; line: number; limit: number }
  | { kind: 'rows' | 'columns' | 'cells' | 'merges' | 'validations'; sheet: string; limit: number }
  | { kind: 'merge_range'; sheet: string; range: string; used: string };

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The zip's central directory; null if it is not a well-formed (non-zip64) archive. */
function entriesOf(zip: Buffer, maxParts: number): Entry[] | null | 'too_many' {
  // The end record is in the last 22 + 65,535 (comment) bytes.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  if (count > maxParts) return 'too_many';
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (at + 46 + nameLength > zip.length) return null;
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + skip;
  }
  return entries;
}

/** An entry's bytes, inflated to at most the size the directory declared (a lie makes it malformed). */
function contentOf(zip: Buffer, entry: Entry): Buffer | null {
  const at = entry.offset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) return null;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressed);
  if (data.length !== entry.compressed) return null;
  if (entry.method === 0) return data.length === entry.size ? data : null;
  if (entry.method !== 8) return null;
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    return out.length === entry.size ? out : null;
  } catch {
    return null;
  }
}

/** `XFD1048576` → column 16384, row 1048576; null if it is not a cell reference. */
function cellAt(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** `A3:XFD1048576` (or one cell, `B2`) as corners; null if unreadable. */
function rangeOf(ref: string) {
  const [a, b = a] = ref.split(':');
  const first = cellAt(a ?? '');
  const last = cellAt(b ?? '');
  if (!first || !last) return null;
  return {
    top: Math.min(first.row, last.row),
    left: Math.min(first.col, last.col),
    bottom: Math.max(first.row, last.row),
    right: Math.max(first.col, last.col),
  };
}

/** One element's start tag of interest; `[^<>]*` stops at the next tag, so the scan is linear. */
const TAG = /<(?:\w{1,20}:)?(dimension|row|c|col|mergeCell|dataValidation)\b([^<>]*)>/g;
const ATTRS = {
  ref: /\bref="([^"]{0,40})"/,
  r: /\br="([^"]{0,40})"/,
  max: /\bmax="([^"]{0,40})"/,
  sqref: /\bsqref="([^"]*)"/,
};
/** Excel's last column, XFD. exceljs makes a column object for each up to a `<col max>`, whatever it says. */
const EXCEL_COLUMNS = 16_384;
const attr = (attrs: string, name: keyof typeof ATTRS) => ATTRS[name].exec(attrs)?.[1];

/** A sheet's XML against the limits: rows, columns, cells, merges, and merges within the used range. */
function checkSheet(xml: string, sheet: string, limits: WorkbookLimits): WorkbookRefusal | null {
  let dimension: ReturnType<typeof rangeOf> = null;
  let rows = 0;
  let cells = 0;
  let lastRow = 0;
  let maxRow = 0;
  let maxCol = 0;
  const merges: string[] = [];
  let validated = 0;
  for (const m of xml.matchAll(TAG)) {
    const [, tag, attrs = ''] = m;
    if (tag === 'dimension') dimension = rangeOf(attr(attrs, 'ref') ?? '');
    else if (tag === 'row') {
      rows++;
      lastRow = Number(attr(attrs, 'r') ?? lastRow + 1);
      maxRow = Math.max(maxRow, lastRow);
    } else if (tag === 'c') {
      cells++;
      const at = cellAt(attr(attrs, 'r') ?? '');
      if (at) {
        maxRow = Math.max(maxRow, at.row);
        maxCol = Math.max(maxCol, at.col);
      } else maxCol++;
    } else if (tag === 'col') {
      // Column widths and styles, for whole columns too: up to Excel's last column, and no further.
      if (!(Number(attr(attrs, 'max') ?? 1) <= EXCEL_COLUMNS)) return { kind: 'columns', sheet, limit: EXCEL_COLUMNS };
    } else if (tag === 'dataValidation') {
      for (const ref of (attr(attrs, 'sqref') ?? '').split(/\s+/)) {
        const range = ref === '' ? null : rangeOf(ref);
        if (range) validated += (range.bottom - range.top + 1) * (range.right - range.left + 1);
      }
      if (validated > limits.maxValidatedCells) return { kind: 'validations', sheet, limit: limits.maxValidatedCells };
    } else {
      merges.push(attr(attrs, 'ref') ?? '');
      if (merges.length > limits.maxMerges) return { kind: 'merges', sheet, limit: limits.maxMerges };
    }
  }
  if (rows > limits.maxRows || maxRow > limits.maxRows) return { kind: 'rows', sheet, limit: limits.maxRows };
  if (maxCol > limits.maxColumns) return { kind: 'columns', sheet, limit: limits.maxColumns };
  if (cells > limits.maxCells) return { kind: 'cells', sheet, limit: limits.maxCells };
  if (dimension && (dimension.bottom > limits.maxRows || dimension.right > limits.maxColumns)) {
    const kind = dimension.bottom > limits.maxRows ? 'rows' : 'columns';
    return { kind, sheet, limit: kind === 'rows' ? limits.maxRows : limits.maxColumns };
  }
  // The used range: what the sheet says it is, else where its cells are.
  const bottom = Math.max(dimension?.bottom ?? 0, maxRow);
  const right = Math.max(dimension?.right ?? 0, maxCol);
  const used = `A1:${columnName(Math.max(1, right))}${Math.max(1, bottom)}`;
  let covered = 0;
  for (const ref of merges) {
    const range = rangeOf(ref);
    if (!range || range.bottom > bottom || range.right > right)
      return { kind: 'merge_range', sheet, range: ref.slice(0, 40), used };
    covered += (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (covered > limits.maxCells) return { kind: 'cells', sheet, limit: limits.maxCells };
  }
  return null;
}

const SI = /<(?:\w{1,20}:)?si[\s>]/g;

/** How many times `pattern` (global) matches the part, read as Latin-1 (the tags are ASCII). */
function countOf(content: Buffer, pattern: RegExp): number {
  let n = 0;
  for (const _ of content.toString('latin1').matchAll(pattern)) n++;
  return n;
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;

function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Refuses a workbook whose zip or sheets are beyond `limits`; null when exceljs may read it. */
export function checkWorkbook(bytes: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): WorkbookRefusal | null {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = entriesOf(zip, limits.maxParts);
  if (entries === null || entries === 'too_many') return { kind: 'malformed' };
  let total = 0;
  for (const entry of entries) {
    // 0xFFFFFFFF marks zip64 sizes: no list comes near 4 GB.
    total += entry.size;
    if (entry.size === 0xffffffff || total > limits.maxUnzippedBytes)
      return { kind: 'unzipped', limit: Math.round(limits.maxUnzippedBytes / 1024 / 1024) };
    if (SHARED_PARTS.has(entry.name) && entry.size > limits.maxSharedPartBytes)
      return { kind: 'part', part: entry.name.slice('xl/'.length), limit: megabytes(limits.maxSharedPartBytes) };
  }
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    // Every part is inflated once here, within its declared size: exceljs then never meets a lying one.
    const content = contentOf(zip, entry);
    if (!content) return { kind: 'malformed' };
    if (entry.name === 'xl/sharedStrings.xml' && countOf(content, SI) > limits.maxSharedStrings)
      return { kind: 'strings', limit: limits.maxSharedStrings };
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue;
    const sheet = entry.name.slice('xl/worksheets/'.length, -'.xml'.length);
    const refused = checkSheet(content.toString('latin1'), sheet, limits);
    if (refused) return refused;
  }
  return null;
}
