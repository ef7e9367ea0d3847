import { Prisma } from '../db/generated/client.js';
import type { Db } from '../db/client.js';
import { addDays, localDate } from '../domain/cycle.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { loadBoardCalendar } from './calendar.js';
import { LOOKAHEAD_DAYS } from './calendar-admin.js';

/**
 * Issue 22, item 3: a country calendar runs out (chinese-days has no 2027 until the State Council publishes
 * it). When the next LOOKAHEAD_DAYS days reach a year with no official data, leaders are told once on their
 * App Home (remembered per leader in CalendarNotice) and once in a digest (the digest delivery that carried
 * it is the record). Importing the year, or a package update that brings it, ends the warning.
 */

export interface CalendarGap {
  code: string;
  name: string;
  year: number;
}

/** Years in the coming window that `calendar` has no official data for, as of `at` in `timezone`. */
function comingGaps(calendar: WorkCalendar, timezone: string, at: Date): number[] {
  const today = localDate(at, timezone);
  return calendar.missingYears(today, addDays(today, LOOKAHEAD_DAYS - 1));
}

const isCountry = (calendar: string) => /^[A-Z]{2}$/.test(calendar);

/**
 * The gaps a leader has not been told about on the App Home yet, for the boards they lead; each is marked
 * told as it is returned, so the next Home does not repeat it.
 */
export async function homeGapsToTell(
  db: Db,
  userId: string,
  boards: readonly { id: number; code: string; name: string; calendar: string; timezone: string }[],
  at: Date,
): Promise<CalendarGap[]> {
  const out: CalendarGap[] = [];
  for (const board of boards.filter((b) => isCountry(b.calendar))) {
    for (const year of comingGaps(await loadBoardCalendar(db, board), board.timezone, at)) {
      try {
        await db.calendarNotice.create({ data: { boardId: board.id, year, audience: userId, at } });
        out.push({ code: board.code, name: board.name, year });
      } catch (error) {
        // Told already (possibly by another process just now).
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
      }
    }
  }
  return out;
}

/** The first year the board's next digest should warn about: a gap no earlier digest of the board carried. */
export async function digestGapToTell(
  db: Db,
  board: { id: number; calendar: string; timezone: string; workCalendar: WorkCalendar },
  at: Date,
): Promise<number | null> {
  if (!isCountry(board.calendar)) return null;
  for (const year of comingGaps(board.workCalendar, board.timezone, at)) {
    const told = await db.delivery.findFirst({
      where: { boardId: board.id, job: 'cycle-digest', payload: { contains: `"calendarGap":${year}` } },
      select: { id: true },
    });
    if (!told) return year;
  }
  return null;
}
