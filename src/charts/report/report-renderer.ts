import { createRenderPool, sharedRenderPool, type RenderPool } from '../render-pool.js';
import type { ReportTask } from './report-worker.js';

/** A report takes a second or two at most; beyond this the worker is presumed stuck and is replaced. */
const BUILD_TIMEOUT_MS = 60_000;

interface ReportRenderer {
  /** The document's bytes, built on a worker thread: the event loop (and the acks) stay free meanwhile. */
  build(task: ReportTask): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Progress reports built on the render worker (render-pool.ts, shared with the charts), started on the
 * first report; reports asked for meanwhile queue. Without a pool, the renderer has a worker of its own.
 */
export function createReportRenderer(pool: RenderPool = createRenderPool()): ReportRenderer {
  return {
    async build(task) {
      const bytes = await pool.run('report', task, BUILD_TIMEOUT_MS);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    close: () => pool.close(),
  };
}

const shared = createReportRenderer(sharedRenderPool);

/** The progress report's file, built off the main thread (see report-content.ts for what it says). */
export function buildReportFile(task: ReportTask): Promise<Buffer> {
  return shared.build(task);
}

/** Stops the shared render worker (charts and reports): on app shutdown. */
export function closeReportRenderer(): Promise<void> {
  return shared.close();
}
