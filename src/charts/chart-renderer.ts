import type { Language } from '../domain/types.js';
import type { BoardChartData } from './board-chart-layout.js';
import type { ChartTask } from './chart-worker.js';
import { createRenderPool, sharedRenderPool, type RenderPool } from './render-pool.js';

export interface ChartRenderer {
  /** The board chart as a PNG, drawn in a worker thread: the event loop stays free meanwhile. */
  render(data: BoardChartData, lang: Language): Promise<Buffer>;
  /** Stops the worker (charts still being drawn are rejected); a later render starts a new one. */
  close(): Promise<void>;
}

/** A drawing takes well under a second; beyond this the worker is presumed stuck and is replaced. */
const RENDER_TIMEOUT_MS = 60_000;
/**
 * Chart rendering on a worker thread (render-pool.ts), started on the first chart (nothing runs before).
 * Piscina unrefs an idle worker, so it never keeps a CLI or test process alive; charts asked for meanwhile
 * queue. Without a pool, the renderer has a worker of its own (tests).
 */
export function createChartRenderer(pool: RenderPool = createRenderPool()): ChartRenderer {
  return {
    async render(data, lang) {
      const task: ChartTask = { data, lang };
      const png = await pool.run('chart', task, RENDER_TIMEOUT_MS);
      // Structured cloning hands the worker's Buffer over as a plain Uint8Array: view it as a Buffer again.
      return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    },
    close: () => pool.close(),
  };
}

// One renderer per process (one worker, lazily started): what the Slack flows draw with.
const shared = createChartRenderer(sharedRenderPool);

/** The board chart as a PNG, drawn off the main thread (see board-chart.ts for what it shows). */
export function renderBoardChart(data: BoardChartData, lang: Language): Promise<Buffer> {
  return shared.render(data, lang);
}

/** Stops the shared render worker (charts and reports): on app shutdown. */
export function closeChartRenderer(): Promise<void> {
  return shared.close();
}
