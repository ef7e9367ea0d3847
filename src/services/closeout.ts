import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { closeoutInput, decisionReason, followUpInTime, longTermInput, type LongTerm } from '../domain/inputs.js';
import { requireTransition } from '../domain/problem-state.js';
import { maySignOff } from '../domain/sign-off.js';
import type { Actor, ProblemStatus } from '../domain/types.js';
import { findProblem, requireLeader, requireOwnerOrLeader } from './access.js';
import { audit } from './audit.js';
import { requireDecider, standingDeputies } from './deputies.js';
import { localDate } from '../domain/cycle.js';
import { recordOwed, type Owed } from './deliveries.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';
import type { ChangedProblem } from './problem-changes.js';
import { ensureNotClosed } from './problems.js';
import { scheduleChecks } from './effectiveness-schedule.js';
import { filesOfRequest, recordEvidenceFiles, validFiles, type EvidenceFileView } from './evidence-files.js';
import { priorSubmission, recordSubmission, transactOnce, type Once } from './view-submissions.js';

/** A closeout request as saved, with what each decider's copy shows. */
export interface RequestedCloseout {
  request: { id: number; requestedBy: string; createdAt: Date; evidence: string; files: EvidenceFileView[] };
  problem: { teamId: string; key: string; title: string; ownerId: string; percent: number; deadline: string | null };
  /** The board's leaders (empty: nobody leads it, the admins decide). */
  leaderIds: string[];
  /** Deputies standing in today for leaders who are away (issue 22): they get a copy too. */
  deputyIds?: string[];
  /** The problem's current measures. */
  measures: { status: string }[];
}

/**
 * The owner (or a leader) asks for sign-off with an evidence note; the board's leaders decide. `owed`: the
 * deciders' copies, recorded with the request (a request never waits unseen because a process died).
 */
export async function requestCloseout(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  raw: { evidence: string; files?: readonly unknown[] },
  owed?: Owed<RequestedCloseout>,
  opts: Once = {},
) {
  const result = closeoutInput.safeParse(raw);
  if (!result.success) throw invalid('error.evidence_required');
  const files = validFiles(raw.files);
  const now = deps.clock.now();
  const { viewId } = opts;
  return transactOnce(deps.db, viewId, async (tx) => {
    // The same modal submitted again: the request it made, not "a closeout is already pending".
    const prior = await priorSubmission(tx, viewId, 'closeout_request');
    if (prior !== null) return requestedAgain(tx, Number(prior));
    const problem = await findProblem(tx, actor.teamId, key);
    await requireOwnerOrLeader(deps, tx, actor, problem);
    ensureNotClosed(problem);
    if (problem.status === 'closeout_requested') throw conflict('error.closeout_pending', { key: problem.key });
    requireTransition(problem.key, problem.status, 'closeout_requested');
    const board = await tx.board.findUniqueOrThrow({ where: { id: problem.boardId } });
    if (board.evidenceRequired && files.length === 0) throw invalid('error.evidence_files_required');
    const created = await tx.closeoutRequest.create({
      data: {
        teamId: actor.teamId,
        problemId: problem.id,
        requestedBy: actor.userId,
        evidence: result.data.evidence,
        createdAt: now,
      },
    });
    await recordEvidenceFiles(tx, actor, created.id, files, now);
    const request = { ...created, files: await filesOfRequest(tx, created.id) };
    const after = await tx.problem.update({ where: { id: problem.id }, data: { status: 'closeout_requested' } });
    await audit(tx, actor, now, {
      action: 'closeout.request',
      targetType: 'closeout',
      targetId: request.id,
      before: { status: problem.status },
      after: { status: after.status, evidence: request.evidence, files: request.files.map((f) => f.name) },
    });
    const leaders = await tx.boardLeader.findMany({ where: { boardId: problem.boardId } });
    const leaderIds = leaders.map((l) => l.userId);
    const requested = { request, problem: after, leaderIds };
    if (owed) {
      const standing = await standingDeputies(tx, actor.teamId, leaderIds, localDate(now, board.timezone));
      const deputyIds = [...new Set(standing.values())].filter((d) => !leaderIds.includes(d));
      const measures = await tx.measure.findMany({
        where: { problemId: problem.id, retiredAt: null },
        select: { status: true },
      });
      await recordOwed(tx, owed, { ...requested, deputyIds, measures }, board, now);
    }
    await recordSubmission(tx, actor, viewId, 'closeout_request', request.id, now);
    return requested;
  });
}

/** A request as its first submission returned it. */
async function requestedAgain(tx: Tx, requestId: number) {
  const found = await tx.closeoutRequest.findUniqueOrThrow({ where: { id: requestId } });
  const request = { ...found, files: await filesOfRequest(tx, requestId) };
  const problem = await tx.problem.findUniqueOrThrow({ where: { id: request.problemId } });
  const leaders = await tx.boardLeader.findMany({ where: { boardId: problem.boardId }, select: { userId: true } });
  return { request, problem, leaderIds: leaders.map((l) => l.userId) };
}

