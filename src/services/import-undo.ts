import type { Actor, MeasureStatus } from '../domain/types.js';
import type { Tx } from './deps.js';

/**
 * Taking back what an import's committed batches wrote, batch by batch, newest first (import-runs.ts runs
 * it: after a failed batch, or at the next start for an import cut off by a crash). Nothing someone did
 * meanwhile is lost: each value is put back only if it is still the one the import wrote, a problem the
 * import created stays if anyone touched it since, and what stays is reported (`kept`).
 */

type Value = string | number | boolean | null;

/** One problem an import updated: the columns it wrote, their values before and after (dates as ISO text). */
export interface UpdatedRow {
  id: number;
  key: string;
  before: Record<string, Value>;
  after: Record<string, Value>;
  /** Measures it rewrote, with their text and status before and after. */
  edits: { id: number; number: number; before: MeasureState; after: MeasureState }[];
  /** Measures it added. */
  measureIds: number[];
  /** A closeout request it opened (status set to closeout_requested). */
  requestIds: number[];
  /** Pending requests it decided (status set to something else): put back to pending. */
  decidedRequestIds: number[];
  /** A request it made already decided (an outcome in the file, nothing pending): deleted with its status. */
  decisionIds?: number[];
  deadlineChangeId: number | null;
}

interface MeasureState {
  text: string;
  status: MeasureStatus;
}

/** What one batch wrote; stored with the batch, in its transaction (ImportBatch.journal). */
export interface BatchJournal {
  /** Problems it created, with their measures and the requests of those set to closeout_requested. */
  created: { id: number; key: string }[];
  auditIds: number[];
  updated: UpdatedRow[];
}

export const emptyJournal = (): BatchJournal => ({ created: [], auditIds: [], updated: [] });

/** The import's problem columns that are dates: stored as ISO text in the journal. */
const DATE_COLUMNS = new Set(['closedAt']);
/** Columns a status change writes beside `status`: put back only with it. */
const WITH_STATUS = new Set(['withdrawnFrom', 'closedAt', 'closedBy', 'percent']);

/** A column's value as the journal holds it. */
export const journalValue = (v: unknown): Value => (v instanceof Date ? v.toISOString() : (v as Value));
const revive = (column: string, v: Value) => (DATE_COLUMNS.has(column) && typeof v === 'string' ? new Date(v) : v);

interface UndoContext {
  actor: Actor;
  /** The import's timestamp: rows it created carry it as createdAt and, until someone changes them, updatedAt. */
  at: Date;
}

/** Takes back one batch; returns what it left in place, one line per problem. */
export async function undoBatch(tx: Tx, ctx: UndoContext, journal: BatchJournal): Promise<string[]> {
  const kept: string[] = [];
  const undoneKeys: string[] = [];
  for (const row of [...journal.updated].reverse()) {
    const left = await undoUpdate(tx, ctx, row);
    if (left.length) kept.push(`${row.key}: ${left.join(', ')} changed since the import, kept`);
    else undoneKeys.push(row.key);
  }
  const created = await undoCreated(tx, ctx, journal.created);
  kept.push(...created.kept.map((key) => `${key}: changed since the import, kept`));
  undoneKeys.push(...created.deleted);
  // The import's audit events go with what they describe; those of rows partly kept stay, to explain them.
  if (journal.auditIds.length && undoneKeys.length) {
    await tx.auditEvent.deleteMany({ where: { id: { in: journal.auditIds }, targetId: { in: undoneKeys } } });
  }
  return kept;
}

/** Deletes the problems the batch created that nobody touched since (their and their measures' updatedAt). */
async function undoCreated(tx: Tx, ctx: UndoContext, created: BatchJournal['created']) {
  if (!created.length) return { deleted: [], kept: [] };
  const ids = created.map((c) => c.id);
  const at = ctx.at.getTime();
  const problems = await tx.problem.findMany({
    where: { id: { in: ids } },
    select: { id: true, key: true, updatedAt: true },
  });
  const measures = await tx.measure.findMany({
    where: { problemId: { in: ids } },
    select: { problemId: true, updatedAt: true, retiredAt: true },
  });
  const touched = new Set(problems.filter((p) => p.updatedAt.getTime() !== at).map((p) => p.id));
  for (const m of measures) if (m.updatedAt.getTime() !== at || m.retiredAt !== null) touched.add(m.problemId);
  const gone = problems.filter((p) => !touched.has(p.id));
  const goneIds = gone.map((p) => p.id);
  if (goneIds.length) {
    // Untouched: any request on it is the import's own (opening another would have changed the problem).
    await tx.effectivenessCheck.deleteMany({ where: { problemId: { in: goneIds } } });
    await tx.closeoutRequest.deleteMany({ where: { problemId: { in: goneIds } } });
    await tx.measure.deleteMany({ where: { problemId: { in: goneIds } } });
    await tx.problem.deleteMany({ where: { id: { in: goneIds } } });
  }
  return { deleted: gone.map((p) => p.key), kept: problems.filter((p) => touched.has(p.id)).map((p) => p.key) };
}

