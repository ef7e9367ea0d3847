import { Piscina } from 'piscina';
import { workerModule } from '../platform/threads.js';
import type { ReadOptions, ReadResult } from './import-read.js';
import type { ReadTask } from './import-read-worker.js';

/**
 * Every file is read on a worker thread, whatever its size: reading is pure CPU (a 1.5 MB CSV takes ~0.5 s,
 * a 10,000-row workbook over a second) and a crafted file can ask for far more, so neither the bot's
 * acks nor its memory are ever at a file's mercy. The worker has its own heap limit and a time limit: a
 * file that exceeds either ends that worker, not the process, and is refused as too large or malformed.
 */
interface ReaderLimits {
  /** Longest one file may take to read. */
  timeoutMs: number;
  /** The worker's V8 old-generation heap, in MB (xlsx-limits.ts lets through what fits in it). */
  maxHeapMb: number;
}

const READER_LIMITS: ReaderLimits = { timeoutMs: 60_000, maxHeapMb: 1024 };

/** One worker, kept a little for the next file of a session, then freed (piscina unrefs it when idle). */
const IDLE_MS = 30_000;

interface ImportReader {
  /** The file's rows; a worker that died or ran out of time gives `refused: unreadable`, never a throw. */
  read(input: Uint8Array | string, opts?: ReadOptions): Promise<ReadResult>;
  close(): Promise<void>;
}

export function createImportReader(limits: ReaderLimits = READER_LIMITS): ImportReader {
  let pool: Piscina<ReadTask, ReadResult> | null = null;
  const workers = () => {
    if (!pool) {
      pool = new Piscina<ReadTask, ReadResult>({
        ...workerModule(import.meta.url, 'import-read-worker'),
        minThreads: 0,
        maxThreads: 1,
        idleTimeout: IDLE_MS,
        resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
      });
      // A worker that died is replaced for the next task; unhandled, the event would end the process.
      pool.on('error', () => {});
    }
    return pool;
  };
  let closed = false;
  const readOne = async (input: Uint8Array | string, opts: ReadOptions): Promise<ReadResult> => {
    try {
      // A file still waiting when the reader closed (a stop) starts no new worker.
      if (closed) throw new Error('the import reader is closed');
      // An aborted task's worker is terminated by piscina, whatever it was doing.
      return await workers().run({ input, opts }, { signal: AbortSignal.timeout(limits.timeoutMs) });
    } catch {
      const format = typeof input !== 'string' && input[0] === 0x50 && input[1] === 0x4b ? 'xlsx' : 'csv';
      return { format, refused: { kind: 'unreadable' } };
    }
  };
  // Files wait their turn here, not in piscina's queue: the time limit starts when a file's reading does.
  // Counted from the call, a small file dropped behind someone's slow ones was refused as unreadable.
  let turn: Promise<unknown> = Promise.resolve();
  return {
    read(input, opts = {}) {
      const result = turn.then(() => readOne(input, opts));
      turn = result;
      return result;
    },
    async close() {
      closed = true;
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

let shared: ImportReader | null = null;

/** `readRows` on the shared reader's worker thread. */
export function readRowsOffThread(input: Uint8Array | string, opts: ReadOptions = {}): Promise<ReadResult> {
  shared ??= createImportReader();
  return shared.read(input, opts);
}

/** Stops the shared reader's worker (tests, shutdown); a later file starts a new one. */
export async function closeImportReader(): Promise<void> {
  const r = shared;
  shared = null;
  await r?.close();
}
