import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { Prisma } from '../db/generated/client.js';
import { conflict } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';
import { scheduleImportedChecks } from './effectiveness-schedule.js';
import { createAudits, createMeasures, createProblems, type NewMeasure } from './import-insert.js';
import { continueRun, recordBatch, releaseRun, startRun, undoRun, type RunInfo } from './import-runs.js';
import { emptyJournal, type BatchJournal } from './import-undo.js';
import type { RowPlan } from './import-plan.js';
import { applyUpdate, decisionRequest, statusData } from './import-update.js';

// Writing: in bounded batches, each its own short transaction, so the bot's own writes (a click, a report)
// get the database between them instead of waiting out one long import. The outcome is still all or
// nothing: every row was checked before the first write, each batch commits with a journal of what it
// wrote, and if a batch fails (or the process dies: import-runs.ts settles it at the next start), the
// batches already committed are taken back from their journals, without undoing anyone's change since.

/** Rows per transaction: large enough for SQLite's speed, small enough to hold the write lock ~50 ms. */
const BATCH_ROWS = 500;

type Create = Extract<RowPlan, { kind: 'create' }>;

interface WriteTarget {
  board: { id: number; code: string };
  /** The board's nextProblemNumber when the plan was made: new problems are written only if it still is. */
  expectedNext: number;
}

interface WriteOptions {
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
  if (!rows.some((r) => r.kind !== 'unchanged')) {
    await opts.onProgress?.(rows.length, rows.length);
    return keys;
  }
  const run = await startRun(deps, actor, at, target.board.id, rows.length);
  const batchRows = opts.batchRows ?? BATCH_ROWS;
  let done = 0;
  try {
    for (let i = 0; i < rows.length; i += batchRows) {
      const batch = rows.slice(i, i + batchRows);
      const last = i + batchRows >= rows.length;
      const written = await transact(deps.db, async (tx) => {
        await continueRun(tx, run, batch.length);
        const result = await writeBatch(tx, run, target.board, batch, numbers);
        await recordBatch(tx, run, result.journal, last);
        return result;
      });
      for (const [line, key] of written.keys) keys.set(line, key);
      done += batch.length;
      await opts.onProgress?.(done, rows.length);
      await yieldToOthers();
    }
  } catch (err) {
    // Should the undo fail too, the run stays open for the next settle (this process's sweep included).
    await undoRun(deps, run.id, 'failed');
    throw err;
  } finally {
    releaseRun(run);
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

async function writeBatch(
  tx: Tx,
  { actor, at }: RunInfo,
  board: { id: number; code: string },
  batch: RowPlan[],
  numbers: Map<number, number>,
) {
  const journal: BatchJournal = emptyJournal();
  const keys = new Map<number, string>();
  const audits: { action: string; targetId: string; before?: unknown; after: unknown }[] = [];
  const creates = batch.filter((r): r is Create => r.kind === 'create');
  /** Problems a row of this batch may have closed with a decision: they may owe effectiveness checks. */
  const decided: number[] = [];
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
    const requests: Prisma.CloseoutRequestCreateManyInput[] = [];
    for (const row of creates) {
      const problem = byNumber.get(numbers.get(row.line)!)!;
      journal.created.push({ id: problem.id, key: problem.key });
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
      // An outcome in the file is the importer's decision, recorded as an approval or a not-rectifiable one.
      if (row.decision) {
        requests.push(decisionRequest(actor, at, problem.id, row.decision));
        decided.push(problem.id);
      }
      audits.push({
        action: 'problem.create',
        targetId: problem.key,
        after: {
          ...row.input,
          key: problem.key,
          status: row.status,
          measures: row.measures,
          ...(row.decision && { outcome: row.decision.outcome }),
          ...(row.decision?.mechanisms.length && { mechanisms: row.decision.mechanisms }),
          ...(row.decision?.followUpDate && { followUpDate: row.decision.followUpDate }),
          via: 'import',
        },
      });
    }
    if (measures.length) await createMeasures(tx, measures);
    // Undone with their problems (import-undo.ts), so the journal needs no ids of them.
    if (requests.length) await tx.closeoutRequest.createMany({ data: requests });
  }
  for (const row of batch) {
    if (row.kind !== 'update') continue;
    await applyUpdate(tx, actor, at, row, journal, audits);
    keys.set(row.line, row.problem.key);
    if (row.decision || row.status === 'closed') decided.push(row.problem.id);
  }
  // Closeouts the file approved owe their effectiveness checks, as one approved in Slack does (issue 23).
  await scheduleImportedChecks(tx, board.id, actor, at, decided);
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
