import type { Actor } from '../domain/types.js';
import { PROBLEM_STATUSES } from '../domain/types.js';
import { EXPORT_COLUMNS } from './csv-format.js';
import { exportRows, type ExportOptions } from './csv-export.js';
import type { ServiceDeps } from './deps.js';
import { loadExcel } from './xlsx-read.js';

interface XlsxExport {
  bytes: Buffer;
  problems: number;
  measures: number;
}

/** Rows the status drop-down covers beyond the exported ones, for problems a leader adds in Excel. */
const SPARE_ROWS = 1_000;
const MAX_WIDTH = 60;

/** Display width of a line: CJK characters take two columns in Excel's default font. */
function widthOf(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return width;
}

/** Columns written as real Excel dates, shown as YYYY-MM-DD. */
const DATE_COLUMNS = ['deadline', 'follow-up date'] as const;

/** A YYYY-MM-DD cell as an Excel date (midnight UTC, read back as the same day); anything else as it is. */
function excelDate(cell: string): Date | string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
  return day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : cell;
}

/**
 * The board as an Excel workbook with the CSV export's columns and cells: the header row bold, filled and
 * frozen, columns as wide as their content (up to a limit, then wrapped), deadlines and follow-up dates as real Excel dates,
 * measures one per line in their cell, and the status column a drop-down of the valid values. Re-imports
 * unchanged, as the CSV does.
 */
export async function exportXlsx(
  deps: ServiceDeps,
  actor: Actor,
  boardCode: string,
  opts: ExportOptions = {},
): Promise<XlsxExport> {
  const { board, rows, problems, measures } = await exportRows(deps, actor, boardCode, opts);
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Closeout';
  // A fixed date keeps the file's bytes the same for the same list.
  workbook.created = workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet(board.code, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column) => {
    const longest = Math.max(widthOf(column), ...rows.map((r) => Math.max(0, ...r[column].split('\n').map(widthOf))));
    return { header: column, key: column, width: Math.min(MAX_WIDTH, longest + 2) };
  });
  for (const row of rows) {
    sheet.addRow({ ...row, ...Object.fromEntries(DATE_COLUMNS.map((c) => [c, excelDate(row[c])])) });
  }
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.alignment = { vertical: 'middle' };
  for (const column of DATE_COLUMNS) sheet.getColumn(column).numFmt = 'yyyy-mm-dd';
  for (const column of ['title', 'description', 'measures'] as const) {
    sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
  }
  const status = sheet.getColumn('status').letter;
  for (let r = 2; r <= rows.length + 1 + SPARE_ROWS; r++) {
    sheet.getCell(`${status}${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${PROBLEM_STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'status',
      error: `One of: ${PROBLEM_STATUSES.join(', ')}`,
    };
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, problems, measures };
}
