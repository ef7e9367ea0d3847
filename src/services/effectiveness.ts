import { addDays, localDate } from '../domain/cycle.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { decisionReason } from '../domain/inputs.js';
import type { Actor } from '../domain/types.js';
import { canLead } from './access.js';
import { audit } from './audit.js';
import { reopenIn } from './closeout.js';
import { recordOwed, type Owed } from './deliveries.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';
import {
  askAgainDays,
  checkAskPrefix,
  type CheckAnswer,
  type CheckKind,
  type CheckState,
} from './effectiveness-schedule.js';

/**
 * Answers to effectiveness checks (issue 23): the owner (or, once a cycle passed unanswered, a leader)
 * says whether a closed problem's fix held. Held records it; It came back reopens the problem with the
 * reason (through the same reopening as a leader's `/closeout reopen`) and tells the leaders; Not sure yet
 * asks again later. Only the owner or a board leader answers, once per round: a second answer, or an
 * answer to a round asked again or to a problem reopened since, is told why and changes nothing.
 */

type Reader = ServiceDeps['db'] | Tx;

const checkSelect = {
  id: true,
  kind: true,
  round: true,
  state: true,
  dueDate: true,
  closedAt: true,
  answeredBy: true,
  answeredAt: true,
  reason: true,
  problem: {
    select: {
      id: true,
      teamId: true,
      boardId: true,
      key: true,
      title: true,
      ownerId: true,
      status: true,
      closedAt: true,
      closedBy: true,
      deadline: true,
      version: true,
      board: { select: { timezone: true, code: true, archived: true } },
    },
  },
} as const;

async function findCheck(db: Reader, teamId: string, checkId: number) {
  const check = await db.effectivenessCheck.findFirst({ where: { id: checkId, teamId }, select: checkSelect });
  if (!check) throw notFound('effectiveness.not_found');
  return check;
}

/** A check as its DM shows it, answered or not. */
export type CheckView = Awaited<ReturnType<typeof findCheck>> & { kind: CheckKind; state: CheckState };

/** A check, for re-rendering its DM (null when it does not exist in this workspace). */
export async function checkOf(deps: ServiceDeps, teamId: string, checkId: number): Promise<CheckView | null> {
  const check = await deps.db.effectivenessCheck.findFirst({ where: { id: checkId, teamId }, select: checkSelect });
  return check as CheckView | null;
}

/** Why a round of a check cannot be answered any more, as the refusal that says so; null while it can. */
function staleness(check: Awaited<ReturnType<typeof findCheck>>, round: number) {
  const { key, board } = check.problem;
  // An archived board is put away: nothing on it is reminded of or reopened (bring the board back first).
  if (board.archived) return conflict('error.board_archived', { code: board.code });
  if (check.state === 'held' || check.state === 'came_back')
    return conflict('effectiveness.already_answered', { key, state: check.state, user: check.answeredBy ?? '?' });
  if (
    check.state !== 'waiting' ||
    check.problem.status !== 'closed' ||
    check.problem.closedAt?.getTime() !== check.closedAt.getTime()
  )
    return conflict('effectiveness.reopened', { key });
  if (round !== check.round) return conflict('effectiveness.asked_again', { key, date: check.dueDate });
  return null;
}

/** The owner, or someone who leads the board (admins too), may answer; anyone else is told so. */
async function requireAnswerer(
  deps: ServiceDeps,
  db: Reader,
  actor: Actor,
  check: Awaited<ReturnType<typeof findCheck>>,
) {
  if (check.problem.ownerId === actor.userId) return;
  if (!(await canLead(deps, db, actor, check.problem.boardId)))
    throw forbidden('effectiveness.not_yours', { key: check.problem.key, owner: check.problem.ownerId });
}

/** Checks a round can still be answered by this person, before a modal opens (the answer checks again). */
export async function requireOpenCheck(deps: ServiceDeps, actor: Actor, checkId: number, round: number) {
  const check = await findCheck(deps.db, actor.teamId, checkId);
  await requireAnswerer(deps, deps.db, actor, check);
  const stale = staleness(check, round);
  if (stale) throw stale;
  return check;
}

