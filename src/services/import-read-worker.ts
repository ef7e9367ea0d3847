import { lowerThreadPriority } from '../platform/threads.js';
import { readRows, type ReadOptions, type ReadResult } from './import-read.js';

// Parsing a large file is CPU for a while: the main thread's acks come first.
lowerThreadPriority();

export interface ReadTask {
  input: Uint8Array | string;
  opts: ReadOptions;
}

/** The import reader's task (piscina calls the default export): decoding and parsing, off the main thread. */
export default function readRowsTask({ input, opts }: ReadTask): Promise<ReadResult> {
  return readRows(input, opts);
}
