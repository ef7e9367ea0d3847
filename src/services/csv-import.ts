import { CsvError, parse } from 'csv-parse/sync';
import { conflict } from '../domain/errors.js';
import { problemInput } from '../domain/inputs.js';
import type { Actor, MeasureStatus, ProblemStatus } from '../domain/types.js';
import { findBoard, requireLeader } from './access.js';
import { audit } from './audit.js';
import {
  CSV_COLUMNS,
  columnForHeader,
  parseMeasures,
  parseStatus,
  type CsvColumn,
  type MeasureLine,
  isExportOnlyHeader,
} from './csv-format.js';
import type { ServiceDeps, Tx } from './deps.js';
import { insertProblem, nextProblemNumber } from './problems.js';

/** A bad row: `line` is the physical line in the file where the record starts (the header is line 1). */
export interface RowError {
  line: number;
  reasons: string[];
}

export interface ImportChange {
  line: number;
  /** Null for a new problem whose number is only taken when it is written (dry run). */
  key: string | null;
  action: 'create' | 'update';
  /** What changed, for updates: column names, plus `measures` when a measure was edited or added. */
  fields: string[];
}

export interface ImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Existing measures beyond the lines of their cell: imports never delete, so they were left as they are. */
  keptMeasures: number;
  changes: ImportChange[];
  errors: RowError[];
}

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

type Cells = Partial<Record<CsvColumn, string>>;
interface SourceRow {
  line: number;
  cells: Cells;
}

type ValidProblem = ReturnType<typeof problemInput.parse>;
type ExistingProblem = Awaited<ReturnType<typeof loadProblems>>[number];
type ProblemFields = Pick<ValidProblem, 'title' | 'description'> & {
  category: string | null;
  source: string | null;
  ownerId: string;
  unit: string | null;
  deadline: string | null;
};

type RowPlan =
  | {
      kind: 'create';
      line: number;
      key: string | null;
      number: number | null;
      input: ValidProblem;
      status: ProblemStatus;
      measures: MeasureLine[];
    }
  | {
      kind: 'update';
      line: number;
      problem: ExistingProblem;
      fields: Partial<ProblemFields>;
      status: ProblemStatus | null;
      measureEdits: { id: number; number: number; before: MeasureLine; after: MeasureLine }[];
      measureAdds: MeasureLine[];
    }
  | { kind: 'unchanged'; line: number };

const FIELD_COLUMNS: Record<keyof ProblemFields, CsvColumn> = {
  title: 'title',
  description: 'description',
  category: 'category',
  source: 'source',
  ownerId: 'owner',
  unit: 'unit',
  deadline: 'deadline',
};
const FIELDS = Object.keys(FIELD_COLUMNS) as (keyof ProblemFields)[];
const KEY_PATTERN = /^([A-Z][A-Z0-9]*)-0*(\d+)$/;
const TRANSACTION_TIMEOUT_MS = 120_000;

/**
 * Imports a CSV file (PRODUCT.md "CSV columns") onto a board. Every row is checked first; if any is bad,
 * nothing is written and every bad row is returned with its line number. Otherwise all rows are written
 * in one transaction: an empty key creates a problem, a known key updates what changed, an unknown key
 * of this board creates the problem under that number (an export loaded into a fresh database).
 * A column left out of the file leaves that field alone; an empty cell clears it (measures are never deleted).
 */
