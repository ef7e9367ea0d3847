import { Piscina } from 'piscina';
import { workerModule } from '../platform/threads.js';
import type { Language } from '../domain/types.js';
import type { BoardChartData } from './board-chart-layout.js';
import type { ChartTask } from './chart-worker.js';

export interface ChartRenderer {
  /** The board chart as a PNG, drawn in a worker thread: the event loop stays free meanwhile. */
  render(data: BoardChartData, lang: Language): Promise<Buffer>;
  /** Stops the worker (charts still being drawn are rejected); a later render starts a new one. */
  close(): Promise<void>;
}

/** A drawing takes well under a second; beyond this the worker is presumed stuck and is replaced. */
const RENDER_TIMEOUT_MS = 60_000;
/** Keeps the worker (and its loaded font) for the next chart of a digest run, then frees its memory. */
const IDLE_MS = 60_000;

/**
 * Chart rendering on one worker thread, started on the first chart (nothing runs before). Piscina unrefs
 * an idle worker, so it never keeps a CLI or test process alive; charts asked for meanwhile queue.
 */
export function createChartRenderer(): ChartRenderer {
  let pool: Piscina<ChartTask, Uint8Array> | null = null;
  const start = () => {
    const p = new Piscina<ChartTask, Uint8Array>({
      ...workerModule(import.meta.url, 'chart-worker'),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_MS,
      // The worker's own JavaScript is small (ECharts' objects for one chart): a young generation of 16 MB,
      // V8's default, only let garbage pile up there (~20 MB of resident memory at its peak).
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 },
    });
    // A worker failing between tasks: piscina drops it and starts a fresh one for the next chart; failures
    // during a task reject that task (callers log them). Unhandled, the event would crash the process.
    p.on('error', () => {});
    return p;
  };
  return {
    async render(data, lang) {
      pool ??= start();
      const png = await pool.run({ data, lang }, { signal: AbortSignal.timeout(RENDER_TIMEOUT_MS) });
      // Structured cloning hands the worker's Buffer over as a plain Uint8Array: view it as a Buffer again.
      return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    },
    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

// One renderer per process (one worker, lazily started): what the Slack flows draw with.
const shared = createChartRenderer();

/** The board chart as a PNG, drawn off the main thread (see board-chart.ts for what it shows). */
export function renderBoardChart(data: BoardChartData, lang: Language): Promise<Buffer> {
  return shared.render(data, lang);
}

/** Stops the shared chart worker: on app shutdown. */
export function closeChartRenderer(): Promise<void> {
  return shared.close();
}
