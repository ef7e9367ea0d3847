import { localDate } from '../domain/cycle.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { extensionInput } from '../domain/inputs.js';
import { effectiveDeadline } from '../domain/problem-state.js';
import { maySignOff } from '../domain/sign-off.js';
import type { Actor } from '../domain/types.js';
import { findProblem, requireLeader, requireOwnerOrLeader } from './access.js';
import { audit } from './audit.js';
import { recordOwed, type Owed } from './deliveries.js';
import { transact, type ServiceDeps } from './deps.js';
import { ensureNotClosed, recordDeadlineMove } from './problems.js';

/** An extension request as saved, with who decides it (what each leader's DM shows). */
export interface RequestedExtension {
  request: { id: number; requestedBy: string; fromDate: string | null; toDate: string; reason: string };
  problem: { teamId: string; key: string; title: string; ownerId: string };
  leaderIds: string[];
}

/** A decided extension request: what the owner is told. */
export interface DecidedExtension {
  request: { id: number; state: 'approved' | 'refused'; decidedBy: string; toDate: string; reason: string };
  problem: { teamId: string; key: string; title: string; ownerId: string };
}

/**
 * The owner (or a leader on their behalf) asks for a later deadline with a reason. One request waits at a
 * time per problem; the new date must be later than the deadline that applies and not in the past. `owed`:
 * each leader's DM, recorded with the request (keyed deliveries, sent once).
 */
export async function requestExtension(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  raw: { toDate: string; reason: string },
  owed?: Owed<RequestedExtension>,
) {
  const parsed = extensionInput.safeParse(raw);
  if (!parsed.success) throw invalid('error.extension_invalid');
  const { toDate, reason } = parsed.data;
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const problem = await findProblem(tx, actor.teamId, key);
    await requireOwnerOrLeader(deps, tx, actor, problem);
    ensureNotClosed(problem);
    const board = await tx.board.findUniqueOrThrow({ where: { id: problem.boardId } });
    const fromDate = effectiveDeadline(problem, board);
    if (toDate <= localDate(now, board.timezone) || (fromDate !== null && toDate <= fromDate))
      throw invalid('error.extension_not_later', { key: problem.key, date: fromDate ?? '-' });
    const waiting = await tx.extensionRequest.findFirst({ where: { problemId: problem.id, state: 'pending' } });
    if (waiting) throw conflict('error.extension_pending', { key: problem.key });
    const request = await tx.extensionRequest.create({
      data: {
        teamId: actor.teamId,
        problemId: problem.id,
        requestedBy: actor.userId,
        fromDate,
        toDate,
        reason,
        createdAt: now,
      },
    });
    await audit(tx, actor, now, {
      action: 'extension.request',
      targetType: 'problem',
      targetId: problem.key,
      after: { requestId: request.id, fromDate, toDate, reason },
    });
    const leaders = await tx.boardLeader.findMany({ where: { boardId: problem.boardId }, select: { userId: true } });
    const requested = { request, problem, leaderIds: leaders.map((l) => l.userId) };
    await recordOwed(tx, owed, requested, board, now);
    return requested;
  });
}

/**
 * A leader approves (the deadline moves, and the deadline history records who asked, who decided and why)
 * or refuses. Separation of duties: on a board that asks for it, nobody decides their own request or
 * their own problem's. The first decision wins; a later one is told who decided. `owed`: the owner's DM.
 */
export async function decideExtension(
  deps: ServiceDeps,
  actor: Actor,
  requestId: number,
  approve: boolean,
  owed?: Owed<DecidedExtension>,
) {
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const request = await tx.extensionRequest.findFirst({
      where: { id: requestId, teamId: actor.teamId },
      include: { problem: true },
    });
    if (!request) throw notFound('error.extension_not_found', { id: requestId });
    const board = await tx.board.findUniqueOrThrow({ where: { id: request.problem.boardId } });
    await requireLeader(deps, tx, actor, board);
    if (!maySignOff(board, actor.userId, { ownerId: request.problem.ownerId, requestedBy: request.requestedBy }))
      throw forbidden('extension.separation_of_duties', { key: request.problem.key });
    const state = approve ? 'approved' : 'refused';
    const { count } = await tx.extensionRequest.updateMany({
      where: { id: requestId, state: 'pending' },
      data: { state, decidedBy: actor.userId, decidedAt: now },
    });
    if (count === 0) {
      const decided = await tx.extensionRequest.findUniqueOrThrow({ where: { id: requestId } });
      throw conflict('error.extension_decided', { state: decided.state, user: decided.decidedBy ?? '?' });
    }
    const before = request.problem;
    let problem = before;
    if (approve) {
      problem = await tx.problem.update({
        where: { id: before.id },
        data: {
          deadline: request.toDate,
          version: { increment: 1 },
          ...(before.originalDeadline === null && { originalDeadline: before.deadline }),
        },
      });
      await recordDeadlineMove(tx, {
        teamId: actor.teamId,
        problemId: before.id,
        from: before.deadline,
        to: request.toDate,
        extended: true,
        reason: request.reason,
        actorId: actor.userId,
        requestedBy: request.requestedBy,
        at: now,
      });
    }
    await audit(tx, actor, now, {
      action: approve ? 'extension.approve' : 'extension.refuse',
      targetType: 'problem',
      targetId: before.key,
      before: { deadline: before.deadline },
      after: { requestId, deadline: problem.deadline, requestedBy: request.requestedBy, reason: request.reason },
    });
    const saved = {
      id: requestId,
      state,
      decidedBy: actor.userId,
      toDate: request.toDate,
      reason: request.reason,
    } as const;
    await recordOwed(tx, owed, { request: saved, problem }, board, now);
    return { request: { ...request, state, decidedBy: actor.userId, decidedAt: now }, problem };
  });
}

/** A request as a leader's DM shows it (pending or decided), for re-rendering a clicked message. */
export function extensionRequestOf(deps: Pick<ServiceDeps, 'db'>, teamId: string, requestId: number) {
  return deps.db.extensionRequest.findFirst({
    where: { id: requestId, teamId },
    include: { problem: { select: { key: true, title: true, ownerId: true } } },
  });
}

/** Extensions granted on request since a moment (the summary counts this round's). */
export function extensionsGrantedSince(db: ServiceDeps['db'], boardId: number, since: Date): Promise<number> {
  return db.extensionRequest.count({ where: { state: 'approved', decidedAt: { gte: since }, problem: { boardId } } });
}
