import { createCanvas, type Canvas } from '@napi-rs/canvas';
// Each part by its own module, not through the barrels (`echarts/charts`, `echarts/components`): an ES module
// import evaluates a whole barrel, every chart type and component (~45 MB more in the chart worker); these
// modules register themselves on import.
import { init, setPlatformAPI, use } from 'echarts/core';
import 'echarts/lib/chart/bar.js';
import 'echarts/lib/chart/line.js';
import 'echarts/lib/component/gridSimple.js';
import 'echarts/lib/component/legendPlain.js';
import 'echarts/lib/component/markLine.js';
import 'echarts/lib/component/title.js';
import { CanvasRenderer } from 'echarts/renderers';
import type { Language } from '../domain/types.js';
import { boardChartOptions } from './board-chart-options.js';
import { CHART_HEIGHT, CHART_SCALE, CHART_WIDTH, type BoardChartData } from './board-chart-layout.js';
import { withGlyphs } from './fonts.js';

let surface: Canvas | null = null;

/** A canvas whose 2D context loads the font's glyphs for each text it measures or draws (fonts.ts). */
function glyphCanvas(width: number, height: number): Canvas {
  const canvas = createCanvas(width, height);
  const context = withGlyphs(canvas.getContext('2d'));
  canvas.getContext = () => context;
  return canvas;
}

/**
 * ECharts' text measuring on a Skia canvas, and the one canvas every chart is drawn on: once per thread.
 * A canvas's pixels (~13 MB) live outside the JavaScript heap, so the collector does not hurry to free a
 * used one; drawing each chart on a fresh canvas grew the worker by that much per chart.
 */
function prepare(): Canvas {
  if (surface) return surface;
  use(CanvasRenderer);
  setPlatformAPI({ createCanvas: () => glyphCanvas(1, 1) });
  surface = glyphCanvas(CHART_WIDTH * CHART_SCALE, CHART_HEIGHT * CHART_SCALE);
  return surface;
}

/**
 * The board chart as a PNG: status by category (or unit, or owner) as stacked bars on the left, open
 * problems round by round against the list deadline on the right. Pure: data in, image out, drawn by
 * ECharts on a Skia canvas with a font shipped in node_modules — in the calling thread, which it keeps
 * busy for 100–700 ms. The app calls it in the chart worker (`renderBoardChart` in chart-renderer.ts).
 */
export async function drawBoardChart(data: BoardChartData, lang: Language): Promise<Buffer> {
  const canvas = prepare();
  // zrender draws on anything with a 2D context; ECharts' types only name the browser's element.
  const chart = init(canvas as unknown as Parameters<typeof init>[0], null, {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    devicePixelRatio: CHART_SCALE,
  });
  try {
    chart.setOption(boardChartOptions(data, lang));
    // Encoded at once, before anything else can draw on the shared canvas.
    return canvas.encodeSync('png');
  } finally {
    chart.dispose();
  }
}
