import { Piscina } from 'piscina';
import { workerModule } from '../platform/threads.js';

/** Keeps the worker (and the fonts and modules it loaded) for the next chart or report, then frees its memory. */
const IDLE_MS = 60_000;

/** The worker modules (each loaded on its first task in the worker), by what they make. */
const MODULES = { chart: 'chart-worker', report: 'report/report-worker' } as const;
type RenderTaskName = keyof typeof MODULES;

export interface RenderPool {
  run(name: RenderTaskName, task: unknown, timeoutMs: number): Promise<Uint8Array>;
  /** Stops the worker (tasks still running are rejected); a later task starts a new one. */
  close(): Promise<void>;
}

/**
 * One worker thread for charts (chart-worker.ts) and progress reports (report/report-worker.ts), started on
 * the first task; tasks asked for meanwhile queue. A worker that only draws charts never loads docx or
 * pdfkit, and the other way round. One thread rather than one per kind: each worker thread is a V8 isolate of its own with its own
 * copy of the modules both use, and on the issue-24 bench a second worker cost ~100 MB of resident memory
 * while a report (a second or two) makes a chart wait at most that long. Its heap is bounded: a runaway
 * document fails that one task, not the app. A young generation of 4 MB (V8's default is 16) only lets
 * short-lived garbage pile up less: ECharts' objects for one chart, a document's runs and cells.
 */
export function createRenderPool(): RenderPool {
  let pool: Piscina<unknown, Uint8Array> | null = null;
  const start = () => {
    const p = new Piscina<unknown, Uint8Array>({
      ...workerModule(import.meta.url, MODULES.chart),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 },
    });
    // A worker failing between tasks: piscina drops it and starts a fresh one for the next task; failures
    // during a task reject that task (callers log them). Unhandled, the event would crash the process.
    p.on('error', () => {});
    return p;
  };
  return {
    run(name, task, timeoutMs) {
      pool ??= start();
      // Piscina loads a task's module in the worker on its first task: one thread, each stack loaded once.
      const { filename } = workerModule(import.meta.url, MODULES[name]);
      return pool.run(task, { filename, signal: AbortSignal.timeout(timeoutMs) });
    },
    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

/** The process's render worker, shared by the chart and report renderers. */
export const sharedRenderPool = createRenderPool();
