import os from 'node:os';
import { lowerThreadPriority } from '../../src/platform/threads.js';

// A worker thread that lowers itself on load, as the chart and import workers do.
const tid = lowerThreadPriority();

/** What the thread became (piscina calls the default export). */
export default function report(): { tid: number | null; priority: number | null } {
  return { tid, priority: tid === null ? null : os.getPriority(tid) };
}