/** What a leader decides: approve (rectified, or long-term with its mechanisms), return, or not rectifiable. */
type Decision =
  | { kind: 'approve'; longTerm?: LongTerm }
  | { kind: 'return'; reason: string }
  | { kind: 'not_rectifiable'; reason: string };

/** A decision as saved: what the owner is told. */
export interface DecidedCloseout {
  request: {
    id: number;
    state: 'approved' | 'returned' | 'not_rectifiable';
    decidedBy: string;
    /** The away leader a deputy decided for (issue 22). */
    decidedFor?: string | null;
    reason: string | null;
    outcome?: string | null;
  };
  problem: { teamId: string; key: string; title: string; ownerId: string };
}

/**
 * Decides a pending request exactly once. The conditional update on `state = pending` is the first write
 * in the transaction, so of two leaders deciding at once, one wins and the other is told who decided.
 */
async function decide(
  deps: ServiceDeps,
  actor: Actor,
  requestId: number,
  decision: Decision,
  owed?: Owed<DecidedCloseout>,
  opts: Once = {},
) {
  const { viewId } = opts;
  // The same modal submitted again: the decision it made is given back, not "already decided".
  const prior = await priorSubmission(deps.db, viewId, 'decision');
  if (prior !== null) return decidedAgain(deps, Number(prior));
  const reason = decision.kind === 'approve' ? null : validateReason(decision.reason);
  const longTerm = decision.kind === 'approve' && decision.longTerm ? validLongTerm(decision.longTerm) : null;
  const request = await deps.db.closeoutRequest.findFirst({
    where: { id: requestId, teamId: actor.teamId },
    select: { requestedBy: true, problemId: true, problem: { select: { key: true, boardId: true, ownerId: true } } },
  });
  if (!request) throw notFound('error.closeout_not_found', { id: requestId });
  const board = await deps.db.board.findUniqueOrThrow({ where: { id: request.problem.boardId } });
  // A deputy standing in for an away leader decides as that leader (issue 22); anyone else must lead.
  const decidedFor = await requireDecider(deps, actor, board);
  // Separation of duties binds every judgement (approve, long-term, not rectifiable): whoever owns the problem
  // or asked cannot judge their own work, deputies included. Returning one's own request judges nothing.
  const work = { ownerId: request.problem.ownerId, requestedBy: request.requestedBy };
  if (decision.kind !== 'return' && !maySignOff(board, actor.userId, work))
    throw forbidden('reliability.separation_of_duties', { key: request.problem.key });
  const now = deps.clock.now();
  const today = localDate(now, board.timezone);
  if (longTerm && !followUpInTime(longTerm.followUpDate, today)) throw invalid('error.follow_up_past', { date: today });
  const state = STATE_OF[decision.kind];
  const chosen = decision.kind === 'approve' ? (longTerm ? 'long_term' : 'rectified') : null;
  const lasting = longTerm
    ? { mechanisms: JSON.stringify(longTerm.mechanisms), followUpDate: longTerm.followUpDate }
    : {};

  const outcome = await transactOnce(deps.db, viewId, async (tx) => {
    const { count } = await tx.closeoutRequest.updateMany({
      where: { id: requestId, state: 'pending' },
      data: { state, decidedBy: actor.userId, decidedFor, decidedAt: now, reason, outcome: chosen, ...lasting },
    });
    if (count === 0) return null;
    const before = await tx.problem.findUniqueOrThrow({ where: { id: request.problemId } });
    requireTransition(before.key, before.status, state === 'approved' ? 'closed' : 'in_progress');
    const problem = await tx.problem.update({
      where: { id: request.problemId },
      data:
        state === 'approved'
          ? { status: 'closed', closedAt: now, closedBy: actor.userId, percent: 100 }
          : { status: 'in_progress' },
    });
    if (state === 'approved')
      await scheduleChecks(
        tx,
        {
          teamId: actor.teamId,
          problemId: problem.id,
          requestId,
          closedAt: now,
          followUpDate: longTerm?.followUpDate ?? null,
        },
        board,
      );
    await audit(tx, actor, now, {
      action: `closeout.${decision.kind === 'not_rectifiable' ? 'not_rectifiable' : decision.kind}`,
      targetType: 'closeout',
      targetId: requestId,
      before: { status: before.status },
      after: {
        status: problem.status,
        reason,
        ...(chosen && { outcome: chosen }),
        ...(longTerm && longTerm),
        ...(decidedFor && { for: decidedFor }),
      },
    });
    const decided = await tx.closeoutRequest.findUniqueOrThrow({ where: { id: requestId } });
    // Only the decision that won owes the owner a message: a lost race returned above, recording nothing.
    const saved: DecidedCloseout['request'] = {
      id: requestId,
      state,
      decidedBy: actor.userId,
      decidedFor,
      reason,
      outcome: chosen,
    };
    await recordOwed(tx, owed, { request: saved, problem }, board, now);
    await recordSubmission(tx, actor, viewId, 'decision', requestId, now);
    return { request: decided, problem };
  });
  if (outcome) return outcome;
  // Lost to a second submission of this same view (it decided first): that decision is this one.
  if ((await priorSubmission(deps.db, viewId, 'decision')) !== null) return decidedAgain(deps, requestId);
  const decided = await deps.db.closeoutRequest.findUniqueOrThrow({ where: { id: requestId } });
  throw conflict('error.already_decided', { state: decided.state, user: decided.decidedBy ?? '?' });
}

