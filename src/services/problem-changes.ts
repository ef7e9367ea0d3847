import { conflict } from '../domain/errors.js';
import { slackUser } from '../domain/inputs.js';
import { requireTransition, restoredStatus } from '../domain/problem-state.js';
import type { Actor } from '../domain/types.js';
import { findProblem, requireLeader } from './access.js';
import { audit } from './audit.js';
import { recordOwed, type Owed } from './deliveries.js';
import { transact, type ServiceDeps } from './deps.js';
import { boardCodeOf, ensureNotClosed, ensureNotWithdrawn } from './problems.js';
import { validate } from './validate.js';

/** Leaders keeping the list current: reassigning, withdrawing and restoring problems. */

const REASON_MAX = 3000;
const clean = (reason: string | undefined) => (reason ?? '').trim().slice(0, REASON_MAX);

/**
 * A problem raised by mistake or merged into another leaves lists, prompts, reminders and counts; it keeps
 * its key, its history and its data, and `restoreProblem` brings it back to the status it had.
 */
export async function withdrawProblem(deps: ServiceDeps, actor: Actor, key: string, reason?: string) {
  const why = clean(reason);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const before = await findProblem(tx, actor.teamId, key);
    await requireLeader(deps, tx, actor, { id: before.boardId, code: boardCodeOf(before.key) });
    if (before.status === 'withdrawn') throw conflict('error.problem_withdrawn', { key: before.key });
    requireTransition(before.key, before.status, 'withdrawn');
    const after = await tx.problem.update({
      where: { id: before.id },
      data: { status: 'withdrawn', withdrawnFrom: before.status, version: { increment: 1 } },
    });
    // A pending closeout request has nothing left to decide.
    await tx.closeoutRequest.updateMany({
      where: { problemId: before.id, state: 'pending' },
      data: { state: 'returned', decidedBy: actor.userId, decidedAt: now, reason: why || 'withdrawn' },
    });
    await audit(tx, actor, now, {
      action: 'problem.withdraw',
      targetType: 'problem',
      targetId: before.key,
      before: { status: before.status },
      after: { status: after.status, ...(why && { reason: why }) },
    });
    return after;
  });
}

export async function restoreProblem(deps: ServiceDeps, actor: Actor, key: string) {
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const before = await findProblem(tx, actor.teamId, key);
    await requireLeader(deps, tx, actor, { id: before.boardId, code: boardCodeOf(before.key) });
    if (before.status !== 'withdrawn') throw conflict('error.problem_not_withdrawn', { key: before.key });
    const back = restoredStatus(before.withdrawnFrom);
    requireTransition(before.key, before.status, back);
    const after = await tx.problem.update({
      where: { id: before.id },
      data: { status: back, withdrawnFrom: null, version: { increment: 1 } },
    });
    await audit(tx, actor, now, {
      action: 'problem.restore',
      targetType: 'problem',
      targetId: before.key,
      before: { status: before.status },
      after: { status: after.status },
    });
    return after;
  });
}

/** A problem after a leader's change, as the owners' messages name it (the version names the change). */
export interface ChangedProblem {
  key: string;
  title: string;
  ownerId: string;
  deadline: string | null;
  version: number;
}

/**
 * A leader gives the problem to someone else; measures the old owner held (their own or by default) go
 * with it. Returns the problem as it was and as it is, so callers can tell both owners. `owed`: their
 * messages, recorded with the reassignment (not called when the owner stays the same).
 */
export async function reassignProblem(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  ownerId: string,
  note = '',
  owed?: Owed<{ before: ChangedProblem; after: ChangedProblem }>,
) {
  const owner = validate(slackUser, ownerId);
  const why = note.trim().slice(0, 3000);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const before = await findProblem(tx, actor.teamId, key);
    const board = await tx.board.findUniqueOrThrow({ where: { id: before.boardId } });
    await requireLeader(deps, tx, actor, board);
    ensureNotClosed(before);
    ensureNotWithdrawn(before);
    if (before.ownerId === owner) return { before, after: before, changed: false };
    const after = await tx.problem.update({
      where: { id: before.id },
      data: { ownerId: owner, version: { increment: 1 } },
    });
    // Measures with no owner of their own follow the problem; those the old owner held explicitly too.
    await tx.measure.updateMany({ where: { problemId: before.id, ownerId: before.ownerId }, data: { ownerId: null } });
    await audit(tx, actor, now, {
      action: 'problem.reassign',
      targetType: 'problem',
      targetId: before.key,
      before: { ownerId: before.ownerId },
      after: { ownerId: owner, ...(why && { note: why }) },
    });
    await recordOwed(tx, owed, { before, after }, board, now);
    return { before, after, changed: true };
  });
}
