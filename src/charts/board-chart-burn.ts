import type { SeriesOption } from 'echarts';
import type { BurnPoint } from '../services/summary-types.js';
import { MUTED, OPEN_LINE, TARGET_LINE, dayValue, type ChartParts } from './board-chart-layout.js';
import { CHART_FONT } from './fonts.js';

/** The right half: open and total problems per round, and the pace line to the deadline when there is one. */
export interface Burn {
  points: BurnPoint[];
  deadline: string | null;
  /** From the peak of open problems (the list as first complete) to none at the deadline; empty without one. */
  target: number[][];
  /** Every day on the time axis, so it spans the rounds and the deadline. */
  xs: number[];
}

export function burn({ data }: ChartParts): Burn {
  const { points, deadline } = data.burndown;
  const peak = points.reduce<BurnPoint | undefined>(
    (best, p) => (best === undefined || p.open > best.open ? p : best),
    undefined,
  );
  const target =
    deadline && peak
      ? [
          [dayValue(peak.date), peak.open],
          [dayValue(deadline), 0],
        ]
      : [];
  const xs = [...points.map((p) => dayValue(p.date)), ...(deadline ? [dayValue(deadline)] : [])];
  return { points, deadline, target, xs };
}

/** Total and open problems per round (today marked), and the dashed pace line to the deadline if set. */
export function burnSeries({ data, tr }: ChartParts, b: Burn): SeriesOption[] {
  const line = { type: 'line', xAxisIndex: 1, yAxisIndex: 1 } as const;
  return [
    {
      ...line,
      name: tr('chart.series.total'),
      step: 'end',
      symbol: 'none',
      lineStyle: { color: '#9AA5B1', width: 1.5 },
      itemStyle: { color: '#9AA5B1' },
      data: b.points.map((p) => [dayValue(p.date), p.total]),
    },
    {
      ...line,
      name: tr('chart.series.open'),
      symbol: 'circle',
      symbolSize: 7,
      showSymbol: true,
      lineStyle: { color: OPEN_LINE, width: 3 },
      itemStyle: { color: OPEN_LINE },
      areaStyle: { color: 'rgba(29, 78, 137, 0.12)' },
      label: { show: b.points.length <= 8, position: 'top', fontFamily: CHART_FONT, fontSize: 12, color: OPEN_LINE },
      data: b.points.map((p) => [dayValue(p.date), p.open]),
      markLine: {
        symbol: 'none',
        silent: true,
        lineStyle: { color: MUTED, type: 'dotted', width: 1 },
        label: { formatter: tr('chart.today'), fontFamily: CHART_FONT, color: MUTED, fontSize: 12, position: 'end' },
        data: [{ xAxis: dayValue(data.today) }],
      },
    },
    ...(b.target.length
      ? [
          {
            ...line,
            name: tr('chart.series.target'),
            symbol: 'none',
            lineStyle: { color: TARGET_LINE, width: 2, type: 'dashed' },
            itemStyle: { color: TARGET_LINE },
            data: b.target,
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { color: TARGET_LINE, type: 'solid', width: 1.5 },
              label: {
                formatter: tr('chart.deadline'),
                fontFamily: CHART_FONT,
                color: TARGET_LINE,
                fontSize: 12,
                position: 'end',
              },
              data: [{ xAxis: dayValue(b.deadline ?? data.today) }],
            },
          } satisfies SeriesOption,
        ]
      : []),
  ];
}
