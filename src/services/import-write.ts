import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { conflict } from '../domain/errors.js';
import type { Actor, ProblemStatus } from '../domain/types.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';
import { createAudits, createMeasures, createProblems, type NewMeasure } from './import-insert.js';
import { emptyJournal, undo, type Journal } from './import-undo.js';
import type { ProblemFields, RowPlan } from './import-plan.js';
import { isLater } from './problems.js';

// Writing: in bounded batches, each its own short transaction, so the bot's own writes (a click, a report)
// get the database between them instead of waiting out one long import. The outcome is still all or
// nothing: every row was checked before the first write, and if a batch fails, the batches already
// committed are undone from a journal of what they wrote.

/** Rows per transaction: large enough for SQLite's speed, small enough to hold the write lock ~50 ms. */
export const BATCH_ROWS = 500;

type Create = Extract<RowPlan, { kind: 'create' }>;
type Change = Extract<RowPlan, { kind: 'update' }>;

export interface WriteTarget {
  board: { id: number; code: string };
  /** The board's nextProblemNumber when the plan was made: new problems are written only if it still is. */
  expectedNext: number;
}

export interface WriteOptions {
  batchRows?: number;
  /** Called after each committed batch; a returned promise is awaited before the next batch. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** Writes a checked plan; returns each written row's key by line. Throws `import.changed` if the board moved. */
export async function writePlan(
  deps: ServiceDeps,
  actor: Actor,
  at: Date,
  target: WriteTarget,
  rows: RowPlan[],
  opts: WriteOptions = {},
): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  const creates = rows.filter((r): r is Create => r.kind === 'create');
  const numbers = await reserveNumbers(deps, target, creates);
  const journal: Journal = emptyJournal();
  const batchRows = opts.batchRows ?? BATCH_ROWS;
  let done = 0;
  try {
    for (let i = 0; i < rows.length; i += batchRows) {
      const batch = rows.slice(i, i + batchRows);
      const written = await transact(deps.db, (tx) => writeBatch(tx, actor, at, target.board, batch, numbers));
      // Journal only what committed; a failed transaction rolled itself back.
      for (const [k, v] of Object.entries(written.journal) as [keyof Journal, never[]][]) journal[k].push(...v);
      for (const [line, key] of written.keys) keys.set(line, key);
      done += batch.length;
      await opts.onProgress?.(done, rows.length);
      await yieldToOthers();
    }
  } catch (err) {
    await undo(deps, journal);
    throw err;
  }
  return keys;
}

/**
 * Takes the numbers of new problems: keys given in the file keep theirs, the others follow the highest
 * number in use or in the file. The board's counter moves past them all, and only if nobody took a number
 * since the plan was made (that would mean the plan is stale).
 */
async function reserveNumbers(deps: ServiceDeps, target: WriteTarget, creates: Create[]): Promise<Map<number, number>> {
  const numbers = new Map<number, number>();
  if (!creates.length) return numbers;
  const highest = Math.max(0, ...creates.map((r) => r.number ?? 0));
  let next = Math.max(target.expectedNext, highest + 1);
  for (const row of creates) numbers.set(row.line, row.number ?? next++);
  const moved = await transact(deps.db, (tx) =>
    tx.board.updateMany({
      where: { id: target.board.id, nextProblemNumber: target.expectedNext },
      data: { nextProblemNumber: next },
    }),
  );
  if (moved.count !== 1) throw conflict('import.changed');
  return numbers;
}

function statusData(from: ProblemStatus | null, to: ProblemStatus, actor: Actor, at: Date) {
  // A withdrawn problem remembers what a restore brings it back to.
  if (to === 'withdrawn') return { status: to, withdrawnFrom: from === null || from === 'withdrawn' ? 'open' : from };
  if (from === 'withdrawn') return { status: to, withdrawnFrom: null };
  if (to === 'closed') return { status: to, closedAt: at, closedBy: actor.userId, percent: 100 };
  return from === 'closed' ? { status: to, closedAt: null, closedBy: null } : { status: to };
}

