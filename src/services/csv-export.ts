import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../domain/types.js';
import { deriveFlags } from '../domain/problem-state.js';
import { findBoard, requireLeader } from './access.js';
import { loadBoardCalendar } from './calendar.js';
import { deadlineStories } from './problem-history.js';
import { CSV_PROBLEM_FIELDS, EXPORT_COLUMNS, formatMeasures, neutraliseCell, type ExportColumn } from './csv-format.js';
import type { ServiceDeps } from './deps.js';
import { OwnerResolver, type UserDirectory } from './import-owners.js';
import { NO_OUTCOME, outcomeCells } from './outcome-cells.js';

export interface ExportOptions {
  /** Fills the `owner name` column; without it the column is empty. */
  directory?: UserDirectory | null;
}

interface BoardRows {
  board: { code: string; name: string };
  rows: Record<ExportColumn, string>[];
  problems: number;
  measures: number;
}

/**
 * A board's list as rows of the import format, for CSV and Excel alike: one row per problem in number
 * order, measures one per line with their status prefix, the owner's name beside the ID (import ignores it).
 * Cells that a spreadsheet would run as a formula are neutralised (csv-format.ts).
 */
export async function exportRows(
  deps: ServiceDeps,
  actor: Actor,
  boardCode: string,
  opts: ExportOptions = {},
): Promise<BoardRows> {
  const board = await findBoard(deps.db, actor.teamId, boardCode);
  await requireLeader(deps, deps.db, actor, board);
  const problems = await deps.db.problem.findMany({
    where: { boardId: board.id },
    orderBy: { number: 'asc' },
    select: {
      id: true,
      originalDeadline: true,
      lastUpdateAt: true,
      closedAt: true,
      ...CSV_PROBLEM_FIELDS,
      measures: { where: { retiredAt: null }, select: { text: true, status: true }, orderBy: { number: 'asc' } },
    },
  });
  const names = problems.length ? await ownerNames(opts.directory) : new Map<string, string>();
  const stories = await deadlineStories(
    deps.db,
    problems.map((p) => p.id),
  );
  // Days overdue as of now, and the same in the board's working days (issue 22).
  const calendarBoard = { ...board, workCalendar: await loadBoardCalendar(deps.db, board) };
  const now = deps.clock.now();
  const outcomes = await outcomeCells(deps.db, problems);
  const rows = problems.map((p) => {
    const flags = deriveFlags(p, calendarBoard, now);
    const row: Record<ExportColumn, string> = {
      key: p.key,
      title: p.title,
      description: p.description,
      category: p.category ?? '',
      source: p.source ?? '',
      owner: p.ownerId,
      'owner name': names.get(p.ownerId) ?? '',
      unit: p.unit ?? '',
      deadline: p.deadline ?? '',
      status: p.status,
      measures: formatMeasures(p.measures),
      'original deadline': p.originalDeadline ?? '',
      extensions: String(stories.get(p.id)?.extensions ?? 0),
      'days overdue': flags.overdue ? String(flags.daysOverdue) : '',
      'working days overdue': flags.overdue ? String(flags.workingDaysOverdue ?? flags.daysOverdue) : '',
      ...(outcomes.get(p.id) ?? NO_OUTCOME),
    };
    for (const column of EXPORT_COLUMNS) row[column] = neutraliseCell(row[column]);
    return row;
  });
  return {
    board: { code: board.code, name: board.name },
    rows,
    problems: problems.length,
    measures: problems.reduce((n, p) => n + p.measures.length, 0),
  };
}

/** Names are a courtesy: if Slack cannot be asked, the export still goes out with the IDs. */
async function ownerNames(directory: UserDirectory | null | undefined): Promise<Map<string, string>> {
  try {
    return await new OwnerResolver(directory ?? null).names();
  } catch {
    return new Map();
  }
}

interface CsvExport {
  csv: string;
  problems: number;
  measures: number;
}

/**
 * A board's list in the import format, so an export re-imports unchanged: English headers, UTF-8 with a
 * BOM and CRLF line ends, so Excel opens Chinese text correctly; cells with line breaks are quoted.
 */
export async function exportCsv(
  deps: ServiceDeps,
  actor: Actor,
  boardCode: string,
  opts: ExportOptions = {},
): Promise<CsvExport> {
  const { rows, problems, measures } = await exportRows(deps, actor, boardCode, opts);
  const csv = stringify(rows, {
    header: true,
    columns: [...EXPORT_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
  return { csv, problems, measures };
}
