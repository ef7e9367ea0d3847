import type { Language } from '../domain/types.js';
import type { BoardChartData } from './board-chart-layout.js';
import { drawBoardChart } from './board-chart.js';
import { lowerThreadPriority } from '../platform/threads.js';

// Drawing (and loading the font) is seconds of CPU: the main thread's acks come first.
lowerThreadPriority();

/** What the main thread sends: plain data (the ECharts option, with its formatter functions, is built here). */
export interface ChartTask {
  data: BoardChartData;
  lang: Language;
}

/** The chart worker's task (piscina calls the default export): the PNG, drawn off the main thread. */
export default function renderChartTask({ data, lang }: ChartTask): Promise<Buffer> {
  return drawBoardChart(data, lang);
}
