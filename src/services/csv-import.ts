import { createHash } from 'node:crypto';
import { localDate } from '../domain/cycle.js';
import { conflict, DomainError, invalid } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import { findBoard, requireLeader } from './access.js';
import { loadBoardCalendar } from './calendar.js';
import type { ServiceDeps } from './deps.js';
import type { DateOrder } from './import-dates.js';
import { OwnerResolver, type DirectoryFailure, type UserDirectory } from './import-owners.js';
import { FIELD_COLUMNS, loadProblems, planRows, type Plan, type ProblemFields } from './import-plan.js';
import { loadPendingRequests } from './import-status.js';
import { type FileFormat, type ReadOptions, type RowError } from './import-read.js';
import { readRowsOffThread } from './import-reader.js';
import { writePlan } from './import-write.js';

export type { RowError } from './import-read.js';

interface ImportChange {
  line: number;
  /** Null for a new problem whose number is only taken when it is written (dry run). */
  key: string | null;
  action: 'create' | 'update';
  /** What changed, for updates: column names, plus `measures` when a measure was edited or added. */
  fields: string[];
}

export interface ImportResult {
  dryRun: boolean;
  format: FileFormat;
  created: number;
  updated: number;
  unchanged: number;
  /** Existing measures beyond the lines of their cell: imports never delete, so they were left as they are. */
  keptMeasures: number;
  changes: ImportChange[];
  errors: RowError[];
  /** Names this plan against the board as it was: a preview's plan is applied only if it is still the same. */
  fingerprint: string;
  /** `expect` was given and the plan is no longer that one: nothing was written; this is the new preview. */
  stale: boolean;
  /** Slack could not be reached (or refused) to look owners up: the rows that needed it are in `errors`. */
  lookupFailure: DirectoryFailure | null;
  /**
   * Rows that set a deadline on a day the board's calendar does not work (issue 22): kept as given, but said,
   * as the modal and the CLI say it. In line order; the previews list the first few.
   */
  deadlineWarnings: DeadlineWarning[];
}

interface DeadlineWarning {
  line: number;
  /** Null for a new problem whose number is only taken when it is written. */
  key: string | null;
  date: string;
}

interface ImportOptions extends ReadOptions {
  dryRun?: boolean;
  /** How to read 03/04/2023 (never guessed): day first, month first; year-first dates are always read. */
  dateOrder?: DateOrder;
  /** Looks up owners written as e-mails or names; null or absent: only member IDs are accepted. */
  directory?: UserDirectory | null;
  /** Write only if the plan's fingerprint is still this one (the preview a leader approved). */
  expect?: string;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  batchRows?: number;
}

/** A plan made stale by a write between planning and writing is planned again, a few times at most. */
const ATTEMPTS = 3;

/**
 * Imports a list (PRODUCT.md "CSV columns") from CSV in any of Excel's encodings or an .xlsx workbook onto a
 * board. Every row is checked first; if any is bad, nothing is written and every bad row is returned with
 * its line number. Otherwise the rows are written in short batches (see import-write.ts), all or nothing:
 * an empty key creates a problem, a known key updates what changed, an unknown key of this board creates the
 * problem under that number (an export loaded into a fresh database). A column left out of the file leaves
 * that field alone; an empty cell clears it (measures are never deleted).
 */
