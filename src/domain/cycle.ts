import { DateTime } from 'luxon';

/** The part of a board that defines its rhythm. Dates are local to `timezone`. */
export interface Cadence {
  timezone: string;
  anchorDate: string; // YYYY-MM-DD: cycle 0 starts at local midnight of this day
  cycleDays: number;
  promptTime: string; // HH:MM local
}

export interface Cycle {
  index: number;
  /** Local midnight of the first day, as an instant. */
  start: Date;
  /** Local midnight after the last day (exclusive), as an instant. */
  end: Date;
  startDate: string;
  /** Last day of the cycle (inclusive). */
  endDate: string;
  /** When the cycle prompt is due: the first day at the board's prompt time. */
  promptAt: Date;
}

function anchor(c: Cadence): DateTime {
  const dt = DateTime.fromISO(c.anchorDate, { zone: c.timezone });
  if (!dt.isValid) throw new Error(`Invalid anchor ${c.anchorDate} or zone ${c.timezone}`);
  return dt.startOf('day');
}

/**
 * A small memo for the pure calendar functions below: a list of 500 problems asks for the same "today" and
 * the same cycle 500 times, and each luxon zone conversion costs tens of microseconds (issue 12's profile
 * of a command burst had them first). Bounded: emptied when full.
 */
function memo<T>(max: number): (key: string, compute: () => T) => T {
  const seen = new Map<string, T>();
  return (key, compute) => {
    const hit = seen.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (seen.size >= max) seen.clear();
    seen.set(key, value);
    return value;
  };
}

const localDates = memo<string>(2_000);

/** Local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: Date, timezone: string): string {
  return localDates(`${at.getTime()}|${timezone}`, () => DateTime.fromJSDate(at, { zone: timezone }).toISODate()!);
}

const DAY_MS = 86_400_000;

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); DST does not matter for calendar dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

const dayEnds = memo<number>(2_000);

/**
 * The end of a local date in a zone: the instant its next day starts, in epoch ms. An instant falls after
 * `date` (its local date is later) exactly when it is at or past this. Comparing instants with it, not each
 * instant's local date, keeps a check over many rows to one zone conversion per distinct date: the report's
 * on-time count of 10,000 closed problems converted every closing time (luxon, ~11 MB of garbage a report).
 */
export function localDayEnd(date: string, timezone: string): number {
  return dayEnds(`${date}|${timezone}`, () =>
    DateTime.fromISO(date, { zone: timezone }).plus({ days: 1 }).startOf('day').toMillis(),
  );
}

/** The instant of a local date and HH:MM time in a zone (a time skipped by DST moves forward). */
export function localInstant(date: string, time: string, timezone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone: timezone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

const cycles = memo<Cycle>(1_000);

export function cycleByIndex(c: Cadence, index: number): Cycle {
  const key = `${c.timezone}|${c.anchorDate}|${c.cycleDays}|${c.promptTime}|${index}`;
  const cycle = cycles(key, () => computeCycle(c, index));
  // Fresh Date objects: a caller changing one must not change the memo.
  return { ...cycle, start: new Date(cycle.start), end: new Date(cycle.end), promptAt: new Date(cycle.promptAt) };
}

function computeCycle(c: Cadence, index: number): Cycle {
  const startDt = anchor(c).plus({ days: index * c.cycleDays });
  const endDt = anchor(c).plus({ days: (index + 1) * c.cycleDays });
  const startDate = startDt.toISODate()!;
  return {
    index,
    start: startDt.toJSDate(),
    end: endDt.startOf('day').toJSDate(),
    startDate,
    endDate: endDt.minus({ days: 1 }).toISODate()!,
    promptAt: localInstant(startDate, c.promptTime, c.timezone),
  };
}

/** The cycle an instant falls in, by the local calendar date in the board's zone (negative before the anchor). */
export function cycleAt(c: Cadence, at: Date): Cycle {
  const days = daysBetween(c.anchorDate, localDate(at, c.timezone));
  return cycleByIndex(c, Math.floor(days / c.cycleDays));
}
