import type { WorkCalendar } from '../domain/calendar.js';
import type { Board } from '../db/generated/client.js';
import type { OutcomeCounts } from './outcome-counts.js';
import { PROBLEM_STATUSES, type CountedStatus, type Language, type ProblemStatus } from '../domain/types.js';

/** "Due soon" looks this many days ahead of today (inclusive). */
export const DUE_SOON_DAYS = 14;
/** Items each summary list carries by default; the rest are only counted ("… and N more"). */
export const SUMMARY_LIST_LIMIT = 10;
/** Points at most on the burn-down: about a year of two-week rounds. */
export const BURNDOWN_MAX_POINTS = 26;

export const BREAKDOWNS = ['category', 'unit', 'owner'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** One problem as the summary lists show it. */
export interface SummaryItem {
  key: string;
  number: number;
  title: string;
  ownerId: string;
  unit: string | null;
  category: string | null;
  status: ProblemStatus;
  /** The effective deadline (the problem's own, else the board's). */
  deadline: string | null;
  daysOverdue: number;
  /** On a board with a working-day calendar (issue 22): the working days overdue, shown beside. */
  workingDaysOverdue?: number;
  percent: number;
  lastUpdateAt: Date | null;
}

/** The first items of a list and how many there are in all. */
export interface ItemList {
  total: number;
  items: SummaryItem[];
}

/** One row of the breakdown: a category, unit or owner (null: problems without one). */
export interface BreakdownRow {
  key: string | null;
  total: number;
  closed: number;
  overdue: number;
  completion: number;
  byStatus: Record<CountedStatus, number>;
}

/** What moved since the previous cycle ended (the current cycle's start). */
interface SummaryChange {
  /** Last day of the previous cycle. */
  since: string;
  closed: number;
  newlyOverdue: number;
  created: number;
  /** Problems whose deadline was moved later this cycle. */
  extended: number;
}

export interface BoardSummary {
  board: {
    code: string;
    name: string;
    timezone: string;
    language: Language;
    deadline: string | null;
    channelId: string | null;
  };
  /** The one responsible unit it covers (`unit:NAME`), else null: the whole board. */
  unit?: string | null;
  asOf: Date;
  /** Today's date on the board's calendar. */
  today: string;
  cycle: { index: number; startDate: string; endDate: string };
  total: number;
  closed: number;
  /** Whole percent of problems closed. */
  completion: number;
  byStatus: Record<CountedStatus, number>;
  /** How the closed ones were closed out, and the not-rectifiable ones (services/outcome-counts.ts). */
  outcomes?: OutcomeCounts;
  /** Extensions granted on an owner's request this round (services/extensions.ts). */
  extensionsGranted?: number;
  by: Breakdown;
  rows: BreakdownRow[];
  change: SummaryChange;
  /** Overdue problems, oldest deadline first. */
  overdue: ItemList;
  /** Problems still owing a report this cycle, longest without an update first. */
  stale: ItemList;
  /** Problems not closed whose deadline falls within the next DUE_SOON_DAYS days, soonest first. */
  dueSoon: ItemList;
}

/** Open problems (not closed) and all problems at one moment: the burn-down's points. */
export interface BurnPoint {
  /** The board-calendar date the count is for: a cycle's last day, or today for the current cycle. */
  date: string;
  open: number;
  total: number;
}

export interface Burndown {
  today: string;
  /** The list-wide deadline the open count should reach zero by, if the board has one. */
  deadline: string | null;
  points: BurnPoint[];
}

/**
 * Percent of problems closed, rounded down so a list only shows 100% once everything is closed
 * (199 of 200 is 99%, not 100%).
 */
export function completion(closed: number, total: number): number {
  return total === 0 ? 0 : Math.floor((closed * 100) / total);
}

export function emptyStatusCounts(): Record<CountedStatus, number> {
  return Object.fromEntries(PROBLEM_STATUSES.map((s) => [s, 0])) as Record<CountedStatus, number>;
}

/** The Board columns the summary reads; the Prisma row fits. */
export type SummaryBoard = Pick<
  Board,
  | 'id'
  | 'code'
  | 'name'
  | 'timezone'
  | 'language'
  | 'anchorDate'
  | 'cycleDays'
  | 'promptTime'
  | 'deadline'
  | 'categories'
  | 'channelId'
  | 'calendar'
> & { workCalendar?: WorkCalendar };
