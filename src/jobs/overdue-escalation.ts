import { awayOn } from '../domain/absence.js';
import { absencesOf } from '../services/absences.js';
import { daysBetween, localDate } from '../domain/cycle.js';
import { effectiveDeadline } from '../domain/problem-state.js';
import { escalationDue, weeklyDue } from '../domain/schedule.js';
import { existingKeys } from '../services/deliveries.js';
import { boardRef, leaderIds, problemLine, routeOf, type JobBoard } from './job-data.js';
import { MAX_LINES_LISTED, listed, type OverdueLine } from './outbox/messages.js';
import type { Job, PlanContext, PlannedMessage } from './types.js';

/**
 * The day after a deadline (at the prompt time), an unclosed problem is escalated: in the channel
 * mentioning its owner and the leaders (and/or by DM to them, by the board's route). For a week; after
 * that the weekly overdue digest (Monday, prompt time) carries it until it is closed.
 */
export const overdueEscalation: Job = {
  name: 'overdue-escalation',
  async *plan(ctx) {
    for (const board of ctx.boards) {
      yield await escalations(ctx, board);
      yield await weeklyDigest(ctx, board);
    }
  },
};

/** Unclosed problems whose effective deadline is before `date`. */
function overdueBefore(ctx: PlanContext, board: JobBoard, date: string, createdBefore?: Date) {
  const listWide = board.deadline !== null && board.deadline < date;
  return ctx.db.problem.findMany({
    where: {
      boardId: board.id,
      status: { notIn: ['closed', 'withdrawn'] },
      ...(createdBefore && { createdAt: { lt: createdBefore } }),
      OR: [{ deadline: { lt: date } }, ...(listWide ? [{ deadline: null }] : [])],
    },
    orderBy: { number: 'asc' },
  });
}

async function escalations(ctx: PlanContext, board: JobBoard): Promise<PlannedMessage[]> {
  const route = routeOf(board.escalationTo, board);
  const leaders = leaderIds(board);
  const today = localDate(ctx.at, board.timezone);
  const wanted: PlannedMessage[] = [];
  const due = (await overdueBefore(ctx, board, today)).filter((p) => {
    const deadline = effectiveDeadline(p, board);
    return deadline && escalationDue(deadline, board, ctx.at);
  });
  const absences = await absencesOf(ctx.db, board.teamId, [...new Set(due.map((p) => p.ownerId))]);
  for (const p of due) {
    const deadline = effectiveDeadline(p, board)!;
    const absence = absences.get(p.ownerId);
    const key = `escalation:${p.key}:${deadline}`;
    const message = {
      kind: 'escalation' as const,
      board: boardRef(board),
      today,
      problem: { ...problemLine(p, board, ctx.at), ownerId: p.ownerId, unit: p.unit },
      leaders,
      ...(absence && awayOn(absence, today) && { ownerAwayUntil: absence.endDate }),
    };
    const common = {
      job: 'overdue-escalation' as const,
      teamId: board.teamId,
      boardId: board.id,
      problemKeys: [p.key],
      message,
    };
    if (route.channel) wanted.push({ ...common, key, recipient: route.channel });
    if (route.dm) {
      for (const to of new Set([p.ownerId, ...leaders])) wanted.push({ ...common, key: `${key}:${to}`, recipient: to });
    }
  }
  if (!wanted.length) return [];
  const done = await existingKeys(
    ctx.db,
    wanted.map((w) => w.key),
  );
  return wanted.filter((w) => !done.has(w.key));
}

/** Monday at the prompt time: everything overdue at that moment, oldest first. */
async function weeklyDigest(ctx: PlanContext, board: JobBoard): Promise<PlannedMessage[]> {
  const route = routeOf(board.escalationTo, board);
  const slot = weeklyDue(board, ctx.at);
  if (!slot) return [];
  const key = `overdue-weekly:${board.code}:${slot.week}`;
  const recipients = [
    ...(route.channel ? [{ key, to: route.channel }] : []),
    ...(route.dm ? leaderIds(board).map((to) => ({ key: `${key}:${to}`, to })) : []),
  ];
  const done = await existingKeys(
    ctx.db,
    recipients.map((r) => r.key),
  );
  const todo = recipients.filter((r) => !done.has(r.key));
  if (!todo.length) return [];

  const today = localDate(ctx.at, board.timezone);
  const lines: OverdueLine[] = (await overdueBefore(ctx, board, slot.date, slot.at))
    .map((p) => {
      const deadline = effectiveDeadline(p, board) ?? today;
      return {
        key: p.key,
        title: p.title,
        ownerId: p.ownerId,
        unit: p.unit,
        deadline,
        days: daysBetween(deadline, today),
        ...(!board.workCalendar.isEveryDay && { workingDays: board.workCalendar.workingDaysBetween(deadline, today) }),
      };
    })
    .sort((a, b) => b.days - a.days || a.key.localeCompare(b.key, 'en', { numeric: true }));
  if (!lines.length) return [];
  const message = {
    kind: 'overdue-weekly' as const,
    board: boardRef(board),
    today,
    week: slot.week,
    problems: listed(lines, MAX_LINES_LISTED),
  };
  return todo.map((r) => ({
    key: r.key,
    job: 'overdue-escalation' as const,
    teamId: board.teamId,
    boardId: board.id,
    recipient: r.to,
    problemKeys: lines.map((l) => l.key),
    message,
  }));
}
