import os from 'node:os';
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { WORKER_NICE, lowerOtherThreadsPriority, workerModule } from '../../src/config/worker-module.js';

describe.runIf(process.platform === 'linux')('lowerThreadPriority', () => {
  it('lowers the worker thread that calls it, and leaves the main thread as it was', async () => {
    const before = os.getPriority(process.pid);
    // On a worker thread started the way the chart and import workers are.
    const pool = new Piscina<void, { tid: number | null; priority: number | null }>({
      ...workerModule(import.meta.url, 'priority-worker'),
      maxThreads: 1,
    });
    try {
      const reported = await pool.run();
      expect(reported.tid).not.toBeNull();
      expect(reported.tid).not.toBe(process.pid);
      expect(reported.priority).toBe(WORKER_NICE);
      expect(os.getPriority(process.pid)).toBe(before);
    } finally {
      await pool.destroy();
    }
  });
});

describe.runIf(process.platform === 'linux')('lowerOtherThreadsPriority', () => {
  it('lowers every other thread of the process (a worker, V8’s helpers), not the one that calls it', async () => {
    const before = os.getPriority(process.pid);
    const worker = new Worker(
      `const fs = require('node:fs'); const { parentPort } = require('node:worker_threads');
       parentPort.postMessage(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));
       setInterval(() => {}, 1000);`,
      { eval: true },
    );
    try {
      const tid = await new Promise<number>((resolve) => worker.once('message', resolve));
      expect(lowerOtherThreadsPriority()).toBeGreaterThan(1);
      expect(os.getPriority(tid)).toBe(WORKER_NICE);
      expect(os.getPriority(process.pid)).toBe(before);
    } finally {
      await worker.terminate();
    }
  });
});
