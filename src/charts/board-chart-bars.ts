import type { SeriesOption } from 'echarts';
import { PROBLEM_STATUSES } from '../domain/types.js';
import type { Translator } from '../i18n/index.js';
import {
  CHART_MAX_ROWS,
  STACK,
  STATUS_COLOR,
  MUTED,
  TARGET_LINE,
  type ChartParts,
  type ChartRow,
} from './board-chart-layout.js';
import { CHART_FONT } from './fonts.js';

/** The first rows as they are, the rest summed into one "Other (N)" bar so the chart stays readable. */
function foldRows(rows: { label: string; row: ChartRow }[], tr: Translator): { label: string; row: ChartRow }[] {
  if (rows.length <= CHART_MAX_ROWS) return rows;
  const rest = rows.slice(CHART_MAX_ROWS - 1);
  const other: ChartRow = {
    label: null,
    overdue: 0,
    byStatus: { open: 0, in_progress: 0, closeout_requested: 0, closed: 0 },
  };
  for (const { row } of rest) {
    other.overdue += row.overdue;
    for (const s of PROBLEM_STATUSES) other.byStatus[s] += row.byStatus[s];
  }
  return [...rows.slice(0, CHART_MAX_ROWS - 1), { label: tr('chart.other', { count: rest.length }), row: other }];
}

/** The left half: one bar per category or unit (folded), each with its "closed of total, overdue" label. */
export interface Bars {
  rows: { label: string; row: ChartRow }[];
  labels: string[];
}

export function bars({ data, tr }: ChartParts): Bars {
  const rows = foldRows(
    data.rows.map((row) => ({ label: row.label ?? tr('chart.none', { by: data.by }), row })),
    tr,
  );
  const totals = rows.map(({ row }) => PROBLEM_STATUSES.reduce((n, s) => n + row.byStatus[s], 0));
  // ECharts rich text: the count in grey, the overdue part (if any) in red.
  const labels = rows.map(({ row }, i) => {
    const count = `{n|${tr('chart.bars.count', { closed: row.byStatus.closed, total: totals[i] ?? 0 })}}`;
    return row.overdue > 0 ? `${count}{o|${tr('chart.bars.overdue', { overdue: row.overdue })}}` : count;
  });
  return { rows, labels };
}

/** A stacked bar per status, then an empty segment at the end of each stack carrying the bar's label. */
export function barSeries({ statusName }: ChartParts, bs: Bars): SeriesOption[] {
  return [
    ...STACK.map((s): SeriesOption => ({
      type: 'bar',
      name: statusName(s),
      stack: 'status',
      xAxisIndex: 0,
      yAxisIndex: 0,
      barMaxWidth: 26,
      itemStyle: { color: STATUS_COLOR[s] },
      data: bs.rows.map(({ row }) => row.byStatus[s]),
    })),
    {
      type: 'bar',
      name: 'label',
      stack: 'status',
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: bs.rows.map(() => 0),
      label: {
        show: true,
        position: 'right',
        fontFamily: CHART_FONT,
        fontSize: 12,
        color: MUTED,
        formatter: (p: { dataIndex: number }) => bs.labels[p.dataIndex] ?? '',
        rich: {
          n: { fontFamily: CHART_FONT, fontSize: 12, color: MUTED },
          o: { fontFamily: CHART_FONT, fontSize: 12, color: TARGET_LINE },
        },
      },
      silent: true,
    },
  ];
}
