import type {
  EChartsOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from 'echarts';
import type { Language } from '../domain/types.js';
import { formatDate } from '../i18n/dates.js';
import { translator } from '../i18n/index.js';
import { barSeries, bars, type Bars } from './board-chart-bars.js';
import { burn, burnSeries, type Burn } from './board-chart-burn.js';
import {
  BAR_LABEL_WIDTH,
  CHART_WIDTH,
  DAY_MS,
  GRID_LINE,
  INK,
  LABEL_WIDTH,
  MUTED,
  STACK,
  dayOf,
  type BoardChartData,
  type ChartParts,
} from './board-chart-layout.js';
import { CHART_FONT } from './fonts.js';

/**
 * The chart in named parts: the titles and legends across the top, then two halves side by side — the
 * status bars per category or unit (board-chart-bars.ts) and the rounds' burndown (board-chart-burn.ts).
 */

const HALF = CHART_WIDTH / 2;

/** The board's title and figures across the top, then each half's heading. */
function titles({ data, tr, date, text }: ChartParts, b: Burn): TitleComponentOption[] {
  return [
    {
      text: tr('chart.title', { name: data.name, code: data.code }),
      subtext: tr('chart.subtitle', {
        date: date(data.today),
        total: data.total,
        completion: data.completion,
        overdue: data.overdue,
      }),
      left: 32,
      top: 20,
      textStyle: { ...text, fontSize: 26, fontWeight: 'bold' },
      subtextStyle: { fontFamily: CHART_FONT, color: MUTED, fontSize: 15 },
    },
    {
      text: tr('chart.bars.title', { by: data.by }),
      left: 32,
      top: 104,
      textStyle: { ...text, fontSize: 17, fontWeight: 'bold' },
    },
    {
      text: tr('chart.burn.title'),
      subtext: b.deadline ? tr('chart.burn.deadline', { date: date(b.deadline) }) : tr('chart.burn.no_deadline'),
      left: HALF + 24,
      top: 104,
      textStyle: { ...text, fontSize: 17, fontWeight: 'bold' },
      subtextStyle: { fontFamily: CHART_FONT, color: MUTED, fontSize: 13 },
    },
  ];
}

function legends({ tr, text, statusName }: ChartParts, b: Burn): LegendComponentOption[] {
  return [
    {
      data: STACK.map(statusName),
      left: 32,
      top: 136,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { ...text, fontSize: 12, color: MUTED },
    },
    {
      data: [
        tr('chart.series.open'),
        tr('chart.series.total'),
        ...(b.target.length ? [tr('chart.series.target')] : []),
      ],
      left: HALF + 24,
      top: 158,
      itemWidth: 18,
      itemHeight: 10,
      textStyle: { ...text, fontSize: 12, color: MUTED },
    },
  ];
}

/** Fixed plot areas (axis labels sit outside them): both halves line up with their titles. */
const GRIDS: GridComponentOption[] = [
  {
    left: 32 + LABEL_WIDTH + 10,
    top: 172,
    right: HALF + 16 + BAR_LABEL_WIDTH,
    bottom: 28,
    outerBoundsMode: 'none',
  },
  { left: HALF + 64, top: 220, right: 56, bottom: 40, outerBoundsMode: 'none' },
];

/** The bars' count axis (hidden) and the rounds' time axis. */
function xAxes({ date }: ChartParts, b: Burn): XAXisComponentOption[] {
  return [
    {
      type: 'value',
      gridIndex: 0,
      minInterval: 1,
      max: (extent: { max: number }) => Math.max(1, extent.max),
      axisLabel: { show: false },
      splitLine: { show: false },
    },
    {
      type: 'time',
      gridIndex: 1,
      min: Math.min(...b.xs),
      max: Math.max(...b.xs),
      minInterval: DAY_MS,
      splitNumber: 5,
      axisLine: { lineStyle: { color: MUTED } },
      axisLabel: { color: MUTED, fontSize: 12, hideOverlap: true, formatter: (value: number) => date(dayOf(value)) },
      splitLine: { show: false },
    },
  ];
}

/** The bars' categories and the rounds' problem counts. */
function yAxes(bs: Bars): YAXisComponentOption[] {
  return [
    {
      type: 'category',
      gridIndex: 0,
      inverse: true,
      data: bs.rows.map((r) => r.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
      axisLabel: { color: INK, fontSize: 13, width: LABEL_WIDTH, overflow: 'truncate', ellipsis: '…' },
    },
    {
      type: 'value',
      gridIndex: 1,
      min: 0,
      minInterval: 1,
      axisLabel: { color: MUTED, fontSize: 12 },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
  ];
}

/** The ECharts option the chart is drawn from (exported so tests can read its texts). */
export function boardChartOptions(data: BoardChartData, lang: Language): EChartsOption {
  const tr = translator(lang);
  const text = { fontFamily: CHART_FONT, color: INK };
  const parts: ChartParts = {
    data,
    tr,
    date: (d) => formatDate(lang, d, data.today),
    text,
    statusName: (s) =>
      s === 'closed' && data.outcomes?.longTerm
        ? tr('chart.closed_outcomes', { status: tr('status.closed'), ...data.outcomes })
        : tr(`status.${s}`),
  };
  const bs = bars(parts);
  const b = burn(parts);
  return {
    animation: false,
    backgroundColor: '#FFFFFF',
    textStyle: text,
    title: titles(parts, b),
    legend: legends(parts, b),
    grid: GRIDS,
    xAxis: xAxes(parts, b),
    yAxis: yAxes(bs),
    series: [...barSeries(parts, bs), ...burnSeries(parts, b)],
  };
}