async function decidedAgain(deps: ServiceDeps, requestId: number) {
  const request = await deps.db.closeoutRequest.findUniqueOrThrow({ where: { id: requestId } });
  return { request, problem: await deps.db.problem.findUniqueOrThrow({ where: { id: request.problemId } }) };
}

const STATE_OF = { approve: 'approved', return: 'returned', not_rectifiable: 'not_rectifiable' } as const;

function validLongTerm(raw: LongTerm): LongTerm {
  const result = longTermInput.safeParse(raw);
  if (!result.success) throw invalid('error.long_term_invalid');
  return result.data;
}

function validateReason(reason: string): string {
  const result = decisionReason.safeParse(reason);
  if (!result.success) throw invalid('error.reason_required');
  return result.data;
}

/** `owed`: the owner's message, recorded with the decision. `longTerm`: approved as rectified long-term. */
export const approveCloseout = (
  deps: ServiceDeps,
  actor: Actor,
  requestId: number,
  owed?: Owed<DecidedCloseout>,
  opts: Once & { longTerm?: LongTerm } = {},
) => decide(deps, actor, requestId, { kind: 'approve', ...(opts.longTerm && { longTerm: opts.longTerm }) }, owed, opts);

/** Not rectifiable (未整改), with the reason: the problem stays open and is counted apart. */
export const markNotRectifiable = (
  deps: ServiceDeps,
  actor: Actor,
  requestId: number,
  reason: string,
  owed?: Owed<DecidedCloseout>,
  opts: Once = {},
) => decide(deps, actor, requestId, { kind: 'not_rectifiable', reason }, owed, opts);

export const returnCloseout = (
  deps: ServiceDeps,
  actor: Actor,
  requestId: number,
  reason: string,
  owed?: Owed<DecidedCloseout>,
  opts: Once = {},
) => decide(deps, actor, requestId, { kind: 'return', reason }, owed, opts);

/**
 * A leader reopens a closed problem; it goes back to `in_progress` and its reminders resume. `owed`: the
 * owner's message, recorded with the reopening.
 */
export async function reopenProblem(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  reason: string,
  owed?: Owed<ChangedProblem>,
) {
  const why = validateReason(reason);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const problem = await findProblem(tx, actor.teamId, key);
    const board = await tx.board.findUniqueOrThrow({ where: { id: problem.boardId } });
    await requireLeader(deps, tx, actor, board);
    const after = await reopenIn(tx, actor, problem, why, now);
    await recordOwed(tx, owed, after, board, now);
    return after;
  });
}

/**
 * Reopens a closed problem inside a transaction: by a leader (above), or because an effectiveness check
 * found the fix did not hold (services/effectiveness.ts, whose check id `recurrence` names). Checks still
 * waiting on the closure that ends here have nothing left to check.
 */
export async function reopenIn(
  tx: Tx,
  actor: Actor,
  problem: { id: number; key: string; status: ProblemStatus; closedAt: Date | null; closedBy: string | null },
  why: string,
  now: Date,
  recurrence?: number,
) {
  if (problem.status !== 'closed') throw conflict('error.problem_not_closed', { key: problem.key });
  requireTransition(problem.key, problem.status, 'in_progress');
  const after = await tx.problem.update({
    where: { id: problem.id },
    data: { status: 'in_progress', closedAt: null, closedBy: null, version: { increment: 1 } },
  });
  await tx.effectivenessCheck.updateMany({
    where: { problemId: problem.id, state: 'waiting' },
    data: { state: 'void' },
  });
  await audit(tx, actor, now, {
    action: 'problem.reopen',
    targetType: 'problem',
    targetId: problem.key,
    before: { status: problem.status, closedAt: problem.closedAt, closedBy: problem.closedBy },
    after: { status: after.status, reason: why, ...(recurrence !== undefined && { recurrence }) },
  });
  return after;
}
