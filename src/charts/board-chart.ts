import { createCanvas } from '@napi-rs/canvas';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { init, setPlatformAPI, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Language } from '../domain/types.js';
import { boardChartOptions } from './board-chart-options.js';
import { CHART_HEIGHT, CHART_SCALE, CHART_WIDTH, type BoardChartData } from './board-chart-layout.js';
import { ensureChartFont } from './fonts.js';

let prepared = false;

/** ECharts' renderers and components, its text measuring on a Skia canvas, and the font: once per process. */
function prepare(): void {
  if (prepared) return;
  use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, CanvasRenderer]);
  setPlatformAPI({ createCanvas: () => createCanvas(1, 1) });
  ensureChartFont();
  prepared = true;
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