export async function importCsv(
  deps: ServiceDeps,
  actor: Actor,
  boardCode: string,
  input: Buffer | string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const board = await findBoard(deps.db, actor.teamId, boardCode);
  await requireLeader(deps, deps.db, actor, board);
  if (board.archived) throw conflict('error.board_archived', { code: board.code });

  const read = readRows(input);
  const empty = { created: 0, updated: 0, unchanged: 0, keptMeasures: 0, changes: [] };
  if ('errors' in read) return { dryRun: !!opts.dryRun, ...empty, errors: read.errors };
  const now = deps.clock.now();

  if (opts.dryRun) {
    const plan = planRows(read.rows, board.code, await loadProblems(deps.db, board.id));
    opts.onProgress?.(read.rows.length, read.rows.length);
    return summarise(plan, true, () => null);
  }
  return deps.db.$transaction(
    async (tx) => {
      const plan = planRows(read.rows, board.code, await loadProblems(tx, board.id));
      if (plan.errors.length) return summarise(plan, false, () => null);
      const keys = await writePlan(tx, actor, now, board, plan.rows, opts.onProgress);
      return summarise(plan, false, (line) => keys.get(line) ?? null);
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

function loadProblems(db: ServiceDeps['db'] | Tx, boardId: number) {
  return db.problem.findMany({ where: { boardId }, include: { measures: { orderBy: { number: 'asc' } } } });
}

// ---------------------------------------------------------------------------------------------------
// Reading: bytes → header-checked rows with line numbers

function readRows(input: Buffer | string): { rows: SourceRow[] } | { errors: RowError[] } {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (typeof text !== 'string') return { errors: [text] };

  let records: string[][];
  const endLines: number[] = [];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record, context) => {
        endLines.push(context.lines);
        return record;
      },
    });
  } catch (err) {
    if (err instanceof CsvError)
      return { errors: [{ line: typeof err.lines === 'number' ? err.lines : 1, reasons: [err.message] }] };
    throw err;
  }
  // `lines` is where a record ends; line breaks inside its quoted cells put its start higher up.
  const located = records
    .map((record, i) => ({
      record,
      line: endLines[i]! - record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0),
    }))
    .filter(({ record }) => record.some((cell) => cell.trim() !== ''));
  const [header, ...body] = located;
  if (!header)
    return {
      errors: [
        { line: 1, reasons: [`the file is empty; the first row must name the columns: ${CSV_COLUMNS.join(', ')}`] },
      ],
    };

  const columns: (CsvColumn | null)[] = [];
  const headerReasons: string[] = [];
  header.record.forEach((cell, i) => {
    if (cell.trim() === '' || isExportOnlyHeader(cell)) return void columns.push(null);
    const column = columnForHeader(cell);
    if (!column)
      headerReasons.push(
        `unknown column "${cell.trim()}" (expected ${CSV_COLUMNS.join(', ')}, or the Chinese headers 编号, 问题, 问题描述, 类别, 来源, 责任人, 责任单位, 完成时限, 状态, 整改措施)`,
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
    if (record.length !== columns.length) {
      errors.push({ line, reasons: [`has ${record.length} cells but the header has ${columns.length}`] });
      continue;
    }
    const cells: Cells = {};
    const reasons: string[] = [];
    record.forEach((cell, i) => {
      const column = columns[i];
      if (column) cells[column] = cell;
      else if (cell.trim() !== '' && !isExportOnlyHeader(header.record[i] ?? ''))
        reasons.push(`cell ${i + 1} has a value but its column has no header`);
    });
    if (reasons.length) errors.push({ line, reasons });
    else rows.push({ line, cells });
  }
  return errors.length ? { errors } : { rows };
}

/** Strict UTF-8: a file saved in a legacy encoding (Excel's plain "CSV" on Chinese Windows is GBK) is refused, not garbled. */
function decodeUtf8(bytes: Buffer): string | RowError {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const line = loose.slice(0, loose.indexOf('\uFFFD')).split(/\r\n|\n|\r/).length;
    return { line, reasons: ['the file is not UTF-8 text; in Excel choose "Save As" → "CSV UTF-8"'] };
  }
}

// ---------------------------------------------------------------------------------------------------
// Checking and planning: no writes, so a dry run and the real run report the same thing

interface Plan {
  rows: RowPlan[];
  errors: RowError[];
  keptMeasures: number;
}

