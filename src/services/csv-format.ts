import { ALL_PROBLEM_STATUSES, type MeasureStatus, type ProblemStatus } from '../domain/types.js';
import { t, type MessageKey } from '../i18n/index.js';

/** The CSV contract of PRODUCT.md, shared by import and export: column names, header aliases, cell formats. */

/** A problem's own columns, in the order both the import template and the export write them. */
const LIST_COLUMNS = [
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
/**
 * How each problem was closed out (issue 23): outcome, a long-term outcome's lasting mechanisms and
 * follow-up date, and evidence file links. All but the file links are read back by import
 * (import-outcome.ts); the file links are for reading only.
 */
export const OUTCOME_COLUMNS = ['outcome', 'mechanisms', 'follow-up date', 'evidence files'] as const;
/** The columns an import reads. */
export const CSV_COLUMNS = [...LIST_COLUMNS, 'outcome', 'mechanisms', 'follow-up date'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The Problem fields behind the CSV columns (a Prisma `select`), read by both the export and the import. */
export const CSV_PROBLEM_FIELDS = {
  key: true,
  title: true,
  description: true,
  category: true,
  source: true,
  ownerId: true,
  unit: true,
  deadline: true,
  status: true,
} as const;

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
  整改结果: 'outcome',
  长效机制: 'mechanisms',
  跟踪复查日期: 'follow-up date',
};

/** A header as compared: without case, white space, hyphens or underscores ("Follow-up date", "follow_up_date"). */
const normalHeader = (header: string): string => header.replace(/[\s_-]+/g, '').toLowerCase();
/** A Map, not the object: a header named "constructor" is no column. */
const HEADERS = new Map<string, CsvColumn>([
  ...CSV_COLUMNS.map((c) => [normalHeader(c), c] as const),
  ...Object.entries(ZH_HEADERS),
]);

/** Header cell → column, ignoring case, whitespace and hyphens (" Title ", "完成 时限"); undefined if unknown. */
export function columnForHeader(header: string): CsvColumn | undefined {
  return HEADERS.get(normalHeader(header));
}

/**
 * Export writes the owner's name beside the ID so leaders can read the file; import ignores that column
 * (the ID is what counts), under either language's header.
 */
const OWNER_NAME_COLUMN = 'owner name';
/** A moved deadline's story (its first value, how often it was extended) is exported for reading, too. */
const DEADLINE_STORY_COLUMNS = ['original deadline', 'extensions'] as const;
/** How late an open problem is, in calendar days and in the board's working days (issue 22): for reading. */
const OVERDUE_COLUMNS = ['days overdue', 'working days overdue'] as const;
const IGNORED_HEADERS = new Set([
  'ownername',
  '责任人姓名',
  'originaldeadline',
  'extensions',
  '原定时限',
  '延期次数',
  'daysoverdue',
  'workingdaysoverdue',
  '逾期天数',
  '逾期工作日',
  // Evidence files live in Slack and are attached there: their links in an export are for reading only.
  'evidencefiles',
  '整改证明材料',
]);
export const isIgnoredHeader = (header: string): boolean =>
  IGNORED_HEADERS.has(header.replace(/\s+/g, '').toLowerCase());

/** The columns an export writes, in order: the import columns with the owner's name after the owner. */
export const EXPORT_COLUMNS = [
  ...LIST_COLUMNS.slice(0, 6),
  OWNER_NAME_COLUMN,
  ...LIST_COLUMNS.slice(6),
  ...DEADLINE_STORY_COLUMNS,
  ...OVERDUE_COLUMNS,
  ...OUTCOME_COLUMNS,
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with = + - @ tab or CR may run as
 * a formula when the file is opened. Export puts a ' in front of such cells, and of cells that already start
 * with ' before one of those characters, so import can take exactly one ' off and get the text back.
 */
const RISKY = /^'*[=+\-@\t\r]/;
export const neutraliseCell = (cell: string): string => (RISKY.test(cell) ? `'${cell}` : cell);
export const restoreCell = (cell: string): string => (cell.startsWith("'") && RISKY.test(cell) ? cell.slice(1) : cell);

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
  // A line break inside one measure would split it in two on re-import: a run of white space holding one
  // becomes a space (one `\s+` per run: `\s*\r?\n\s*` rescans a long run of spaces from each of them).
  return measures
    .map((m) => prefixes[m.status] + m.text.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws)))
    .join('\n');
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

export const OUTCOMES = ['rectified', 'long_term', 'not_rectifiable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcome cells: the raw value (what export writes), or its English or Chinese label (已整改, 持续整改, 未整改). */
const outcomeWords = new Map<string, Outcome>(
  OUTCOMES.flatMap((o) => {
    const key = `outcome.${o}` as MessageKey;
    return [o, t('en', key), t('zh-CN', key)].map((word) => [word.replace(/\s+/g, '').toLowerCase(), o] as const);
  }),
);

export function parseOutcome(cell: string): Outcome | undefined {
  return outcomeWords.get(cell.replace(/\s+/g, '').toLowerCase());
}

/** Lasting mechanisms in a cell, one a line (as export writes them): one split, so linear in the cell. */
export function parseMechanisms(cell: string): string[] {
  return cell
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter(Boolean);
}
