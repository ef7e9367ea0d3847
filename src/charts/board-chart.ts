import { createCanvas } from '@napi-rs/canvas';
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { init, setPlatformAPI, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { DateTime } from 'luxon';
import { PROBLEM_STATUSES, type CountedStatus, type Language } from '../domain/types.js';
import { translator, type Translator } from '../i18n/index.js';
import type { Breakdown, Burndown, BurnPoint } from '../services/summary.js';
import { formatDate } from '../slack/views/problem-format.js';
import { CHART_MAX_ROWS } from './chart-limits.js';
import { CHART_FONT, ensureChartFont } from './fonts.js';

/** Logical size (16:9, slide-shaped), drawn at twice the pixels so it stays sharp when enlarged. */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 675;
export const CHART_SCALE = 2;
export { CHART_MAX_ROWS };

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
}

/** Stacked left to right: what is done first, so the green part of a bar is its progress. */
const STACK: readonly CountedStatus[] = ['closed', 'closeout_requested', 'in_progress', 'open'];
const STATUS_COLOR: Record<CountedStatus, string> = {
  closed: '#2E9E5B',
  closeout_requested: '#3D7FC1',
  in_progress: '#F2A93B',
  open: '#C3CBD3',
};
const INK = '#1F2933';
const MUTED = '#616E7C';
const GRID_LINE = '#E4E7EB';
const OPEN_LINE = '#1D4E89';
const TARGET_LINE = '#D64545';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Room for a bar's name (longer names end in '…'), and right of the bars for "closed/total · overdue". */
const LABEL_WIDTH = 190;
const BAR_LABEL_WIDTH = 160;

let prepared = false;

/** ECharts' renderers and components, its text measuring on a Skia canvas, and the font: once per process. */
function prepare(): void {
  if (prepared) return;
  use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, CanvasRenderer]);
  setPlatformAPI({ createCanvas: () => createCanvas(1, 1) });
  ensureChartFont();
  prepared = true;
}

/** A calendar date as a time-axis value: its UTC midnight (the dates are the board's, zone-free). */
const dayValue = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).toMillis();
const dayOf = (value: number) => DateTime.fromMillis(value, { zone: 'UTC' }).toISODate() ?? '';

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

