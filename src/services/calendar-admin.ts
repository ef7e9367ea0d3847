import { addDays, cycleAt, cycleByIndex, localDate } from '../domain/cycle.js';
import type { DayKind, NonWorkingDay } from '../domain/calendar.js';
import { forbidden } from '../domain/errors.js';
import { nudgeSlot, openingAt } from '../domain/schedule.js';
import type { Actor } from '../domain/types.js';
import { canLead, findBoard } from './access.js';
import { importCalendarDays, loadBoardCalendar, removeCalendarDay, setCalendarDay } from './calendar.js';
import type { ServiceDeps } from './deps.js';
import { requireVisibleBoard, type Viewer } from './visibility.js';

/**
 * What leaders do with a board's calendar (issue 22): see the coming days off and the next scheduled dates,
 * close a day or open one, and load an official schedule. Leaders of the board and admins only.
 */

/** How far `/closeout calendar` and the missing-year check look ahead. */
export const LOOKAHEAD_DAYS = 60;

async function ledBoard(deps: ServiceDeps, actor: Actor, code: string) {
  const board = await findBoard(deps.db, actor.teamId, code);
  if (!(await canLead(deps, deps.db, actor, board.id))) throw forbidden('error.not_leader', { code: board.code });
  return board;
}

export interface CalendarOverview {
  board: { code: string; name: string; calendar: string; language: string };
  today: string;
  /** How many days ahead the lists look. */
  window: number;
  /** Days off from today to LOOKAHEAD_DAYS ahead. */
  daysOff: NonWorkingDay[];
  /** Days the leaders or an import opened, in the same window. */
  extraWorkdays: { date: string; reason: string }[];
  next: { prompt: string | null; nudge: string | null; digest: string | null };
  /** Years in the window the country calendar has no official data for. */
  missingYears: number[];
}

/** Anyone who may see the board may see its calendar (a restricted board: its leaders, owners, members…). */
export async function calendarOverview(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  viewer: Viewer = { actor },
): Promise<CalendarOverview> {
  const board = await findBoard(deps.db, actor.teamId, code);
  await requireVisibleBoard(deps, viewer, board);
  const workCalendar = await loadBoardCalendar(deps.db, board);
  const at = deps.clock.now();
  const today = localDate(at, board.timezone);
  const to = addDays(today, LOOKAHEAD_DAYS - 1);
  const extra = await deps.db.calendarDay.findMany({
    where: { boardId: board.id, kind: 'workday', date: { gte: today, lte: to } },
    select: { date: true, reason: true },
    orderBy: { date: 'asc' },
  });
  const sched = { ...board, workCalendar };
  const current = cycleAt(board, at);
  let prompt: string | null = null;
  let nudge: string | null = null;
  // The next few cycles are enough to find each date (a cycle with no working day has no prompt).
  for (let i = Math.max(current.index, 0); i < Math.max(current.index, 0) + 40 && !(prompt && nudge); i++) {
    const cycle = cycleByIndex(board, i);
    const opening = openingAt(sched, cycle);
    if (!prompt && opening.at > at && opening.date <= cycle.endDate) prompt = opening.date;
    const slot = nudgeSlot(sched, cycle);
    if (!nudge && slot && slot.at > at) nudge = slot.date;
  }
  let digest: string | null = null;
  for (let i = Math.max(current.index, 0) + 1; i < Math.max(current.index, 0) + 40 && !digest; i++) {
    const opening = openingAt(sched, cycleByIndex(board, i));
    if (opening.at > at) digest = opening.date;
  }
  return {
    board: { code: board.code, name: board.name, calendar: board.calendar, language: board.language },
    today,
    window: LOOKAHEAD_DAYS,
    daysOff: workCalendar.nonWorkingDays(today, to),
    extraWorkdays: extra,
    next: { prompt, nudge, digest },
    missingYears: workCalendar.missingYears(today, to),
  };
}

/** Closes a day (`closed`) or opens one (`workday`) on a board, with a reason. */
export async function addBoardCalendarDay(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  day: { date: string; kind: DayKind; reason: string },
) {
  const board = await ledBoard(deps, actor, code);
  await setCalendarDay(deps.db, board.id, day, actor.userId);
  return board;
}

/** Removes a day a leader added; false when there was none on that date. */
export async function removeBoardCalendarDay(deps: ServiceDeps, actor: Actor, code: string, date: string) {
  const board = await ledBoard(deps, actor, code);
  return { board, removed: await removeCalendarDay(deps.db, board.id, date) };
}

/** Loads an official schedule's days into a board (the CLI's `calendar import`). */
export async function importBoardSchedule(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  days: readonly { date: string; kind: DayKind; reason: string }[],
) {
  const board = await ledBoard(deps, actor, code);
  await importCalendarDays(deps.db, board.id, days, actor.userId);
  // Days already given the missing-year warning for these years may be warned again if they run out again.
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))];
  await deps.db.calendarNotice.deleteMany({ where: { boardId: board.id, year: { in: years } } });
  // Deadlines that now fall on a day off are kept, and named so the operator can warn (issue 22).
  const workCalendar = await loadBoardCalendar(deps.db, board);
  const dated = await deps.db.problem.findMany({
    where: {
      boardId: board.id,
      status: { notIn: ['closed', 'withdrawn'] },
      deadline: { in: days.filter((d) => d.kind === 'closed').map((d) => d.date) },
    },
    select: { key: true, deadline: true },
    orderBy: { number: 'asc' },
  });
  const deadlinesOff = dated.filter((p) => p.deadline !== null && !workCalendar.isWorkingDay(p.deadline));
  return { board, years, deadlinesOff };
}
