import { DateTime } from 'luxon';
import { EVERY_DAY, type WorkCalendar } from './calendar.js';
import { addDays, cycleAt, cycleByIndex, localDate, localInstant, type Cadence, type Cycle } from './cycle.js';

/**
 * When each scheduled message is due, as pure functions of a board's calendar and an instant. Every kind
 * has occurrences (instants in the board's zone); a job asks for the latest occurrence at or before "now",
 * so a run missed while the app was down is caught up once and older occurrences are never replayed.
 *
 * Every occurrence follows the board's working-day calendar (issue 22): a prompt, nudge, digest, reminder
 * or weekly post whose day is not worked moves to a working day at the same time, and day counts are
 * working days. A board without a calendar (or on `none`) counts every day, as before.
 */

/** A board's working days, when it has a calendar (absent: every day is a working day). */
interface Calendared {
  workCalendar?: WorkCalendar;
}

const calendarOf = (board: Calendared): WorkCalendar => board.workCalendar ?? EVERY_DAY;

/**
 * Whether `at` falls on a working day: a message due since an earlier working day (caught up after the
 * app was down) waits for the next one rather than going out on a holiday.
 */
const workingAt = (board: Calendared & Pick<Cadence, 'timezone'>, at: Date): boolean =>
  !board.workCalendar || board.workCalendar.isWorkingDay(localDate(at, board.timezone));

export interface ScheduleBoard extends Cadence, Calendared {
  nudgeDaysBefore: number;
}

/**
 * When a cycle opens: the board's prompt time on the cycle's first working day (possibly after the cycle,
 * when it has none). Its prompt goes out then; the previous cycle's digest too.
 */
export function openingAt(board: Cadence & Calendared, cycle: Cycle): { date: string; at: Date } {
  const date = calendarOf(board).nextWorkingDay(cycle.startDate);
  return { date, at: date === cycle.startDate ? cycle.promptAt : localInstant(date, board.promptTime, board.timezone) };
}

/** How long after a deadline a problem is escalated on its own; afterwards the weekly overdue digest carries it. */
const ESCALATION_DAYS = 7;
/** The weekly upcoming-deadlines post looks this many days ahead. */
export const UPCOMING_DAYS = 14;
/** A weekly post missed while the app was down is caught up within this many days; later it waits for next week. */
const WEEKLY_CATCH_UP_DAYS = 2;

/**
 * The cycle whose prompt is due: from the prompt time on its first working day until the cycle ends. A
 * cycle with no working day at all (a one-day cycle on a holiday) has no prompt: the next cycle's covers it.
 * The cycle's `promptAt` is the moved instant.
 */
export function promptDue(board: Cadence & Calendared, at: Date): Cycle | null {
  const cycle = cycleAt(board, at);
  if (cycle.index < 0) return null;
  const opening = openingAt(board, cycle);
  if (opening.date > cycle.endDate || at < opening.at || !workingAt(board, at)) return null;
  return { ...cycle, promptAt: opening.at };
}

interface NudgeSlot {
  cycle: Cycle;
  /** Local date of the nudge, which prompts show as the report-by date. */
  date: string;
  at: Date;
}

/**
 * A cycle's nudge: `nudgeDaysBefore` working days before its last working day, at the prompt time. None
 * when that would not come after the (moved) prompt (short cycles).
 */
export function nudgeSlot(board: ScheduleBoard, cycle: Cycle): NudgeSlot | null {
  const calendar = calendarOf(board);
  const date = calendar.addWorkingDays(calendar.previousWorkingDay(cycle.endDate), -board.nudgeDaysBefore);
  if (date < cycle.startDate) return null;
  const at = localInstant(date, board.promptTime, board.timezone);
  return at > openingAt(board, cycle).at ? { cycle, date, at } : null;
}

/** The nudge due at `at`: from its slot until the cycle ends. */
export function nudgeDue(board: ScheduleBoard, at: Date): NudgeSlot | null {
  const cycle = cycleAt(board, at);
  if (cycle.index < 0) return null;
  const slot = nudgeSlot(board, cycle);
  return slot && at >= slot.at && workingAt(board, at) ? slot : null;
}

/** The date owners are asked to report by: the nudge day, else the cycle's last working day. */
export function reportByDate(board: ScheduleBoard, cycle: Cycle): string {
  const last = calendarOf(board).previousWorkingDay(cycle.endDate);
  return nudgeSlot(board, cycle)?.date ?? (last >= cycle.startDate ? last : cycle.endDate);
}