/** Puts back what the import changed on one problem, column by column; returns the columns left as they are. */
async function undoUpdate(tx: Tx, ctx: UndoContext, row: UpdatedRow): Promise<string[]> {
  const columns = Object.keys(row.after);
  const select = Object.fromEntries(columns.map((c) => [c, true]));
  const current = (await tx.problem.findUnique({ where: { id: row.id }, select })) as Record<string, unknown> | null;
  if (!current) return ['the problem'];
  const kept = new Set<string>();
  const same = (c: string) => journalValue(current[c]) === row.after[c];
  const statusBack = !('status' in row.after) || same('status');
  if (!statusBack) kept.add('status');

  // Measures first: whether every measure the import added can go decides whether the counter goes back.
  let measuresLeft = 0;
  if (row.measureIds.length) {
    const added = await tx.measure.findMany({
      where: { id: { in: row.measureIds } },
      select: { id: true, updatedAt: true, retiredAt: true },
    });
    const untouched = added.filter((m) => m.updatedAt.getTime() === ctx.at.getTime() && m.retiredAt === null);
    measuresLeft = added.length - untouched.length;
    await tx.measure.deleteMany({ where: { id: { in: untouched.map((m) => m.id) } } });
  }
  for (const edit of row.edits) {
    const back = await tx.measure.updateMany({
      where: { id: edit.id, text: edit.after.text, status: edit.after.status },
      data: { text: edit.before.text, status: edit.before.status },
    });
    if (back.count !== 1) kept.add(`measure ${edit.number}`);
  }
  if (measuresLeft) kept.add('measures');

  const data: Record<string, unknown> = {};
  for (const column of columns) {
    if (column === 'status') {
      if (statusBack) data.status = row.before.status;
      continue;
    }
    const ok =
      same(column) &&
      (!WITH_STATUS.has(column) || statusBack) &&
      (column !== 'nextMeasureNumber' || !measuresLeft) &&
      (column !== 'originalDeadline' || same('deadline'));
    if (ok) data[column] = revive(column, row.before[column] ?? null);
    // The counter and the status's companions are no one's edit: only report columns a person sets.
    else if (column !== 'nextMeasureNumber' && !WITH_STATUS.has(column) && column !== 'originalDeadline')
      kept.add(column);
  }
  if (Object.keys(data).length) {
    // A change like any other: an edit opened before it must see that the problem moved (version check).
    await tx.problem.update({ where: { id: row.id }, data: { ...data, version: { increment: 1 } } });
  }
  if ('deadline' in data && row.deadlineChangeId !== null) {
    await tx.deadlineChange.deleteMany({ where: { id: row.deadlineChangeId } });
  }
  if (row.requestIds.length) {
    // Still pending: the import's own request goes with its status; one decided since stays with its decision.
    const gone = await tx.closeoutRequest.deleteMany({ where: { id: { in: row.requestIds }, state: 'pending' } });
    if (gone.count !== row.requestIds.length) kept.add('closeout request');
  }
  const undecided = [...(statusBack ? row.decidedRequestIds : []), ...(statusBack ? (row.decisionIds ?? []) : [])];
  if (undecided.length) {
    // The checks those approvals owed go with them (still waiting: an answered one is someone's record).
    await tx.effectivenessCheck.deleteMany({
      where: { requestId: { in: undecided }, createdAt: ctx.at, state: 'waiting' },
    });
  }
  if (row.decidedRequestIds.length && statusBack) {
    await tx.closeoutRequest.updateMany({
      where: { id: { in: row.decidedRequestIds }, decidedBy: ctx.actor.userId, decidedAt: ctx.at },
      data: {
        state: 'pending',
        decidedBy: null,
        decidedAt: null,
        reason: null,
        outcome: null,
        mechanisms: null,
        followUpDate: null,
      },
    });
  }
  if (row.decisionIds?.length && statusBack) {
    await tx.closeoutRequest.deleteMany({
      where: { id: { in: row.decisionIds }, decidedBy: ctx.actor.userId, decidedAt: ctx.at },
    });
  }
  return [...kept];
}
