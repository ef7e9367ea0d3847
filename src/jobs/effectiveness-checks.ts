import { localDate, localInstant } from '../domain/cycle.js';
import { existingKeys } from '../services/deliveries.js';
import { checkAskKey } from '../services/effectiveness-schedule.js';
import { boardRef, leaderIds, type JobBoard } from './job-data.js';
import type { Job, PlanContext, PlannedMessage } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Effectiveness checks (issue 23): on a check's due date (N days after a closeout, or a long-term
 * closeout's follow-up date; its next working day, at the prompt time) the owner is asked whether the fix
 * held; a cycle later, still unanswered, the board's leaders are asked too. Each ask is a keyed delivery
 * per check, round and person, so it goes out once across runs, restarts and instances; "Not sure yet"
 * starts a new round (services/effectiveness.ts), whose asks are new keys. Checks are written with the
 * approval, so planning only reads.
 */
export const effectivenessChecks: Job = {
  name: 'effectiveness-checks',
  async *plan(ctx) {
    for (const board of ctx.boards) {
      let after = 0;
      for (;;) {
        const page = await dueChecks(ctx, board, after);
        if (!page.length) break;
        after = page[page.length - 1]!.id;
        yield await asks(ctx, board, page);
      }
    }
  },
};

/** Checks waiting for an answer whose day has come, on problems still closed: a page at a time. */
function dueChecks({ db, at, pageSize }: PlanContext, board: JobBoard, after: number) {
  return db.effectivenessCheck.findMany({
    where: {
      boardId: board.id,
      id: { gt: after },
      state: 'waiting',
      dueDate: { lte: localDate(at, board.timezone) },
      problem: { status: 'closed' },
      // Checks turned off on the board: the "N days after" ones are no longer asked (a long-term closeout's
      // follow-up date is the leader's own decision, and stays).
      ...(board.effectivenessDays === 0 && { kind: 'follow_up' }),
    },
    select: {
      id: true,
      kind: true,
      round: true,
      dueDate: true,
      closedAt: true,
      problem: { select: { key: true, title: true, ownerId: true, closedAt: true } },
    },
    orderBy: { id: 'asc' },
    take: pageSize,
  });
}

async function asks(
  { db, at }: PlanContext,
  board: JobBoard,
  checks: Awaited<ReturnType<typeof dueChecks>>,
): Promise<PlannedMessage[]> {
  const out: PlannedMessage[] = [];
  for (const check of checks) {
    // Reopened and closed again since (an import can do that without the reopening's bookkeeping): the
    // closure this check was about is gone; the new one's approval brought its own checks.
    if (check.problem.closedAt?.getTime() !== check.closedAt.getTime()) continue;
    // Asked on a working day of the board's calendar, at its prompt time.
    const askAt = localInstant(board.workCalendar.nextWorkingDay(check.dueDate), board.promptTime, board.timezone);
    if (at < askAt) continue;
    const { key, title, ownerId } = check.problem;
    const message = {
      kind: 'effectiveness-check' as const,
      board: boardRef(board),
      today: localDate(at, board.timezone),
      checkId: check.id,
      round: check.round,
      key,
      title,
      ownerId,
      closedOn: localDate(check.closedAt, board.timezone),
      followUp: check.kind === 'follow_up',
    };
    const common = { job: 'effectiveness-checks' as const, teamId: board.teamId, boardId: board.id, problemKeys: [] };
    out.push({
      ...common,
      key: checkAskKey(check.id, check.round, 'owner'),
      recipient: ownerId,
      message: { ...message, toLeader: false },
    });
    // Unanswered a cycle after it was asked: the leaders are asked too, with the same buttons.
    if (at.getTime() < askAt.getTime() + board.cycleDays * DAY_MS) continue;
    for (const leader of leaderIds(board).filter((l) => l !== ownerId))
      out.push({
        ...common,
        key: checkAskKey(check.id, check.round, leader),
        recipient: leader,
        message: { ...message, toLeader: true },
      });
  }
  const known = await existingKeys(
    db,
    out.map((m) => m.key),
  );
  return out.filter((m) => !known.has(m.key));
}