function planRows(rows: SourceRow[], boardCode: string, existing: ExistingProblem[]): Plan {
  const byKey = new Map(existing.map((p) => [p.key, p]));
  const seen = new Map<string, number>();
  const plan: Plan = { rows: [], errors: [], keptMeasures: 0 };
  for (const row of rows) {
    const reasons: Reason[] = [];
    const key = checkKey(row.cells.key, boardCode, reasons);
    if (key) {
      const first = seen.get(key.key);
      if (first !== undefined) reasons.push(['key', `${key.key} appears more than once (first on line ${first})`]);
      else seen.set(key.key, row.line);
    }
    const problem = key ? byKey.get(key.key) : undefined;
    const candidate = candidateFor(row.cells, problem);
    const parsed = problemInput.safeParse(candidate.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [field, index] = issue.path;
        const column = FIELD_COLUMNS[field as keyof ProblemFields] ?? 'measures';
        reasons.push([column, issue.message, typeof index === 'number' ? ` (measure ${index + 1})` : '']);
      }
    }
    const statusCell = row.cells.status?.trim() ?? '';
    const status = statusCell === '' ? null : parseStatus(statusCell);
    if (status === undefined) {
      reasons.push([
        'status',
        `"${statusCell}" is not a status; use open, in_progress, closeout_requested, closed or withdrawn`,
      ]);
    }
    if (reasons.length || !parsed.success || status === undefined) {
      plan.errors.push({ line: row.line, reasons: formatReasons(reasons) });
      continue;
    }
    const measures = candidate.measures;
    if (!problem) {
      plan.rows.push({
        kind: 'create',
        line: row.line,
        key: key?.key ?? null,
        number: key?.number ?? null,
        input: parsed.data,
        status: status ?? 'open',
        measures: measures ?? [],
      });
      continue;
    }
    const update = diff(row, problem, parsed.data, status, measures);
    plan.keptMeasures += measures ? Math.max(0, problem.measures.length - measures.length) : 0;
    plan.rows.push(update);
  }
  return plan;
}

/** Why a row is bad: the column, the message, and what in the cell (a measure line) it is about. */
type Reason = [column: CsvColumn, message: string, detail?: string];

/** In column order, so a row's reasons read left to right like the spreadsheet. */
function formatReasons(reasons: Reason[]): string[] {
  return reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => CSV_COLUMNS.indexOf(a.r[0]) - CSV_COLUMNS.indexOf(b.r[0]) || a.i - b.i)
    .map(({ r: [column, message, detail] }) => `${column}${detail ?? ''}: ${message}`);
}

function checkKey(
  cell: string | undefined,
  boardCode: string,
  reasons: Reason[],
): { key: string; number: number } | null {
  const raw = cell?.trim().toUpperCase() ?? '';
  if (raw === '') return null;
  const match = KEY_PATTERN.exec(raw);
  if (!match) {
    reasons.push([
      'key',
      `"${cell?.trim()}" is not a problem key like ${boardCode}-12 (leave it empty for a new problem)`,
    ]);
    return null;
  }
  if (match[1] !== boardCode) {
    reasons.push(['key', `${raw} belongs to board ${match[1]}, not ${boardCode}`]);
    return null;
  }
  const number = Number(match[2]);
  if (!Number.isSafeInteger(number) || number < 1) {
    reasons.push(['key', `${raw} has no valid number`]);
    return null;
  }
  return { key: `${boardCode}-${number}`, number };
}

/** The row laid over the stored problem (columns missing from the file keep their stored values). */
function candidateFor(cells: Cells, problem: ExistingProblem | undefined) {
  const base: Record<string, unknown> = problem
    ? {
        title: problem.title,
        description: problem.description,
        category: problem.category,
        source: problem.source,
        ownerId: problem.ownerId,
        unit: problem.unit,
        deadline: problem.deadline,
      }
    : {};
  const given: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const cell = cells[FIELD_COLUMNS[field]];
    if (cell === undefined) continue;
    if (field === 'ownerId') given[field] = cell.trim().replace(/^<@([A-Z0-9]+)(\|[^>]*)?>$/i, '$1');
    else if (field === 'deadline') given[field] = cell.trim() === '' ? null : normaliseDate(cell.trim());
    else given[field] = cell;
  }
  const measures = cells.measures === undefined ? undefined : parseMeasures(cells.measures);
  return { input: { ...base, ...given, measures: measures?.map((m) => m.text) ?? [] }, measures };
}

/** Excel shows dates as 2026/3/31 or 2026-3-31 in Chinese locales; they mean the same day. */
function normaliseDate(cell: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(cell);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : cell;
}