/** The ECharts option the chart is drawn from (exported so tests can read its texts). */
export function boardChartOptions(data: BoardChartData, lang: Language): EChartsOption {
  const tr = translator(lang);
  const date = (d: string) => formatDate(lang, d, data.today);
  const rows = foldRows(
    data.rows.map((row) => ({ label: row.label ?? tr('chart.none', { by: data.by }), row })),
    tr,
  );
  const totals = rows.map(({ row }) => PROBLEM_STATUSES.reduce((n, s) => n + row.byStatus[s], 0));
  // ECharts rich text: the count in grey, the overdue part (if any) in red.
  const rowLabels = rows.map(({ row }, i) => {
    const count = `{n|${tr('chart.bars.count', { closed: row.byStatus.closed, total: totals[i] ?? 0 })}}`;
    return row.overdue > 0 ? `${count}{o|${tr('chart.bars.overdue', { overdue: row.overdue })}}` : count;
  });

  const burn = data.burndown;
  const points = burn.points;
  // The ideal line runs from the peak of open problems (the list as first complete) to none at the deadline.
  const peak = points.reduce<BurnPoint | undefined>(
    (best, p) => (best === undefined || p.open > best.open ? p : best),
    undefined,
  );
  const target =
    burn.deadline && peak
      ? [
          [dayValue(peak.date), peak.open],
          [dayValue(burn.deadline), 0],
        ]
      : [];
  const xs = [...points.map((p) => dayValue(p.date)), ...(burn.deadline ? [dayValue(burn.deadline)] : [])];
  const text = { fontFamily: CHART_FONT, color: INK };
  const statusName = (s: CountedStatus) => tr(`status.${s}`);
  const half = CHART_WIDTH / 2;

  return {
    animation: false,
    backgroundColor: '#FFFFFF',
    textStyle: text,
    title: [
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
        subtext: burn.deadline
          ? tr('chart.burn.deadline', { date: date(burn.deadline) })
          : tr('chart.burn.no_deadline'),
        left: half + 24,
        top: 104,
        textStyle: { ...text, fontSize: 17, fontWeight: 'bold' },
        subtextStyle: { fontFamily: CHART_FONT, color: MUTED, fontSize: 13 },
      },
    ],
    legend: [
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
          ...(target.length ? [tr('chart.series.target')] : []),
        ],
        left: half + 24,
        top: 158,
        itemWidth: 18,
        itemHeight: 10,
        textStyle: { ...text, fontSize: 12, color: MUTED },
      },
    ],
    // Fixed plot areas (axis labels sit outside them): both halves line up with their titles.
    grid: [
      {
        left: 32 + LABEL_WIDTH + 10,
        top: 172,
        right: half + 16 + BAR_LABEL_WIDTH,
        bottom: 28,
        outerBoundsMode: 'none',
      },
      { left: half + 64, top: 220, right: 56, bottom: 40, outerBoundsMode: 'none' },
    ],
    xAxis: [
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
        min: Math.min(...xs),
        max: Math.max(...xs),
        minInterval: DAY_MS,
        splitNumber: 5,
        axisLine: { lineStyle: { color: MUTED } },
        axisLabel: { color: MUTED, fontSize: 12, hideOverlap: true, formatter: (value: number) => date(dayOf(value)) },
        splitLine: { show: false },
      },
    ],
    yAxis: [
      {
        type: 'category',
        gridIndex: 0,
        inverse: true,
        data: rows.map((r) => r.label),
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
    ],
    series: [
      ...STACK.map((s) => ({
        type: 'bar' as const,
        name: statusName(s),
        stack: 'status',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barMaxWidth: 26,
        itemStyle: { color: STATUS_COLOR[s] },
        data: rows.map(({ row }) => row.byStatus[s]),
      })),
      {
        // An empty segment at the end of each stack, carrying the bar's label just past it.
        type: 'bar' as const,
        name: 'label',
        stack: 'status',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: rows.map(() => 0),
        label: {
          show: true,
          position: 'right',
          fontFamily: CHART_FONT,
          fontSize: 12,
          color: MUTED,
          formatter: (p: { dataIndex: number }) => rowLabels[p.dataIndex] ?? '',
          rich: {
            n: { fontFamily: CHART_FONT, fontSize: 12, color: MUTED },
            o: { fontFamily: CHART_FONT, fontSize: 12, color: TARGET_LINE },
          },
        },
        silent: true,
      },
      {
        type: 'line' as const,
        name: tr('chart.series.total'),
        xAxisIndex: 1,
        yAxisIndex: 1,
        step: 'end',
        symbol: 'none',
        lineStyle: { color: '#9AA5B1', width: 1.5 },
        itemStyle: { color: '#9AA5B1' },
        data: points.map((p) => [dayValue(p.date), p.total]),
      },
      {
        type: 'line' as const,
        name: tr('chart.series.open'),
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 7,
        showSymbol: true,
        lineStyle: { color: OPEN_LINE, width: 3 },
        itemStyle: { color: OPEN_LINE },
        areaStyle: { color: 'rgba(29, 78, 137, 0.12)' },
        label: { show: points.length <= 8, position: 'top', fontFamily: CHART_FONT, fontSize: 12, color: OPEN_LINE },
        data: points.map((p) => [dayValue(p.date), p.open]),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: MUTED, type: 'dotted', width: 1 },
          label: { formatter: tr('chart.today'), fontFamily: CHART_FONT, color: MUTED, fontSize: 12, position: 'end' },
          data: [{ xAxis: dayValue(data.today) }],
        },
      },
      ...(target.length
        ? [
            {
              type: 'line' as const,
              name: tr('chart.series.target'),
              xAxisIndex: 1,
              yAxisIndex: 1,
              symbol: 'none',
              lineStyle: { color: TARGET_LINE, width: 2, type: 'dashed' as const },
              itemStyle: { color: TARGET_LINE },
              data: target,
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: TARGET_LINE, type: 'solid' as const, width: 1.5 },
                label: {
                  formatter: tr('chart.deadline'),
                  fontFamily: CHART_FONT,
                  color: TARGET_LINE,
                  fontSize: 12,
                  position: 'end' as const,
                },
                data: [{ xAxis: dayValue(burn.deadline ?? data.today) }],
              },
            },
          ]
        : []),
    ],
  };
}

/**
 * The board chart as a PNG: status by category (or unit, or owner) as stacked bars on the left, open
 * problems round by round against the list deadline on the right. Pure: data in, image out, drawn by
 * ECharts on a Skia canvas with a font shipped in node_modules — in the calling thread, which it keeps
 * busy for 100–700 ms. The app calls it in the chart worker (`renderBoardChart` in chart-renderer.ts).
 */
export async function drawBoardChart(data: BoardChartData, lang: Language): Promise<Buffer> {
  prepare();
  const canvas = createCanvas(CHART_WIDTH * CHART_SCALE, CHART_HEIGHT * CHART_SCALE);
  // zrender draws on anything with a 2D context; ECharts' types only name the browser's element.
  const chart = init(canvas as unknown as Parameters<typeof init>[0], null, {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    devicePixelRatio: CHART_SCALE,
  });
  try {
    chart.setOption(boardChartOptions(data, lang));
    return await canvas.encode('png');
  } finally {
    chart.dispose();
  }
}
