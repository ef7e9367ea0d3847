import { conflict } from '../domain/errors.js';
import type { Actor, ProblemStatus } from '../domain/types.js';
import type { Tx } from './deps.js';
import { journalValue, type BatchJournal, type UpdatedRow } from './import-undo.js';
import type { OutcomeDecision } from './import-outcome.js';
import type { ProblemFields, RowPlan } from './import-plan.js';
import { recordDeadlineMove } from './problems.js';

/** Writing one updated row of an import: the problem, its measures, and its closeout requests. */

type Change = Extract<RowPlan, { kind: 'update' }>;

/** The status columns a status set by import writes (shared with the creating batch in import-write.ts). */
export function statusData(from: ProblemStatus | null, to: ProblemStatus, actor: Actor, at: Date) {
  // A withdrawn problem remembers what a restore brings it back to.
  if (to === 'withdrawn') return { status: to, withdrawnFrom: from === null || from === 'withdrawn' ? 'open' : from };
  if (from === 'withdrawn') return { status: to, withdrawnFrom: null };
  if (to === 'closed') return { status: to, closedAt: at, closedBy: actor.userId, percent: 100 };
  return from === 'closed' ? { status: to, closedAt: null, closedBy: null } : { status: to };
}

/**
 * One updated row. Each write is conditional on the problem (and measure) being as the plan saw it: a
 * change by someone else meanwhile stops the import, rather than overwriting what they just did.
 */
export async function applyUpdate(
  tx: Tx,
  actor: Actor,
  at: Date,
  row: Change,
  journal: BatchJournal,
  audits: { action: string; targetId: string; before?: unknown; after: unknown }[],
): Promise<void> {
  const { problem } = row;
  const firstNew = problem.nextMeasureNumber;
  const deadlineMoved = row.fields.deadline !== undefined;
  const data = {
    ...row.fields,
    ...(row.status && statusData(problem.status, row.status, actor, at)),
    // Always set, so the row is written (and its updatedAt moves) even when only its measures change.
    nextMeasureNumber: firstNew + row.measureAdds.length,
    ...(deadlineMoved && problem.originalDeadline === null && { originalDeadline: problem.deadline }),
  };
  // What an undo puts back: the columns written, as they were (withdrawnFrom is not in the plan's copy).
  const stored: Record<string, unknown> =
    'withdrawnFrom' in data
      ? { ...problem, ...(await tx.problem.findUnique({ where: { id: problem.id }, select: { withdrawnFrom: true } })) }
      : problem;
  const undo: UpdatedRow = {
    id: problem.id,
    key: problem.key,
    before: Object.fromEntries(Object.keys(data).map((c) => [c, journalValue(stored[c] ?? null)])),
    after: Object.fromEntries(Object.entries(data).map(([c, v]) => [c, journalValue(v ?? null)])),
    edits: row.measureEdits.map((e) => ({ id: e.id, number: e.number, before: e.before, after: e.after })),
    measureIds: [],
    requestIds: [],
    decidedRequestIds: [],
    deadlineChangeId: null,
  };
  const moved = await tx.problem.updateMany({
    where: { id: problem.id, updatedAt: problem.updatedAt },
    // An edit open in Slack meanwhile must see that the problem changed (optimistic version check).
    data: { ...data, version: { increment: 1 } },
  });
  if (moved.count !== 1) throw conflict('import.changed');
  journal.updated.push(undo);
  if (deadlineMoved) {
    // A deadline moved by a file tells its story like one moved in Slack: `show`, the summary, the export.
    const change = await recordDeadlineMove(tx, {
      teamId: problem.teamId,
      problemId: problem.id,
      from: problem.deadline,
      to: row.fields.deadline ?? null,
      reason: 'Changed by import',
      actorId: actor.userId,
      at,
    });
    undo.deadlineChangeId = change.id;
  }
  const settled = row.status ? await settleRequests(tx, actor, at, problem, row.status, row.decision, undo) : null;
  let decided = settled;
  if (row.decision && !settled) {
    // No pending request to decide: the decision is recorded as its own request, decided as it is made.
    const made = await tx.closeoutRequest.create({
      data: decisionRequest(actor, at, problem.id, row.decision, problem.teamId),
      select: { id: true, state: true },
    });
    undo.decisionIds = [made.id];
    decided = { state: made.state as DecidedState, requestIds: [made.id] };
  }
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
        // As the import wrote it: an undo deletes it only while it still is (import-undo.ts).
        updatedAt: at,
      })),
      select: { id: true },
    });
    undo.measureIds.push(...made.map((m) => m.id));
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
      // A closeout decided by the file: by whom, and that it came from an import (not the buttons).
      ...(decided && {
        closeout: {
          ...decided,
          ...(row.decision && { outcome: row.decision.outcome }),
          ...(row.decision?.mechanisms.length && { mechanisms: row.decision.mechanisms }),
          ...(row.decision?.followUpDate && { followUpDate: row.decision.followUpDate }),
          decidedBy: actor.userId,
          via: 'import',
        },
      }),
      measures: [
        ...row.measureEdits.map((e) => ({ number: e.number, ...e.after })),
        ...row.measureAdds.map((m, i) => ({ number: firstNew + i, ...m })),
      ],
    },
  });
}

