import { DateTime } from 'luxon';
import { addDays, cycleAt, cycleByIndex, localDate, localInstant, type Cadence, type Cycle } from './cycle.js';

/**
 * When each scheduled message is due, as pure functions of a board's calendar and an instant. Every kind
 * has occurrences (instants in the board's zone); a job asks for the latest occurrence at or before "now",
 * so a run missed while the app was down is caught up once and older occurrences are never replayed.
 */

export interface ScheduleBoard extends Cadence {
  nudgeDaysBefore: number;
}

/** How long after a deadline a problem is escalated on its own; afterwards the weekly overdue digest carries it. */
const ESCALATION_DAYS = 7;
/** The weekly upcoming-deadlines post looks this many days ahead. */
export const UPCOMING_DAYS = 14;
/** A weekly post missed while the app was down is caught up within this many days; later it waits for next week. */
const WEEKLY_CATCH_UP_DAYS = 2;

/** The cycle whose prompt is due: from the prompt time on its first day until the cycle ends. */
export function promptDue(board: Cadence, at: Date): Cycle | null {
  const cycle = cycleAt(board, at);
  return cycle.index >= 0 && at >= cycle.promptAt ? cycle : null;
}

interface NudgeSlot {
  cycle: Cycle;
  /** Local date of the nudge, which prompts show as the report-by date. */
  date: string;
  at: Date;
}

/**
 * A cycle's nudge: `nudgeDaysBefore` days before its last day, at the prompt time. None when that would
 * not come after the prompt (short cycles).
 */
export function nudgeSlot(board: ScheduleBoard, cycle: Cycle): NudgeSlot | null {
  const date = addDays(cycle.endDate, -board.nudgeDaysBefore);
  if (date < cycle.startDate) return null;
  const at = localInstant(date, board.promptTime, board.timezone);
  return at > cycle.promptAt ? { cycle, date, at } : null;
}

/** The nudge due at `at`: from its slot until the cycle ends. */
export function nudgeDue(board: ScheduleBoard, at: Date): NudgeSlot | null {
  const cycle = cycleAt(board, at);
  if (cycle.index < 0) return null;
  const slot = nudgeSlot(board, cycle);
  return slot && at >= slot.at ? slot : null;
}

/** The date owners are asked to report by: the nudge day, else the cycle's last day. */
export function reportByDate(board: ScheduleBoard, cycle: Cycle): string {
  return nudgeSlot(board, cycle)?.date ?? cycle.endDate;
}

/**
 * The cycle whose digest is due. A cycle's digest goes out at its end, when the next cycle opens (at the
 * prompt time, so nobody is pinged at midnight), and stays due until the digest after it.
 */
export function digestDue(board: Cadence, at: Date): Cycle | null {
  const current = cycleAt(board, at);
  const index = at >= current.promptAt ? current.index - 1 : current.index - 2;
  return index >= 0 ? cycleByIndex(board, index) : null;
}

/**
 * The offset (days before `deadline`) of the latest deadline reminder due at `at`, at the prompt time of
 * its day; null before the first one and after the deadline day (escalation takes over then). A missed
 * offset is replaced by the latest due one.
 */
export function reminderDue(
  deadline: string,
  offsets: readonly number[],
  board: Pick<Cadence, 'timezone' | 'promptTime'>,
  at: Date,
): number | null {
  if (localDate(at, board.timezone) > deadline) return null;
  let best: { offset: number; at: Date } | null = null;
  for (const offset of offsets) {
    const when = localInstant(addDays(deadline, -offset), board.promptTime, board.timezone);
    if (when <= at && (!best || when > best.at)) best = { offset, at: when };
  }
  return best?.offset ?? null;
}

/** A problem past `deadline` is escalated from the prompt time of the next day, for ESCALATION_DAYS days. */
export function escalationDue(deadline: string, board: Pick<Cadence, 'timezone' | 'promptTime'>, at: Date): boolean {
  const from = localInstant(addDays(deadline, 1), board.promptTime, board.timezone);
  return at >= from && localDate(at, board.timezone) <= addDays(deadline, ESCALATION_DAYS);
}

interface WeekSlot {
  /** ISO week, e.g. 2026-W48: part of the dedupe key. */
  week: string;
  /** The Monday (local date). */
  date: string;
  at: Date;
}

/** The latest weekly slot at or before `at`: Monday at the prompt time in the board's zone. */
export function weeklySlot(board: Pick<Cadence, 'timezone' | 'promptTime'>, at: Date): WeekSlot {
  let date = DateTime.fromJSDate(at, { zone: board.timezone }).startOf('week').toISODate()!;
  let when = localInstant(date, board.promptTime, board.timezone);
  if (at < when) {
    date = addDays(date, -7);
    when = localInstant(date, board.promptTime, board.timezone);
  }
  return { week: DateTime.fromISO(date, { zone: 'UTC' }).toFormat("kkkk-'W'WW"), date, at: when };
}

/** The weekly slot whose post is due at `at`: from Monday's prompt time, for WEEKLY_CATCH_UP_DAYS days. */
export function weeklyDue(board: Pick<Cadence, 'timezone' | 'promptTime'>, at: Date): WeekSlot | null {
  const slot = weeklySlot(board, at);
  return localDate(at, board.timezone) < addDays(slot.date, WEEKLY_CATCH_UP_DAYS) ? slot : null;
}
