import { addDays, daysBetween, localDate } from '../domain/cycle.js';
import { effectiveDeadline } from '../domain/problem-state.js';
import { UPCOMING_DAYS, reminderDate, reminderDue, weeklyDue } from '../domain/schedule.js';
import { reminderOffsets } from '../services/boards.js';
import { existingKeys, keysWithPrefix } from '../services/deliveries.js';
import { AWAITING, boardRef, groupBy, routeOf, type JobBoard } from './job-data.js';
import { MAX_LINES_LISTED, listed, type DeadlineLine } from './outbox/messages.js';
import type { Job, PlanContext, PlannedMessage } from './types.js';

/**
 * Deadline reminders at the board's offsets (default 7, 3, 1 days before and on the day, at the prompt
 * time) for problems awaiting work and for measures with their own deadlines, to their owners (and/or the
 * channel); and once a week, the deadlines of the next 14 days. Closed problems, requested closeouts and
 * done measures get nothing. A missed offset is replaced by the latest due one, never replayed.
 */
export const deadlineReminders: Job = {
  name: 'deadline-reminders',
  async *plan(ctx) {
    for (const board of ctx.boards) {
      yield await reminders(ctx, board);
      yield await upcoming(ctx, board);
    }
  },
};

async function reminders({ db, at }: PlanContext, board: JobBoard): Promise<PlannedMessage[]> {
  const offsets = reminderOffsets(board);
  if (!offsets.length) return [];
  const today = localDate(at, board.timezone);
  // Offsets count working days: the furthest deadline with a reminder due lies before this (issue 22).
  const horizon = board.workCalendar.addWorkingDays(today, Math.max(...offsets) + 1);
  const inWindow = { gte: today, lte: horizon };
  const listWide = board.deadline !== null && board.deadline >= today && board.deadline <= horizon;
  const problems = await db.problem.findMany({
    where: {
      boardId: board.id,
      status: { in: [...AWAITING] },
      OR: [{ deadline: inWindow }, ...(listWide ? [{ deadline: null }] : [])],
    },
    orderBy: { number: 'asc' },
  });
  const measures = await db.measure.findMany({
    where: {
      problem: { boardId: board.id, status: { in: [...AWAITING] } },
      status: { not: 'done' },
      retiredAt: null,
      deadline: inWindow,
    },
    include: { problem: true },
    orderBy: [{ problemId: 'asc' }, { number: 'asc' }],
  });
  const items = deadlineLines(problems, measures, board);

  const route = routeOf(board.remindersTo, board);
  const moved = new Set(problems.filter((p) => p.originalDeadline !== null).map((p) => p.key));
  const out: PlannedMessage[] = [];
  for (const { problemTitle, ...item } of items) {
    const offset = reminderDue(item.deadline, offsets, board, at);
    if (offset === null) continue;
    // The deadline is in the key: a moved deadline gets its reminders on its own schedule.
    const key = `reminder:${item.key}:${item.deadline}:d${offset}`;
    if (
      moved.has(item.key) &&
      (await alreadyReminded(db, item.key, offset, key, reminderDate(item.deadline, offset, board), today))
    )
      continue;
    const message = {
      kind: 'reminder' as const,
      board: boardRef(board),
      today,
      item,
      problemTitle,
      ...(board.workCalendar.isEveryDay
        ? { daysLeft: daysBetween(today, item.deadline) }
        : { daysLeft: board.workCalendar.workingDaysBetween(today, item.deadline), workingDays: true }),
    };
    const common = {
      job: 'deadline-reminders' as const,
      teamId: board.teamId,
      boardId: board.id,
      problemKeys: [item.problemKey],
    };
    if (route.dm) out.push({ ...common, key, recipient: item.ownerId, message: { ...message, inChannel: false } });
    if (route.channel)
      out.push({
        ...common,
        key: `${key}:channel`,
        recipient: route.channel,
        message: { ...message, inChannel: true },
      });
  }
  return out;
}

/**
 * After a deadline moved, an offset whose day has passed for the new deadline is not caught up when that
 * offset was already sent for an earlier deadline ("3 days left" twice in a row says nothing new).
 */
