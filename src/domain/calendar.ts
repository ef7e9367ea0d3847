/**
 * A board's working days (issue 22): a working week, a country's official days off and make-up workdays,
 * and the closures and extra workdays its leaders add (or an imported official schedule). Pure: the
 * official days come in as data (src/services/official-days.ts loads them). Dates are YYYY-MM-DD strings,
 * local to the board's zone; arithmetic runs on whole UTC day numbers, so DST never matters.
 */

/** `none`: every day is a working day (the behaviour before calendars); `weekends`: Mon–Fri; else a country. */
export const CALENDAR_PATTERN = /^(?:none|weekends|[A-Z]{2})$/;

/** One year of a country's official days: days off and make-up working days, each with its name. */
export interface OfficialYear {
  off: ReadonlyMap<string, string>;
  work: ReadonlyMap<string, string>;
}

/** A country's official days by year; null for a year the source has no data for. */
export type OfficialDays = (year: number) => OfficialYear | null;

export type DayKind = 'closed' | 'workday';

export interface DayOverride {
  date: string;
  kind: DayKind;
  reason: string;
  /** `import`: part of an official schedule loaded by the CLI, which also counts as that year's data. */
  source: string;
}

export interface NonWorkingDay {
  date: string;
  reason: string;
}

const DAY_MS = 86_400_000;
/** How far the next/previous working day is searched for: a board closed longer than this counts every day. */
const SEARCH_DAYS = 366;

const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday (1970-01-01, day 0, was a Thursday). */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;
const yearOf = (date: string): number => Number(date.slice(0, 4));

export class WorkCalendar {
  private readonly overrides: ReadonlyMap<string, DayOverride>;
  private readonly importedYears: ReadonlySet<number>;
  /** Per year: working days in the year up to and including each day of it (index = day of year). */
  private readonly counts = new Map<number, Int32Array>();

  constructor(
    /** `none`, `weekends` or a country code. */
    readonly name: string,
    private readonly official: OfficialDays | null,
    overrides: readonly DayOverride[] = [],
  ) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
    this.importedYears = new Set(overrides.filter((o) => o.source === 'import').map((o) => yearOf(o.date)));
  }

  /** Every day counts alike and nothing is overridden: callers may skip the calendar entirely. */
  get isEveryDay(): boolean {
    return this.name === 'none' && this.overrides.size === 0;
  }

  isWorkingDay(date: string): boolean {
    return this.dayKind(dayNumber(date)).working;
  }

  /** Why a day is not worked ('' for a weekend), or null when it is a working day. */
  closedReason(date: string): string | null {
    const kind = this.dayKind(dayNumber(date));
    return kind.working ? null : kind.reason;
  }

  /** The first working day on or after `date`. */
  nextWorkingDay(date: string): string {
    return this.step(date, 1);
  }

  /** The last working day on or before `date`. */
  previousWorkingDay(date: string): string {
    return this.step(date, -1);
  }

  /**
   * `n` working days after `date` (before it when negative), counted from the nearest working day on that
   * side; 0 gives `date` itself. With `none` this is plain calendar arithmetic.
   */
  addWorkingDays(date: string, n: number): string {
    if (n === 0) return date;
    const dir = n > 0 ? 1 : -1;
    let day = dayNumber(date);
    for (let left = Math.abs(n); left > 0;) {
      day += dir;
      if (this.dayKind(day).working) left--;
      if (Math.abs(day - dayNumber(date)) > SEARCH_DAYS * 4) break; // a board closed for years: stop
    }
    return dateOf(day);
  }

  /** Working days after `from` up to and including `to` (negative when `to` is earlier); cf. daysBetween. */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    if (this.name === 'none' && this.overrides.size === 0) return dayNumber(to) - dayNumber(from);
    const [fy, ty] = [yearOf(from), yearOf(to)];
    const at = (date: string, y: number) => this.yearCounts(y)[dayNumber(date) - dayNumber(`${y}-01-01`)]!;
    if (fy === ty) return at(to, ty) - at(from, fy);
    let total = this.yearCounts(fy).at(-1)! - at(from, fy) + at(to, ty);
    for (let y = fy + 1; y < ty; y++) total += this.yearCounts(y).at(-1)!;
    return total;
  }

  /** Non-working days from `from` to `to` (inclusive), with the reason of each (a weekend has ''). */
  nonWorkingDays(from: string, to: string): NonWorkingDay[] {
    const out: NonWorkingDay[] = [];
    for (let day = dayNumber(from), end = dayNumber(to); day <= end; day++) {
      const kind = this.dayKind(day);
      if (!kind.working) out.push({ date: dateOf(day), reason: kind.reason });
    }
    return out;
  }

  /** Years from `from` to `to` that this country calendar has no official data for (loaded or imported). */
  missingYears(from: string, to: string): number[] {
    if (!this.official) return [];
    const out: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) {
      if (!this.importedYears.has(y) && !this.official(y)) out.push(y);
    }
    return out;
  }

  private step(date: string, dir: 1 | -1): string {
    const start = dayNumber(date);
    for (let day = start; Math.abs(day - start) <= SEARCH_DAYS; day += dir) {
      if (this.dayKind(day).working) return dateOf(day);
    }
    return date;
  }

  private dayKind(day: number): { working: boolean; reason: string } {
    const date = dateOf(day);
    const override = this.overrides.get(date);
    if (override) return { working: override.kind === 'workday', reason: override.reason };
    if (this.name === 'none') return { working: true, reason: '' };
    const year = this.official?.(yearOf(date));
    const work = year?.work.get(date);
    if (work !== undefined) return { working: true, reason: work };
    const off = year?.off.get(date);
    if (off !== undefined) return { working: false, reason: off };
    const wd = weekday(day);
    return { working: wd !== 0 && wd !== 6, reason: '' };
  }

  private yearCounts(year: number): Int32Array {
    let counts = this.counts.get(year);
    if (!counts) {
      const jan1 = dayNumber(`${year}-01-01`);
      const days = dayNumber(`${year + 1}-01-01`) - jan1;
      counts = new Int32Array(days);
      let running = 0;
      for (let i = 0; i < days; i++) counts[i] = running += this.dayKind(jan1 + i).working ? 1 : 0;
      this.counts.set(year, counts);
    }
    return counts;
  }
}

/** Every day a working day: boards on `none` and callers that have no calendar at hand. */
export const EVERY_DAY = new WorkCalendar('none', null);