function diff(
  row: SourceRow,
  problem: ExistingProblem,
  input: ValidProblem,
  status: ProblemStatus | null,
  measures: MeasureLine[] | undefined,
): RowPlan {
  const fields: Partial<ProblemFields> = {};
  for (const field of FIELDS) {
    if (row.cells[FIELD_COLUMNS[field]] === undefined) continue;
    const value = input[field] ?? null;
    if (value !== problem[field]) Object.assign(fields, { [field]: value });
  }
  const measureEdits: Extract<RowPlan, { kind: 'update' }>['measureEdits'] = [];
  const measureAdds: MeasureLine[] = [];
  (measures ?? []).forEach((line, i) => {
    const stored = problem.measures[i];
    if (!stored) measureAdds.push(line);
    else if (stored.text !== line.text || stored.status !== line.status) {
      measureEdits.push({
        id: stored.id,
        number: stored.number,
        before: { text: stored.text, status: stored.status },
        after: line,
      });
    }
  });
  const newStatus = status !== null && status !== problem.status ? status : null;
  if (!Object.keys(fields).length && newStatus === null && !measureEdits.length && !measureAdds.length) {
    return { kind: 'unchanged', line: row.line };
  }
  return { kind: 'update', line: row.line, problem, fields, status: newStatus, measureEdits, measureAdds };
}

// ---------------------------------------------------------------------------------------------------
// Writing

async function writePlan(
  tx: Tx,
  actor: Actor,
  at: Date,
  board: { id: number; code: string },
  rows: RowPlan[],
  onProgress?: (done: number, total: number) => void,
): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  // Numbers taken from keys in the file must never be handed out again: move the sequence past them first.
  const highest = Math.max(0, ...rows.map((r) => (r.kind === 'create' ? (r.number ?? 0) : 0)));
  await tx.board.updateMany({
    where: { id: board.id, nextProblemNumber: { lte: highest } },
    data: { nextProblemNumber: highest + 1 },
  });

  let done = 0;
  for (const row of rows) {
    if (row.kind === 'create') {
      const number = row.number ?? (await nextProblemNumber(tx, board.id));
      const problem = await insertProblem(tx, actor, at, board, row.input, number);
      await applyCreatedState(tx, actor, at, problem, row);
      keys.set(row.line, problem.key);
    } else if (row.kind === 'update') {
      await applyUpdate(tx, actor, at, row);
      keys.set(row.line, row.problem.key);
    }
    onProgress?.(++done, rows.length);
  }
  return keys;
}

function statusData(from: ProblemStatus | null, to: ProblemStatus, actor: Actor, at: Date) {
  // A withdrawn problem remembers what a restore brings it back to.
  if (to === 'withdrawn') return { status: to, withdrawnFrom: from === null || from === 'withdrawn' ? 'open' : from };
  if (from === 'withdrawn') return { status: to, withdrawnFrom: null };
  if (to === 'closed') return { status: to, closedAt: at, closedBy: actor.userId, percent: 100 };
  return from === 'closed' ? { status: to, closedAt: null, closedBy: null } : { status: to };
}

/**
 * Keeps closeout requests in step with a status set by import: `closeout_requested` gets a pending request
 * for leaders to decide; any other status decides a pending one, so nobody is asked about a settled problem.
 */
async function settleRequests(
  tx: Tx,
  actor: Actor,
  at: Date,
  problem: { id: number; teamId: string },
  to: ProblemStatus,
): Promise<void> {
  const problemId = problem.id;
  if (to === 'closeout_requested') {
    const pending = await tx.closeoutRequest.count({ where: { problemId, state: 'pending' } });
    if (!pending) {
      await tx.closeoutRequest.create({
        data: {
          teamId: problem.teamId,
          problemId,
          requestedBy: actor.userId,
          evidence: 'Status set by CSV import',
          createdAt: at,
        },
      });
    }
    return;
  }
  await tx.closeoutRequest.updateMany({
    where: { problemId, state: 'pending' },
    data:
      to === 'closed'
        ? { state: 'approved', decidedBy: actor.userId, decidedAt: at }
        : { state: 'returned', decidedBy: actor.userId, decidedAt: at, reason: 'Status changed by CSV import' },
  });
}