async function alreadyReminded(
  db: PlanContext['db'],
  itemKey: string,
  offset: number,
  key: string,
  slotDate: string,
  today: string,
): Promise<boolean> {
  if (slotDate >= today) return false;
  const sent = await keysWithPrefix(db, `reminder:${itemKey}:`);
  return [...sent].some((k) => k !== key && k.endsWith(`:d${offset}`));
}

/** Once a week (Monday, prompt time): what falls due in the next 14 days, known at that moment. */
async function upcoming({ db, at }: PlanContext, board: JobBoard): Promise<PlannedMessage[]> {
  const slot = weeklyDue(board, at);
  if (!slot) return [];
  const route = routeOf(board.upcomingTo, board);
  const key = `upcoming:${board.code}:${slot.week}`;
  // The usual case, every minute of the week: the channel post is out and nobody wants DMs.
  if (!route.dm && (!route.channel || (await existingKeys(db, [key])).has(key))) return [];
  const today = localDate(at, board.timezone);
  // Caught up on Tuesday, Monday's deadlines are past: the window starts today.
  const from = today > slot.date ? today : slot.date;
  const to = addDays(from, UPCOMING_DAYS - 1);
  const window = { gte: from, lte: to };
  const listWide = board.deadline !== null && board.deadline >= from && board.deadline <= to;
  const problems = await db.problem.findMany({
    where: {
      boardId: board.id,
      status: { notIn: ['closed', 'withdrawn'] },
      createdAt: { lt: slot.at },
      OR: [{ deadline: window }, ...(listWide ? [{ deadline: null }] : [])],
    },
  });
  const measures = await db.measure.findMany({
    where: {
      problem: { boardId: board.id, status: { notIn: ['closed', 'withdrawn'] } },
      status: { not: 'done' },
      retiredAt: null,
      deadline: window,
      createdAt: { lt: slot.at },
    },
    include: { problem: true },
  });
  const items: DeadlineLine[] = deadlineLines(problems, measures, board)
    .map(({ problemTitle: _title, ...line }) => line)
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.key.localeCompare(b.key, 'en', { numeric: true }));
  if (!items.length) return [];

  const base = { kind: 'upcoming' as const, board: boardRef(board), today, from, to };
  const common = { job: 'deadline-reminders' as const, teamId: board.teamId, boardId: board.id };
  const wanted: PlannedMessage[] = [];
  if (route.channel) {
    wanted.push({
      ...common,
      key,
      recipient: route.channel,
      problemKeys: [...new Set(items.map((i) => i.problemKey))],
      message: { ...base, items: listed(items, MAX_LINES_LISTED) },
    });
  }
  if (route.dm) {
    for (const [ownerId, own] of groupBy(items, (i) => i.ownerId)) {
      wanted.push({
        ...common,
        key: `${key}:${ownerId}`,
        recipient: ownerId,
        problemKeys: [...new Set(own.map((i) => i.problemKey))],
        message: { ...base, items: listed(own, MAX_LINES_LISTED) },
      });
    }
  }
  const done = await existingKeys(
    db,
    wanted.map((w) => w.key),
  );
  return wanted.filter((w) => !done.has(w.key));
}

type LineProblem = { key: string; title: string; ownerId: string; deadline: string | null };

/** Problems and measures with a deadline, as message lines (each with its problem's title). */
function deadlineLines(
  problems: readonly LineProblem[],
  measures: readonly {
    number: number;
    text: string;
    ownerId: string | null;
    deadline: string | null;
    problem: LineProblem;
  }[],
  board: { deadline: string | null },
): (DeadlineLine & { problemTitle: string })[] {
  return [
    ...problems.map((p) => ({
      key: p.key,
      problemKey: p.key,
      text: p.title,
      problemTitle: p.title,
      ownerId: p.ownerId,
      deadline: effectiveDeadline(p, board) ?? '',
      isMeasure: false,
    })),
    ...measures.map((m) => ({
      key: `${m.problem.key}.${m.number}`,
      problemKey: m.problem.key,
      text: m.text,
      problemTitle: m.problem.title,
      ownerId: m.ownerId ?? m.problem.ownerId,
      deadline: m.deadline ?? '',
      isMeasure: true,
    })),
  ];
}
