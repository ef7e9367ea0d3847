import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../domain/types.js';
import { findBoard, requireLeader } from './access.js';
import {
  CSV_COLUMNS,
  EXPORT_ONLY_COLUMNS,
  formatMeasures,
  type CsvColumn,
  type ExportOnlyColumn,
} from './csv-format.js';
import { deadlineStories } from './problem-history.js';
import type { ServiceDeps } from './deps.js';

export interface CsvExport {
  csv: string;
  problems: number;
  measures: number;
}

/**
 * A board's list in the import format, so an export re-imports unchanged: English headers, one row per
 * problem in number order, measures one per line with their status prefix. UTF-8 with a BOM and CRLF line
 * ends, so Excel opens Chinese text correctly; cells with line breaks are quoted.
 */
export async function exportCsv(deps: ServiceDeps, actor: Actor, boardCode: string): Promise<CsvExport> {
  const board = await findBoard(deps.db, actor.teamId, boardCode);
  await requireLeader(deps, deps.db, actor, board);
  const problems = await deps.db.problem.findMany({
    where: { boardId: board.id },
    orderBy: { number: 'asc' },
    include: { measures: { orderBy: { number: 'asc' } } },
  });
  const stories = await deadlineStories(
    deps.db,
    problems.map((p) => p.id),
  );
  const rows = problems.map((p): Record<CsvColumn | ExportOnlyColumn, string> => ({
    key: p.key,
    title: p.title,
    description: p.description,
    category: p.category ?? '',
    source: p.source ?? '',
    owner: p.ownerId,
    unit: p.unit ?? '',
    deadline: p.deadline ?? '',
    status: p.status,
    measures: formatMeasures(p.measures),
    'original deadline': p.originalDeadline ?? '',
    extensions: String(stories.get(p.id)?.extensions ?? 0),
  }));
  const csv = stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS, ...EXPORT_ONLY_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
  return { csv, problems: problems.length, measures: problems.reduce((n, p) => n + p.measures.length, 0) };
}