export async function importCsv(
  deps: ServiceDeps,
  actor: Actor,
  boardCode: string,
  input: Uint8Array | string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const board = await findBoard(deps.db, actor.teamId, boardCode);
  await requireLeader(deps, deps.db, actor, board);
  if (board.archived) throw conflict('error.board_archived', { code: board.code });

  const read = await readRowsOffThread(input, { sheet: opts.sheet });
  // Too large or malformed to read (or the reader's worker gave up on it): refused whole, nothing to list.
  if ('refused' in read)
    throw invalid('import.limits', { sheet: '', limit: 0, range: '', used: '', part: '', line: 0, ...read.refused });
  const dryRun = !!opts.dryRun;
  if ('errors' in read)
    return summarise({ rows: [], errors: read.errors, keptMeasures: 0 }, read.format, dryRun, '', () => false);
  const owners = new OwnerResolver(opts.directory ?? null);
  const now = deps.clock.now();
  const calendar = await loadBoardCalendar(deps.db, board);
  const offDay = (date: string) => !calendar.isWorkingDay(date);

  for (let attempt = 1; ; attempt++) {
    const current = await findBoard(deps.db, actor.teamId, board.code);
    const plan = await planRows(read.rows, board.code, await loadProblems(deps.db, board.id), {
      owners,
      dateOrder: opts.dateOrder,
      decider: { userId: actor.userId, board: current, pendingBy: await loadPendingRequests(deps.db, board.id) },
      today: localDate(now, current.timezone),
    });
    const fingerprint = fingerprintOf(plan, current.nextProblemNumber);
    if (opts.expect !== undefined && opts.expect !== fingerprint)
      return {
        ...summarise(plan, read.format, true, fingerprint, offDay),
        stale: true,
        lookupFailure: owners.unreachable,
      };
    if (dryRun || plan.errors.length) {
      if (dryRun) await opts.onProgress?.(read.rows.length, read.rows.length);
      return { ...summarise(plan, read.format, dryRun, fingerprint, offDay), lookupFailure: owners.unreachable };
    }
    try {
      const target = { board, expectedNext: current.nextProblemNumber };
      const keys = await writePlan(deps, actor, now, target, plan.rows, opts);
      return summarise(plan, read.format, false, fingerprint, offDay, (line) => keys.get(line) ?? null);
    } catch (err) {
      const stale = err instanceof DomainError && err.key === 'import.changed';
      if (!stale || opts.expect !== undefined || attempt >= ATTEMPTS) throw err;
    }
  }
}

/** The plan as data, with what it was made against (the board's number counter and each updated row's version). */
function fingerprintOf(plan: Plan, nextNumber: number): string {
  const rows = plan.rows.map((r) =>
    r.kind === 'update' ? { ...r, problem: { key: r.problem.key, at: r.problem.updatedAt.getTime() } } : r,
  );
  const json = JSON.stringify({ nextNumber, rows, errors: plan.errors });
  return createHash('sha256').update(json).digest('base64url').slice(0, 22);
}

function summarise(
  plan: Plan,
  format: FileFormat,
  dryRun: boolean,
  fingerprint: string,
  offDay: (date: string) => boolean,
  keyFor: (line: number) => string | null = () => null,
): ImportResult {
  const changes: ImportChange[] = [];
  const deadlineWarnings: DeadlineWarning[] = [];
  let unchanged = 0;
  for (const row of plan.rows) {
    // A deadline the row sets (not one it leaves as it was) on a day off.
    if (row.kind === 'create' && row.input.deadline && offDay(row.input.deadline))
      deadlineWarnings.push({ line: row.line, key: keyFor(row.line) ?? row.key, date: row.input.deadline });
    if (row.kind === 'update' && row.fields.deadline && offDay(row.fields.deadline))
      deadlineWarnings.push({ line: row.line, key: row.problem.key, date: row.fields.deadline });
    if (row.kind === 'unchanged') unchanged++;
    else if (row.kind === 'create') {
      changes.push({ line: row.line, key: keyFor(row.line) ?? row.key, action: 'create', fields: [] });
    } else {
      const fields = [
        ...Object.keys(row.fields).map((f) => FIELD_COLUMNS[f as keyof ProblemFields]),
        ...(row.status ? ['status'] : []),
        ...(row.measureEdits.length || row.measureAdds.length ? ['measures'] : []),
        ...(row.decision ? ['outcome'] : []),
      ];
      changes.push({ line: row.line, key: row.problem.key, action: 'update', fields });
    }
  }
  const errors = plan.errors;
  const ok = !errors.length;
  return {
    dryRun,
    format,
    created: ok ? changes.filter((c) => c.action === 'create').length : 0,
    updated: ok ? changes.filter((c) => c.action === 'update').length : 0,
    unchanged: ok ? unchanged : 0,
    keptMeasures: ok ? plan.keptMeasures : 0,
    changes: ok ? changes : [],
    errors,
    fingerprint,
    stale: false,
    lookupFailure: null,
    deadlineWarnings: ok ? deadlineWarnings : [],
  };
}
