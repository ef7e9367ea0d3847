import type { Db } from '../db/client.js';
import { EVERY_DAY, WorkCalendar, type DayKind, type DayOverride } from '../domain/calendar.js';
import { officialDays } from './official-days.js';

/**
 * A board's working-day calendar (issue 22), built from its calendar name and its CalendarDay rows. Built
 * calendars are kept per board while the rows and the name stay the same, so the per-year working-day
 * counts inside are computed once, not on every scheduler run.
 */

/** The board fields a calendar is built from (rows as `calendarDaysSelect` reads them). */
interface CalendarSource {
  id: number;
  calendar: string;
  calendarDays: readonly (Omit<DayOverride, 'kind'> & { kind: string })[];
}

/** For `include`/`select` on a board: the rows its calendar needs. */
export const calendarDaysSelect = { select: { date: true, kind: true, reason: true, source: true } } as const;

/** Entries a board may hold (leaders' days plus imported schedules): bounds memory and every query. */
export const MAX_CALENDAR_DAYS = 2_000;

const built = new Map<number, { fingerprint: string; calendar: WorkCalendar }>();

function fingerprint(board: CalendarSource): string {
  return `${board.calendar}|${board.calendarDays.map((d) => `${d.date}${d.kind}${d.source}${d.reason}`).join('|')}`;
}

export async function boardCalendar(board: CalendarSource): Promise<WorkCalendar> {
  if (board.calendar === 'none' && !board.calendarDays.length) return EVERY_DAY;
  const print = fingerprint(board);
  const hit = built.get(board.id);
  if (hit?.fingerprint === print) return hit.calendar;
  const official = /^[A-Z]{2}$/.test(board.calendar) ? await officialDays(board.calendar) : null;
  const calendar = new WorkCalendar(
    board.calendar,
    official,
    board.calendarDays.map((d) => ({ ...d, kind: d.kind as DayKind })),
  );
  if (built.size >= 1_000) built.clear();
  built.set(board.id, { fingerprint: print, calendar });
  return calendar;
}

/** Reads a board's calendar rows and builds its calendar. */
export async function loadBoardCalendar(db: Db, board: { id: number; calendar: string }): Promise<WorkCalendar> {
  const calendarDays = await db.calendarDay.findMany({
    where: { boardId: board.id },
    ...calendarDaysSelect,
    orderBy: { date: 'asc' },
    take: MAX_CALENDAR_DAYS,
  });
  return boardCalendar({ ...board, calendarDays });
}

export class CalendarLimitError extends Error {
  constructor() {
    super(`a board holds at most ${MAX_CALENDAR_DAYS} calendar days`);
    this.name = 'CalendarLimitError';
  }
}

/** Adds or replaces one day (closed or workday) on a board's calendar. */
export async function setCalendarDay(
  db: Db,
  boardId: number,
  day: { date: string; kind: DayKind; reason: string; source?: 'leader' | 'import' },
  by: string,
): Promise<void> {
  const existing = await db.calendarDay.count({ where: { boardId } });
  const present = await db.calendarDay.findUnique({
    where: { boardId_date: { boardId, date: day.date } },
    select: { id: true },
  });
  if (!present && existing >= MAX_CALENDAR_DAYS) throw new CalendarLimitError();
  const data = { kind: day.kind, reason: day.reason, source: day.source ?? 'leader', createdBy: by };
  await db.calendarDay.upsert({
    where: { boardId_date: { boardId, date: day.date } },
    create: { boardId, date: day.date, ...data },
    update: data,
  });
}

/** Removes a day; false when there was none. */
export async function removeCalendarDay(db: Db, boardId: number, date: string): Promise<boolean> {
  const { count } = await db.calendarDay.deleteMany({ where: { boardId, date } });
  return count > 0;
}

/** Loads an official schedule's days (an import): one transaction, replacing days already on those dates. */
export async function importCalendarDays(
  db: Db,
  boardId: number,
  days: readonly { date: string; kind: DayKind; reason: string }[],
  by: string,
): Promise<number> {
  const dates = days.map((d) => d.date);
  return db.$transaction(async (tx) => {
    const kept = await tx.calendarDay.count({ where: { boardId, date: { notIn: dates } } });
    if (kept + days.length > MAX_CALENDAR_DAYS) throw new CalendarLimitError();
    await tx.calendarDay.deleteMany({ where: { boardId, date: { in: dates } } });
    await tx.calendarDay.createMany({
      data: days.map((d) => ({ boardId, ...d, source: 'import', createdBy: by })),
    });
    return days.length;
  });
}

/** Whether `date` is a day the board does not work (a deadline there is kept, with a warning). */
export async function isDayOff(db: Db, boardId: number, date: string): Promise<boolean> {
  const board = await db.board.findUniqueOrThrow({ where: { id: boardId }, select: { id: true, calendar: true } });
  return !(await loadBoardCalendar(db, board)).isWorkingDay(date);
}
