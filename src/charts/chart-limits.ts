/**
 * Chart constants the main thread needs, apart from board-chart.ts: importing that module loads ECharts and
 * canvas (tens of MB), which only the chart worker should.
 */

/** Bars drawn at most; further rows are folded into one "Other (N)" bar. */
export const CHART_MAX_ROWS = 12;
