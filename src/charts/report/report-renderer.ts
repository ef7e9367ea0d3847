import { Piscina } from 'piscina';
import { workerModule } from '../../platform/threads.js';
import type { ReportTask } from './report-worker.js';

/** A report takes a second or two at most; beyond this the worker is presumed stuck and is replaced. */
const BUILD_TIMEOUT_MS = 60_000;
/** Keeps the worker (and the fonts it read) for a next report, then frees its memory. */
const IDLE_MS = 60_000;

export interface ReportRenderer {
  /** The document's bytes, built on a worker thread: the event loop (and the acks) stay free meanwhile. */
  build(task: ReportTask): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Progress reports built on one worker thread, started on the first report; reports asked for meanwhile
 * queue. Its heap is bounded: a runaway document fails that one task, not the app.
 */
export function createReportRenderer(): ReportRenderer {
  let pool: Piscina<ReportTask, Uint8Array> | null = null;
  const start = () => {
    const p = new Piscina<ReportTask, Uint8Array>({
      ...workerModule(import.meta.url, 'report-worker'),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 },
    });
    // A worker failing between tasks is replaced for the next one; unhandled, the event would crash the process.
    p.on('error', () => {});
    return p;
  };
  return {
    async build(task) {
      pool ??= start();
      const bytes = await pool.run(task, { signal: AbortSignal.timeout(BUILD_TIMEOUT_MS) });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

const shared = createReportRenderer();

/** The progress report's file, built off the main thread (see report-content.ts for what it says). */
export function buildReportFile(task: ReportTask): Promise<Buffer> {
  return shared.build(task);
}

/** Stops the shared report worker: on app shutdown. */
export function closeReportRenderer(): Promise<void> {
  return shared.close();
}
