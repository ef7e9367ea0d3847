import { DateTime } from 'luxon';
import type { CountedStatus } from '../domain/types.js';
import type { Translator } from '../i18n/index.js';
import type { Breakdown, Burndown } from '../services/summary-types.js';

/** What the board chart shows (its data) and how it is laid out: sizes, colours, the time axis's days. */

/**
 * Logical size (16:9, slide-shaped), drawn at one and a half times the pixels (1800 × 1012) so it stays
 * sharp when enlarged; twice (2400 × 1350) looked no better in Slack's viewer and cost the chart worker
 * ~10 MB more (issue 12's memory budget).
 */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 675;
export const CHART_SCALE = 1.5;
/** Bars drawn at most; further rows are folded into one "Other (N)" bar. */
export const CHART_MAX_ROWS = 12;

/** One bar: a category, unit or owner (label null: problems without one). */
export interface ChartRow {
  label: string | null;
  byStatus: Record<CountedStatus, number>;
  overdue: number;
}

export interface BoardChartData {
  name: string;
  code: string;
  /** Today on the board's calendar (YYYY-MM-DD). */
  today: string;
  by: Breakdown;
  total: number;
  completion: number;
  overdue: number;
  /** In the order to draw, top first. */
  rows: ChartRow[];
  burndown: Burndown;
  /** How the closed ones were closed out: the legend names the outcomes beside "closed". */
  outcomes?: { rectified: number; longTerm: number };
}

/** Stacked left to right: what is done first, so the green part of a bar is its progress. */
export const STACK: readonly CountedStatus[] = ['closed', 'closeout_requested', 'in_progress', 'open'];
export const STATUS_COLOR: Record<CountedStatus, string> = {
  closed: '#2E9E5B',
  closeout_requested: '#3D7FC1',
  in_progress: '#F2A93B',
  open: '#C3CBD3',
};
export const INK = '#1F2933';
export const MUTED = '#616E7C';
export const GRID_LINE = '#E4E7EB';
export const OPEN_LINE = '#1D4E89';
export const TARGET_LINE = '#D64545';
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Room for a bar's name (longer names end in '…'), and right of the bars for "closed/total · overdue". */
export const LABEL_WIDTH = 190;
export const BAR_LABEL_WIDTH = 160;

/** A calendar date as a time-axis value: its UTC midnight (the dates are the board's, zone-free). */
export const dayValue = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).toMillis();
export const dayOf = (value: number) => DateTime.fromMillis(value, { zone: 'UTC' }).toISODate() ?? '';

/** What every part of the chart reads: the data, the reader's words and dates, the base text style. */
export interface ChartParts {
  data: BoardChartData;
  tr: Translator;
  date: (d: string) => string;
  text: { fontFamily: string; color: string };
  statusName: (s: CountedStatus) => string;
}