async function setMeasureStatuses(
  tx: Tx,
  problemId: number,
  byNumber: { number: number; status: MeasureStatus }[],
): Promise<void> {
  for (const status of ['doing', 'done'] as const) {
    const numbers = byNumber.filter((m) => m.status === status).map((m) => m.number);
    if (numbers.length)
      await tx.measure.updateMany({ where: { problemId, number: { in: numbers } }, data: { status } });
  }
}

async function applyCreatedState(
  tx: Tx,
  actor: Actor,
  at: Date,
  problem: { id: number; teamId: string; key: string },
  row: Extract<RowPlan, { kind: 'create' }>,
): Promise<void> {
  const measures = row.measures.map((m, i) => ({ number: i + 1, status: m.status }));
  if (row.status === 'open' && measures.every((m) => m.status === 'todo')) return;
  if (row.status !== 'open') {
    await tx.problem.update({ where: { id: problem.id }, data: statusData(null, row.status, actor, at) });
    await settleRequests(tx, actor, at, problem, row.status);
  }
  await setMeasureStatuses(tx, problem.id, measures);
  await audit(tx, actor, at, {
    action: 'problem.import',
    targetType: 'problem',
    targetId: problem.key,
    before: { status: 'open' },
    after: { status: row.status, measures: measures.filter((m) => m.status !== 'todo') },
  });
}

async function applyUpdate(tx: Tx, actor: Actor, at: Date, row: Extract<RowPlan, { kind: 'update' }>): Promise<void> {
  const { problem } = row;
  const firstNew = problem.nextMeasureNumber;
  await tx.problem.update({
    where: { id: problem.id },
    data: {
      ...row.fields,
      ...(row.status && statusData(problem.status, row.status, actor, at)),
      ...(row.measureAdds.length && { nextMeasureNumber: firstNew + row.measureAdds.length }),
    },
  });
  if (row.status) await settleRequests(tx, actor, at, problem, row.status);
  for (const edit of row.measureEdits) {
    await tx.measure.update({ where: { id: edit.id }, data: { text: edit.after.text, status: edit.after.status } });
  }
  if (row.measureAdds.length) {
    await tx.measure.createMany({
      data: row.measureAdds.map((m, i) => ({
        teamId: problem.teamId,
        problemId: problem.id,
        number: firstNew + i,
        text: m.text,
        status: m.status,
        createdAt: at,
      })),
    });
  }
  const before = Object.fromEntries(Object.keys(row.fields).map((f) => [f, problem[f as keyof ProblemFields]]));
  await audit(tx, actor, at, {
    action: 'problem.import',
    targetType: 'problem',
    targetId: problem.key,
    before: {
      ...before,
      ...(row.status && { status: problem.status }),
      measures: row.measureEdits.map((e) => ({ number: e.number, ...e.before })),
    },
    after: {
      ...row.fields,
      ...(row.status && { status: row.status }),
      measures: [
        ...row.measureEdits.map((e) => ({ number: e.number, ...e.after })),
        ...row.measureAdds.map((m, i) => ({ number: firstNew + i, ...m })),
      ],
    },
  });
}

function summarise(plan: Plan, dryRun: boolean, keyFor: (line: number) => string | null): ImportResult {
  const changes: ImportChange[] = [];
  let unchanged = 0;
  for (const row of plan.rows) {
    if (row.kind === 'unchanged') unchanged++;
    else if (row.kind === 'create') {
      changes.push({ line: row.line, key: keyFor(row.line) ?? row.key, action: 'create', fields: [] });
    } else {
      const fields = [
        ...Object.keys(row.fields).map((f) => FIELD_COLUMNS[f as keyof ProblemFields]),
        ...(row.status ? ['status'] : []),
        ...(row.measureEdits.length || row.measureAdds.length ? ['measures'] : []),
      ];
      changes.push({ line: row.line, key: row.problem.key, action: 'update', fields });
    }
  }
  const errors = plan.errors;
  return {
    dryRun,
    created: errors.length ? 0 : changes.filter((c) => c.action === 'create').length,
    updated: errors.length ? 0 : changes.filter((c) => c.action === 'update').length,
    unchanged: errors.length ? 0 : unchanged,
    keptMeasures: errors.length ? 0 : plan.keptMeasures,
    changes: errors.length ? [] : changes,
    errors,
  };
}
