import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { problemInput } from '../domain/inputs.js';
import type { MeasureStatus, ProblemStatus } from '../domain/types.js';
import {
  CSV_COLUMNS,
  CSV_PROBLEM_FIELDS,
  parseMeasures,
  parseStatus,
  type CsvColumn,
  type MeasureLine,
} from './csv-format.js';
import type { ServiceDeps } from './deps.js';
import { parseDateCell, type DateOrder } from './import-dates.js';
import { planOutcome, type OutcomeDecision } from './import-outcome.js';
import type { OwnerResolver } from './import-owners.js';
import { statusRefusal, type Decider } from './import-status.js';
import type { Cells, RowError, SourceRow } from './import-read.js';

// Checking and planning: no writes, so a dry run, a Slack preview and the real run report the same thing

type ValidProblem = ReturnType<typeof problemInput.parse>;
export type ProblemFields = Pick<ValidProblem, 'title' | 'description'> & {
  category: string | null;
  source: string | null;
  ownerId: string;
  unit: string | null;
  deadline: string | null;
};

/** What the plan needs of a stored problem (and what undoing an update puts back). */
const EXISTING_SELECT = {
  id: true,
  teamId: true,
  ...CSV_PROBLEM_FIELDS,
  originalDeadline: true,
  closedAt: true,
  closedBy: true,
  withdrawnFrom: true,
  percent: true,
  nextMeasureNumber: true,
  updatedAt: true,
  // Retired measures are not exported, so the file's measures line up with the others, in number order.
  measures: {
    where: { retiredAt: null },
    select: { id: true, number: true, text: true, status: true },
    orderBy: { number: 'asc' },
  },
  // The latest closeout request: the problem's outcome now, and who asked for a pending one (import-outcome.ts).
  closeoutRequests: {
    orderBy: { id: 'desc' },
    take: 1,
    select: { state: true, outcome: true, mechanisms: true, followUpDate: true, requestedBy: true },
  },
} as const;

export function loadProblems(db: ServiceDeps['db'], boardId: number) {
  return db.problem.findMany({ where: { boardId }, select: EXISTING_SELECT });
}

type ExistingProblem = Awaited<ReturnType<typeof loadProblems>>[number];

interface MeasureEdit {
  id: number;
  number: number;
  before: MeasureLine;
  after: MeasureLine;
}

export type RowPlan =
  | {
      kind: 'create';
      line: number;
      key: string | null;
      number: number | null;
      input: ValidProblem;
      status: ProblemStatus;
      measures: MeasureLine[];
      decision: OutcomeDecision | null;
    }
  | {
      kind: 'update';
      line: number;
      problem: ExistingProblem;
      fields: Partial<ProblemFields>;
      status: ProblemStatus | null;
      measureEdits: MeasureEdit[];
      measureAdds: MeasureLine[];
      decision: OutcomeDecision | null;
    }
  | { kind: 'unchanged'; line: number };

export interface Plan {
  rows: RowPlan[];
  errors: RowError[];
  keptMeasures: number;
}

interface PlanOptions {
  dateOrder?: DateOrder;
  owners: OwnerResolver;
  /** Who imports, onto which board: a status set by import is a decision of theirs, under Slack's rules. */
  decider: Decider;
  /** The import's day on the board's calendar: a long-term closeout it makes is followed up no earlier. */
  today: string;
}

export const FIELD_COLUMNS: Record<keyof ProblemFields, CsvColumn> = {
  title: 'title',
  description: 'description',
  category: 'category',
  source: 'source',
  ownerId: 'owner',
  unit: 'unit',
  deadline: 'deadline',
};
/** Rows checked between two turns of the event loop (a few milliseconds of work). */
const PLAN_SLICE = 100;
const FIELDS = Object.keys(FIELD_COLUMNS) as (keyof ProblemFields)[];
/** Leading zeros (RECT-007) are read by Number(); a `0*` before `\d+` would backtrack quadratically. */
const KEY_PATTERN = /^([A-Z][A-Z0-9]*)-(\d+)$/;

/** Why a row is bad: the column, the message, and what in the cell (a measure line) it is about. */
type Reason = [column: CsvColumn, message: string, detail?: string];

