import { ALL_PROBLEM_STATUSES, type MeasureStatus, type ProblemStatus } from '../domain/types.js';
import { t, type MessageKey } from '../i18n/index.js';

/** The CSV contract of PRODUCT.md, shared by import and export: column names, header aliases, cell formats. */

export const CSV_COLUMNS = [
  'key',
  'title',
  'description',
  'category',
  'source',
  'owner',
  'unit',
  'deadline',
  'status',
  'measures',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Written by export for people to read (a deadline's story), ignored by import. */
export const EXPORT_ONLY_COLUMNS = ['original deadline', 'extensions'] as const;
export type ExportOnlyColumn = (typeof EXPORT_ONLY_COLUMNS)[number];

/** Whether a header cell names an export-only column (its cells are ignored on import). */
export function isExportOnlyHeader(header: string): boolean {
  const normal = header.replace(/\s+/g, '').toLowerCase();
  return EXPORT_ONLY_COLUMNS.some((c) => c.replace(/\s+/g, '') === normal) || ['原定时限', '延期次数'].includes(normal);
}

const ZH_HEADERS: Record<string, CsvColumn> = {
  编号: 'key',
  问题: 'title',
  问题描述: 'description',
  类别: 'category',
  来源: 'source',
  责任人: 'owner',
  责任单位: 'unit',
  完成时限: 'deadline',
  状态: 'status',
  整改措施: 'measures',
};

/** Header cell → column, ignoring case and whitespace (" Title ", "完成 时限"); undefined if unknown. */
export function columnForHeader(header: string): CsvColumn | undefined {
  const normal = header.replace(/\s+/g, '').toLowerCase();
  return (CSV_COLUMNS as readonly string[]).includes(normal) ? (normal as CsvColumn) : ZH_HEADERS[normal];
}

/** Status cells: the raw value (what export writes), or its English or Chinese label from the catalogs. */
const statusWords = new Map<string, ProblemStatus>(
  ALL_PROBLEM_STATUSES.flatMap((s) => {
    const key = `status.${s}` as MessageKey;
    return [s, t('en', key), t('zh-CN', key)].map((word) => [word.replace(/\s+/g, '').toLowerCase(), s] as const);
  }),
);

export function parseStatus(cell: string): ProblemStatus | undefined {
  return statusWords.get(cell.replace(/\s+/g, '').toLowerCase());
}

/** A measure line in a cell: `[x] ` done, `[~] ` doing, otherwise (or `[ ] `) to do. */
const prefixes: Record<MeasureStatus, string> = { done: '[x] ', doing: '[~] ', todo: '' };

export interface MeasureLine {
  text: string;
  status: MeasureStatus;
}

export function formatMeasures(measures: readonly MeasureLine[]): string {
  // A line break inside one measure would split it in two on re-import.
  return measures.map((m) => prefixes[m.status] + m.text.replace(/\s*\r?\n\s*/g, ' ')).join('\n');
}

export function parseMeasures(cell: string): MeasureLine[] {
  return cell
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^\[([xX~ ])\]\s*/.exec(line);
      if (!match) return { text: line, status: 'todo' as const };
      const mark = match[1]!.toLowerCase();
      const status: MeasureStatus = mark === 'x' ? 'done' : mark === '~' ? 'doing' : 'todo';
      return { text: line.slice(match[0].length), status };
    });
}