/** Requests an import decided: the plan checked the decision against the board's rules (import-plan.ts). */
const IMPORT_DECISION = {
  approved: 'Approved by import',
  returned: 'Status changed by import',
  not_rectifiable: 'Not rectifiable, set by import',
} as const;
type DecidedState = keyof typeof IMPORT_DECISION;

/** What a decision by import writes on a request: state, outcome, mechanisms, follow-up date, as the buttons would. */
function decisionData(actor: Actor, at: Date, decision: OutcomeDecision) {
  const state: DecidedState = decision.outcome === 'not_rectifiable' ? 'not_rectifiable' : 'approved';
  return {
    state,
    decidedBy: actor.userId,
    decidedAt: at,
    reason: IMPORT_DECISION[state],
    outcome: state === 'approved' ? decision.outcome : null,
    mechanisms: decision.mechanisms.length ? JSON.stringify(decision.mechanisms) : null,
    followUpDate: decision.followUpDate,
  };
}

/**
 * A request made and decided by import, for a problem with none pending: asked and decided by whoever
 * imports (the plan checked they may decide it), at the import's time, which is the problem's closing time.
 */
export function decisionRequest(
  actor: Actor,
  at: Date,
  problemId: number,
  decision: OutcomeDecision,
  teamId = actor.teamId,
) {
  return {
    teamId,
    problemId,
    requestedBy: actor.userId,
    evidence: 'Outcome set by import',
    createdAt: at,
    ...decisionData(actor, at, decision),
  };
}

/**
 * Keeps closeout requests in step with a status set by import: `closeout_requested` gets a pending request
 * for leaders to decide; any other status decides a pending one, so nobody is asked about a settled problem.
 * Returns the decision made, if any.
 */
async function settleRequests(
  tx: Tx,
  actor: Actor,
  at: Date,
  problem: { id: number; teamId: string },
  to: ProblemStatus,
  decision: OutcomeDecision | null,
  journal: UpdatedRow,
): Promise<{ state: DecidedState; requestIds: number[] } | null> {
  const problemId = problem.id;
  const pending = await tx.closeoutRequest.findMany({ where: { problemId, state: 'pending' }, select: { id: true } });
  if (to === 'closeout_requested') {
    if (pending.length) return null;
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
    return null;
  }
  if (!pending.length) return null;
  const state: DecidedState = to === 'closed' ? 'approved' : 'returned';
  const requestIds = pending.map((r) => r.id);
  const data = decision
    ? decisionData(actor, at, decision)
    : { state, decidedBy: actor.userId, decidedAt: at, reason: IMPORT_DECISION[state] };
  await tx.closeoutRequest.updateMany({ where: { id: { in: requestIds }, state: 'pending' }, data });
  journal.decidedRequestIds.push(...requestIds);
  return { state: data.state, requestIds };
}
