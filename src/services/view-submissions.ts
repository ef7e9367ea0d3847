import { Prisma } from '../db/generated/client.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/types.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';

/**
 * One submission, one result. Slack gives each open modal a view id that stays the same when the person
 * presses Submit again (after Slack's 3 s error, say), so the view id is the idempotency key of every modal
 * that creates or decides something. The first submission records what it wrote in the same transaction
 * as the write; a later one finds that record and gives back the same result without writing again.
 *
 * Services take `{ viewId }` in their options; the listeners pass `view.id` (any wrapper around view
 * listeners can pass it the same way).
 */
type SubmissionKind = 'problem' | 'closeout_request' | 'update' | 'decision' | 'answer';

export interface Once {
  /** Slack's `view.id` of the submitted modal. */
  viewId?: string | undefined;
}

/** What an earlier submission of this view wrote (its `ref`), or null when this is the first. */
export async function priorSubmission(
  tx: Tx | Db,
  viewId: string | undefined,
  kind: SubmissionKind,
): Promise<string | null> {
  if (!viewId) return null;
  const row = await tx.viewSubmission.findUnique({ where: { viewId_kind: { viewId, kind } }, select: { ref: true } });
  return row?.ref ?? null;
}

/** Records, inside the write's transaction, what this submission wrote. */
export async function recordSubmission(
  tx: Tx,
  actor: Actor,
  viewId: string | undefined,
  kind: SubmissionKind,
  ref: string | number,
  at: Date,
): Promise<void> {
  if (!viewId) return;
  await tx.viewSubmission.create({ data: { viewId, teamId: actor.teamId, kind, ref: String(ref), createdAt: at } });
}

const isDuplicateSubmission = (e: unknown): boolean =>
  e instanceof Prisma.PrismaClientKnownRequestError &&
  e.code === 'P2002' &&
  /ViewSubmission|viewId/.test(JSON.stringify(e.meta ?? {}));

/**
 * `transact`, for a write keyed by a view id: when two submissions of one view race, the one that loses on
 * the unique view id runs again from the start and finds the winner's record (so it replays it).
 */
export async function transactOnce<T>(db: Db, viewId: string | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await transact(db, fn);
  } catch (error) {
    if (viewId && isDuplicateSubmission(error)) return transact(db, fn);
    throw error;
  }
}

/**
 * The modals whose result is the answer they give (withdraw/reopen reasons, measures, reassign, edit problem,
 * board new/edit): the view id is claimed (kind 'answer', ref empty) before the work, and the answer is kept
 * as its ref afterwards. A second submission of the view finds the claim: the answer once there is one, null
 * while the first is still at work. Their writes check versions and states, so the second, run again, would
 * answer a false "already withdrawn" or "changed by someone else".
 */
export async function claimAnswer(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  actor: Actor,
  viewId: string,
): Promise<{ claimed: true } | { claimed: false; answer: string | null }> {
  try {
    await deps.db.viewSubmission.create({
      data: { viewId, teamId: actor.teamId, kind: 'answer', ref: '', createdAt: deps.clock.now() },
    });
    return { claimed: true };
  } catch (error) {
    if (!isDuplicateSubmission(error)) throw error;
    const ref = await priorSubmission(deps.db, viewId, 'answer');
    // Gone: the first submission failed and let its claim go; this one may try again.
    if (ref === null) return claimAnswer(deps, actor, viewId);
    return { claimed: false, answer: ref === '' ? null : ref };
  }
}

/** The answer of a claimed view, for its later submissions. */
export async function keepAnswer(db: Db, viewId: string, answer: string): Promise<void> {
  await db.viewSubmission.update({ where: { viewId_kind: { viewId, kind: 'answer' } }, data: { ref: answer } });
}

/** Lets a claim go when the work failed: a later submission does the work (and meets the same refusal). */
export async function releaseAnswer(db: Db, viewId: string): Promise<void> {
  await db.viewSubmission.deleteMany({ where: { viewId, kind: 'answer' } });
}