/** A check answered: what its DM shows and who is told. */
export interface AnsweredCheck {
  answer: CheckAnswer;
  check: { id: number; round: number; dueDate: string; answeredBy: string; reason: string | null; closedAt: Date };
  problem: { teamId: string; key: string; title: string; ownerId: string; deadline: string | null; version: number };
  leaderIds: string[];
  /** The board's zone (dates are shown in it). */
  timezone: string;
}

/**
 * Records an answer to round `round` of a check, once: the conditional update on the round still waiting is
 * the transaction's first write, so of two answers at once one wins and the other is told. `owed`: what
 * the answer owes people (a recurrence: the leaders, and the owner when someone else reported it).
 */
export async function answerCheck(
  deps: ServiceDeps,
  actor: Actor,
  checkId: number,
  round: number,
  answer: CheckAnswer,
  reason = '',
  owed?: Owed<AnsweredCheck>,
): Promise<AnsweredCheck> {
  let why: string | null = null;
  if (answer === 'came_back') {
    const parsed = decisionReason.safeParse(reason);
    if (!parsed.success) throw invalid('error.reason_required');
    why = parsed.data;
  }
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const check = await findCheck(tx, actor.teamId, checkId);
    await requireAnswerer(deps, tx, actor, check);
    const stale = staleness(check, round);
    if (stale) throw stale;
    const board = await tx.board.findUniqueOrThrow({ where: { id: check.problem.boardId } });
    const dueDate =
      answer === 'not_sure' ? addDays(localDate(now, board.timezone), askAgainDays(board)) : check.dueDate;
    const data =
      answer === 'not_sure'
        ? { round: round + 1, dueDate }
        : { state: answer, answeredBy: actor.userId, answeredAt: now, reason: why };
    const { count } = await tx.effectivenessCheck.updateMany({ where: { id: checkId, state: 'waiting', round }, data });
    if (count === 0)
      throw (
        staleness(await findCheck(tx, actor.teamId, checkId), round) ??
        conflict('effectiveness.reopened', { key: check.problem.key })
      );
    await audit(tx, actor, now, {
      action: `effectiveness.${answer}`,
      targetType: 'problem',
      targetId: check.problem.key,
      after: {
        check: checkId,
        kind: check.kind,
        round,
        ...(answer === 'not_sure' ? { askAgain: dueDate } : { reason: why }),
      },
    });
    let problem: AnsweredCheck['problem'] = check.problem;
    if (answer === 'came_back')
      problem = { ...problem, ...(await reopenIn(tx, actor, check.problem, why!, now, checkId)) };
    const leaders = await tx.boardLeader.findMany({ where: { boardId: board.id }, select: { userId: true } });
    const answered: AnsweredCheck = {
      answer,
      check: { id: checkId, round, dueDate, answeredBy: actor.userId, reason: why, closedAt: check.closedAt },
      problem,
      leaderIds: leaders.map((l) => l.userId),
      timezone: board.timezone,
    };
    await recordOwed(tx, owed, answered, board, now);
    return answered;
  });
}

/**
 * Verified effective: closed problems whose fix someone confirmed held (counted once however many checks
 * said so); recurrences: the times a check found the problem came back.
 */
export async function effectivenessCounts(
  db: Reader,
  scope: { boardId: number; unit?: string },
): Promise<{ verified: number; recurred: number }> {
  // One responsible unit's (a `unit:` summary or document): the problems' unit as it is now.
  const ofUnit = scope.unit === undefined ? {} : { unit: scope.unit };
  const [held, recurred] = await Promise.all([
    db.effectivenessCheck.findMany({
      where: { boardId: scope.boardId, state: 'held', problem: { status: 'closed', ...ofUnit } },
      select: { problemId: true },
      distinct: ['problemId'],
    }),
    db.effectivenessCheck.count({
      where: { boardId: scope.boardId, state: 'came_back', ...(scope.unit !== undefined && { problem: ofUnit }) },
    }),
  ]);
  return { verified: held.length, recurred };
}

/** Where each copy of a round's ask landed (the owner's, and the leaders' once they were asked). */
export function checkCopies(deps: Pick<ServiceDeps, 'db'>, teamId: string, checkId: number, round: number) {
  return deps.db.delivery.findMany({
    where: { teamId, dedupeKey: { startsWith: checkAskPrefix(checkId, round) } },
    select: { recipient: true, channelId: true, slackTs: true },
  });
}