/** Cycles looked back over for a digest: more than any holiday run of one-day cycles. */
const DIGEST_LOOKBACK = 40;

/**
 * The cycle whose digest is due. A cycle's digest goes out at its end, when the next cycle opens (at the
 * prompt time of its first working day, so nobody is pinged at midnight or on a holiday), and stays due
 * until the digest after it. When several cycles open at the same moment (one-day cycles over a holiday),
 * the latest one's digest is the one sent.
 */
export function digestDue(board: Cadence & Calendared, at: Date): Cycle | null {
  if (!workingAt(board, at)) return null; // a digest caught up after downtime waits for a working day
  const current = cycleAt(board, at);
  for (let next = current.index; next > current.index - DIGEST_LOOKBACK && next >= 1; next--) {
    if (at >= openingAt(board, cycleByIndex(board, next)).at) return cycleByIndex(board, next - 1);
  }
  return null;
}

type TimedBoard = Pick<Cadence, 'timezone' | 'promptTime'> & Calendared;

/** The day of the reminder `offset` working days before `deadline` (counted from its last working day). */
export function reminderDate(deadline: string, offset: number, board: Calendared): string {
  const calendar = calendarOf(board);
  return calendar.addWorkingDays(calendar.previousWorkingDay(deadline), -offset);
}

/**
 * The offset (working days before `deadline`) of the latest deadline reminder due at `at`, at the prompt
 * time of its day; null before the first one and after the deadline day (escalation takes over then). A
 * missed offset is replaced by the latest due one.
 */
export function reminderDue(deadline: string, offsets: readonly number[], board: TimedBoard, at: Date): number | null {
  if (localDate(at, board.timezone) > deadline || !workingAt(board, at)) return null;
  let best: { offset: number; at: Date } | null = null;
  for (const offset of offsets) {
    const when = localInstant(reminderDate(deadline, offset, board), board.promptTime, board.timezone);
    if (when <= at && (!best || when > best.at)) best = { offset, at: when };
  }
  return best?.offset ?? null;
}

/**
 * A problem past `deadline` is escalated from the prompt time of the next working day, for ESCALATION_DAYS
 * working days (a holiday does not use up the ladder before anyone is back at work).
 */
export function escalationDue(deadline: string, board: TimedBoard, at: Date): boolean {
  const calendar = calendarOf(board);
  const first = calendar.nextWorkingDay(addDays(deadline, 1));
  const from = localInstant(first, board.promptTime, board.timezone);
  const today = localDate(at, board.timezone);
  return at >= from && today <= calendar.addWorkingDays(first, ESCALATION_DAYS - 1) && calendar.isWorkingDay(today);
}

interface WeekSlot {
  /** ISO week, e.g. 2026-W48: part of the dedupe key. */
  week: string;
  /** The Monday (local date). */
  date: string;
  at: Date;
}

/**
 * The latest weekly slot at or before `at`: the week's first working day (Monday, unless it is not worked)
 * at the prompt time in the board's zone (Monday itself in a week with no working day).
 */
export function weeklySlot(board: TimedBoard, at: Date): WeekSlot {
  const monday = DateTime.fromJSDate(at, { zone: board.timezone }).startOf('week').toISODate()!;
  const slot = weekSlotFrom(board, monday);
  return at >= slot.at ? slot : weekSlotFrom(board, addDays(monday, -7));
}

function weekSlotFrom(board: TimedBoard, monday: string): WeekSlot {
  const first = calendarOf(board).nextWorkingDay(monday);
  const date = first < addDays(monday, 7) ? first : monday;
  return {
    week: DateTime.fromISO(monday, { zone: 'UTC' }).toFormat("kkkk-'W'WW"),
    date,
    at: localInstant(date, board.promptTime, board.timezone),
  };
}

/** The weekly slot whose post is due at `at`: from its day's prompt time, for WEEKLY_CATCH_UP_DAYS days. */
export function weeklyDue(board: TimedBoard, at: Date): WeekSlot | null {
  const slot = weeklySlot(board, at);
  const due = localDate(at, board.timezone) < addDays(slot.date, WEEKLY_CATCH_UP_DAYS);
  return due && workingAt(board, at) ? slot : null;
}