export async function planRows(
  rows: SourceRow[],
  boardCode: string,
  existing: ExistingProblem[],
  opts: PlanOptions,
): Promise<Plan> {
  const byKey = new Map(existing.map((p) => [p.key, p]));
  const seen = new Map<string, number>();
  const plan: Plan = { rows: [], errors: [], keptMeasures: 0 };
  const dates = { order: opts.dateOrder, today: opts.today };
  for (const [i, row] of rows.entries()) {
    // Checking 10,000 rows takes ~0.3 s: let the bot's requests in between slices (as the write does).
    if (i > 0 && i % PLAN_SLICE === 0) await yieldToOthers();
    const reasons: Reason[] = [];
    const key = checkKey(row.cells.key, boardCode, reasons);
    if (key) {
      const first = seen.get(key.key);
      if (first !== undefined) reasons.push(['key', `${key.key} appears more than once (first on line ${first})`]);
      else seen.set(key.key, row.line);
    }
    const problem = key ? byKey.get(key.key) : undefined;
    const candidate = await candidateFor(row.cells, problem, opts, reasons);
    const parsed = problemInput.safeParse(candidate.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [field, index] = issue.path;
        const column = FIELD_COLUMNS[field as keyof ProblemFields] ?? 'measures';
        // A cell already refused with a better reason (an unknown owner, an ambiguous date) says it once.
        if (candidate.refused.has(column)) continue;
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
    const ownerId = parsed.success ? parsed.data.ownerId : '';
    const refusal = status ? statusRefusal(problem, status, ownerId, opts.decider) : null;
    if (refusal) reasons.push(['status', refusal]);
    const statusAfter = status ?? problem?.status ?? 'open';
    const decision =
      status === undefined || refusal
        ? null
        : planOutcome(row.cells, problem, statusAfter, ownerId, opts.decider, dates, reasons);
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
        decision,
      });
      continue;
    }
    plan.keptMeasures += measures ? Math.max(0, problem.measures.length - measures.length) : 0;
    plan.rows.push(diff(row, problem, parsed.data, status, measures, decision));
  }
  return plan;
}

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
async function candidateFor(cells: Cells, problem: ExistingProblem | undefined, opts: PlanOptions, reasons: Reason[]) {
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
  const refused = new Set<CsvColumn>();
  for (const field of FIELDS) {
    const cell = cells[FIELD_COLUMNS[field]];
    if (cell === undefined) continue;
    if (field === 'ownerId') {
      const owner = await opts.owners.resolve(cell);
      if (owner.ok) given[field] = owner.id;
      else {
        reasons.push(['owner', owner.message]);
        refused.add('owner');
      }
    } else if (field === 'deadline') {
      const date = parseDateCell(cell, opts.dateOrder);
      if (date.ok) given[field] = date.date;
      else {
        reasons.push(['deadline', date.message]);
        refused.add('deadline');
      }
    } else given[field] = cell;
  }
  const measures = cells.measures === undefined ? undefined : parseMeasures(cells.measures);
  return { input: { ...base, ...given, measures: measures?.map((m) => m.text) ?? [] }, measures, refused };
}

function diff(
  row: SourceRow,
  problem: ExistingProblem,
  input: ValidProblem,
  status: ProblemStatus | null,
  measures: MeasureLine[] | undefined,
  decision: OutcomeDecision | null,
): RowPlan {
  const fields: Partial<ProblemFields> = {};
  for (const field of FIELDS) {
    if (row.cells[FIELD_COLUMNS[field]] === undefined) continue;
    const value = input[field] ?? null;
    if (value !== problem[field]) Object.assign(fields, { [field]: value });
  }
  const measureEdits: MeasureEdit[] = [];
  const measureAdds: MeasureLine[] = [];
  (measures ?? []).forEach((line, i) => {
    const stored = problem.measures[i];
    if (!stored) measureAdds.push(line);
    else if (stored.text !== line.text || stored.status !== line.status) {
      measureEdits.push({
        id: stored.id,
        number: stored.number,
        before: { text: stored.text, status: stored.status as MeasureStatus },
        after: line,
      });
    }
  });
  const newStatus = status !== null && status !== problem.status ? status : null;
  const changed = Object.keys(fields).length || newStatus !== null || measureEdits.length || measureAdds.length;
  if (!changed && !decision) return { kind: 'unchanged', line: row.line };
  return { kind: 'update', line: row.line, problem, fields, status: newStatus, measureEdits, measureAdds, decision };
}
