import { Piscina } from 'piscina';
import { workerModule } from '../platform/threads.js';
import { readRows, type ReadOptions, type ReadResult } from './import-read.js';
import type { ReadTask } from './import-read-worker.js';

/**
 * Reading a file is pure CPU: a 1.5 MB CSV takes ~0.5 s and a 10,000-row workbook over a second, which on
 * the bot's thread would hold every ack meanwhile. Files above this size are read on a worker thread;
 * small ones (a few hundred rows, milliseconds) are not worth a thread's start.
 */
export const IN_THREAD_MAX_BYTES = 64 * 1024;
/** One worker, kept a little for the next file of a session, then freed (piscina unrefs it when idle). */
const IDLE_MS = 30_000;

let pool: Piscina<ReadTask, ReadResult> | null = null;

function workers(): Piscina<ReadTask, ReadResult> {
  if (!pool) {
    pool = new Piscina<ReadTask, ReadResult>({
      ...workerModule(import.meta.url, 'import-read-worker'),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_MS,
    });
    // A worker dying between tasks is replaced for the next one; unhandled, the event would crash the process.
    pool.on('error', () => {});
  }
  return pool;
}

/** `readRows`, on a worker thread when the file is large enough to be felt on the event loop. */
export function readRowsOffThread(input: Uint8Array | string, opts: ReadOptions = {}): Promise<ReadResult> {
  const size = typeof input === 'string' ? input.length * 2 : input.byteLength;
  if (size <= IN_THREAD_MAX_BYTES) return readRows(input, opts);
  return workers().run({ input, opts });
}

/** Stops the reader's worker (tests, shutdown); a later large file starts a new one. */
export async function closeImportReader(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