async function writeBatch(
  tx: Tx,
  actor: Actor,
  at: Date,
  board: { id: number; code: string },
  batch: RowPlan[],
  numbers: Map<number, number>,
) {
  const journal: Journal = emptyJournal();
  const keys = new Map<number, string>();
  const audits: { action: string; targetId: string; before?: unknown; after: unknown }[] = [];
  const creates = batch.filter((r): r is Create => r.kind === 'create');
  if (creates.length) {
    const created = await createProblems(
      tx,
      creates.map((row) => {
        const number = numbers.get(row.line)!;
        const { measures: _texts, ...fields } = row.input;
        return {
          teamId: actor.teamId,
          boardId: board.id,
          number,
          key: `${board.code}-${number}`,
          title: fields.title,
          description: fields.description,
          category: fields.category ?? null,
          source: fields.source ?? null,
          ownerId: fields.ownerId,
          unit: fields.unit ?? null,
          deadline: fields.deadline ?? null,
          nextMeasureNumber: row.measures.length + 1,
          createdBy: actor.userId,
          createdAt: at,
          status: row.status,
          percent: 0,
          closedAt: null,
          closedBy: null,
          ...(row.status !== 'open' && statusData(null, row.status, actor, at)),
        };
      }),
    );
    const byNumber = new Map(created.map((p) => [p.number, p]));
    const measures: NewMeasure[] = [];
    const requests: { teamId: string; problemId: number; requestedBy: string; evidence: string; createdAt: Date }[] =
      [];
    for (const row of creates) {
      const problem = byNumber.get(numbers.get(row.line)!)!;
      journal.problemIds.push(problem.id);
      keys.set(row.line, problem.key);
      row.measures.forEach((m, i) =>
        measures.push({
          teamId: actor.teamId,
          problemId: problem.id,
          number: i + 1,
          text: m.text,
          status: m.status,
          createdAt: at,
        }),
      );
      if (row.status === 'closeout_requested') {
        requests.push({
          teamId: actor.teamId,
          problemId: problem.id,
          requestedBy: actor.userId,
          evidence: 'Status set by import',
          createdAt: at,
        });
      }
      audits.push({
        action: 'problem.create',
        targetId: problem.key,
        after: { ...row.input, key: problem.key, status: row.status, measures: row.measures, via: 'import' },
      });
    }
    if (measures.length) await createMeasures(tx, measures);
    if (requests.length) {
      const made = await tx.closeoutRequest.createManyAndReturn({ data: requests, select: { id: true } });
      journal.requestIds.push(...made.map((r) => r.id));
    }
  }
  for (const row of batch) {
    if (row.kind !== 'update') continue;
    await applyUpdate(tx, actor, at, row, journal, audits);
    keys.set(row.line, row.problem.key);
  }
  if (audits.length) {
    const ids = await createAudits(
      tx,
      audits.map((a) => ({
        teamId: actor.teamId,
        actorId: actor.userId,
        action: a.action,
        targetType: 'problem',
        targetId: a.targetId,
        before: a.before === undefined ? null : JSON.stringify(a.before),
        after: JSON.stringify(a.after),
        createdAt: at,
      })),
    );
    journal.auditIds.push(...ids);
  }
  return { keys, journal };
}

/**
 * One updated row. Each write is conditional on the problem (and measure) being as the plan saw it: a
 * change by someone else meanwhile stops the import, rather than overwriting what they just did.
 */
async function applyUpdate(
  tx: Tx,
  actor: Actor,
  at: Date,
  row: Change,
  journal: Journal,
  audits: { action: string; targetId: string; before?: unknown; after: unknown }[],
): Promise<void> {
  const { problem } = row;
  const firstNew = problem.nextMeasureNumber;
  const deadlineMoved = row.fields.deadline !== undefined;
  const moved = await tx.problem.updateMany({
    where: { id: problem.id, updatedAt: problem.updatedAt },
    data: {
      ...row.fields,
      ...(row.status && statusData(problem.status, row.status, actor, at)),
      // Always set, so the row is written (and its updatedAt moves) even when only its measures change.
      nextMeasureNumber: firstNew + row.measureAdds.length,
      // An edit open in Slack meanwhile must see that the problem changed (optimistic version check).
      version: { increment: 1 },
      ...(deadlineMoved && problem.originalDeadline === null && { originalDeadline: problem.deadline }),
    },
  });
  if (moved.count !== 1) throw conflict('import.changed');
  if (deadlineMoved) {
    // A deadline moved by a file tells its story like one moved in Slack: `show`, the summary, the export.
    const change = await tx.deadlineChange.create({
      data: {
        teamId: problem.teamId,
        problemId: problem.id,
        fromDate: problem.deadline,
        toDate: row.fields.deadline ?? null,
        extended: isLater(problem.deadline, row.fields.deadline ?? null),
        reason: 'Changed by import',
        actorId: actor.userId,
        createdAt: at,
      },
      select: { id: true },
    });
    journal.deadlineChangeIds.push(change.id);
  }
  journal.updated.push({ before: problem, edits: row.measureEdits });
  if (row.status) await settleRequests(tx, actor, at, problem, row.status, journal);
  for (const edit of row.measureEdits) {
    const edited = await tx.measure.updateMany({
      where: { id: edit.id, text: edit.before.text, status: edit.before.status },
      data: { text: edit.after.text, status: edit.after.status },
    });
    if (edited.count !== 1) throw conflict('import.changed');
  }
  if (row.measureAdds.length) {
    const made = await tx.measure.createManyAndReturn({
      data: row.measureAdds.map((m, i) => ({
        teamId: problem.teamId,
        problemId: problem.id,
        number: firstNew + i,
        text: m.text,
        status: m.status,
        createdAt: at,
      })),
      select: { id: true },
    });
    journal.measureIds.push(...made.map((m) => m.id));
  }
  const before = Object.fromEntries(Object.keys(row.fields).map((f) => [f, problem[f as keyof ProblemFields]]));
  audits.push({
    action: 'problem.import',
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
  journal: Journal,
): Promise<void> {
  const problemId = problem.id;
  const pending = await tx.closeoutRequest.findMany({ where: { problemId, state: 'pending' }, select: { id: true } });
  if (to === 'closeout_requested') {
    if (pending.length) return;
    const made = await tx.closeoutRequest.create({
      data: {
        teamId: problem.teamId,
        problemId,
        requestedBy: actor.userId,
        evidence: 'Status set by import',
        createdAt: at,
      },
      select: { id: true },
    });
    journal.requestIds.push(made.id);
    return;
  }
  if (!pending.length) return;
  await tx.closeoutRequest.updateMany({
    where: { id: { in: pending.map((r) => r.id) } },
    data:
      to === 'closed'
        ? { state: 'approved', decidedBy: actor.userId, decidedAt: at }
        : { state: 'returned', decidedBy: actor.userId, decidedAt: at, reason: 'Status changed by import' },
  });
  journal.decidedRequestIds.push(...pending.map((r) => r.id));
}
