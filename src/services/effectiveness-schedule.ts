import { addDays, localDate } from '../domain/cycle.js';
import type { Tx } from './deps.js';

/** What an effectiveness check asks about (issue 23): N days after a closeout, or a long-term one's follow-up date. */
export type CheckKind = 'days' | 'follow_up';

/** An answer to "has the fix held?". */
export type CheckAnswer = 'held' | 'came_back' | 'not_sure';

/** A check's state: waiting for an answer, answered, or void (the problem was reopened before anyone answered). */
export type CheckState = 'waiting' | 'held' | 'came_back' | 'void';

/**
 * The checks an approved closeout owes, written with the approval: `effectivenessDays` calendar days after
 * it (when the board has checks on), and on a long-term closeout's follow-up date. Made at approval, not by
 * the job, so the job only reads (its dry run writes nothing) and the board setting in force then applies.
 */
export async function scheduleChecks(
  tx: Tx,
  closed: { teamId: string; problemId: number; requestId: number; closedAt: Date; followUpDate: string | null },
  board: { id: number; timezone: string; effectivenessDays: number },
): Promise<void> {
  const due: { kind: CheckKind; dueDate: string }[] = [];
  if (board.effectivenessDays > 0)
    due.push({ kind: 'days', dueDate: addDays(localDate(closed.closedAt, board.timezone), board.effectivenessDays) });
  if (closed.followUpDate) due.push({ kind: 'follow_up', dueDate: closed.followUpDate });
  for (const { kind, dueDate } of due) {
    await tx.effectivenessCheck.create({
      data: {
        teamId: closed.teamId,
        boardId: board.id,
        problemId: closed.problemId,
        requestId: closed.requestId,
        kind,
        closedAt: closed.closedAt,
        dueDate,
        createdAt: closed.closedAt,
      },
    });
  }
}

/**
 * The checks owed by the closeouts an import approved (an outcome, or `closed` deciding a pending request):
 * as for one approved in Slack, written in the import's transaction and taken back with it (import-undo.ts).
 */
export async function scheduleImportedChecks(
  tx: Tx,
  boardId: number,
  decider: { userId: string },
  at: Date,
  problemIds: number[],
): Promise<void> {
  if (!problemIds.length) return;
  const board = await tx.board.findUniqueOrThrow({
    where: { id: boardId },
    select: { id: true, timezone: true, effectivenessDays: true },
  });
  const approved = await tx.closeoutRequest.findMany({
    where: {
      problemId: { in: problemIds },
      state: 'approved',
      decidedBy: decider.userId,
      decidedAt: at,
      problem: { status: 'closed' },
    },
    select: { id: true, teamId: true, problemId: true, followUpDate: true },
  });
  if (!approved.length) return;
  // A batch retried after a conflict runs again in a new transaction: checks already owed are not owed twice.
  const owed = await tx.effectivenessCheck.findMany({
    where: { requestId: { in: approved.map((r) => r.id) } },
    select: { requestId: true },
  });
  const has = new Set(owed.map((c) => c.requestId));
  for (const r of approved.filter((a) => !has.has(a.id)))
    await scheduleChecks(
      tx,
      { teamId: r.teamId, problemId: r.problemId, requestId: r.id, closedAt: at, followUpDate: r.followUpDate },
      board,
    );
}

/**
 * The key of one ask of a check: per check, round and person (`owner`, or a leader's user ID), so each goes
 * out once; the copies of a round are found by its prefix when one of them is answered.
 */
export function checkAskKey(checkId: number, round: number, who: string): string {
  return `${checkAskPrefix(checkId, round)}${who}`;
}

export const checkAskPrefix = (checkId: number, round: number) => `effectiveness:${checkId}:r${round}:`;

/** "Not sure yet" asks again in half the check's period (the board's cycle when checks are off), at least a day. */
export function askAgainDays(board: { effectivenessDays: number; cycleDays: number }): number {
  return Math.max(1, Math.ceil((board.effectivenessDays || board.cycleDays) / 2));
}
