import os from 'node:os';
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { WORKER_NICE, workerModule } from '../../src/platform/threads.js';

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
  it('lowers every other thread of the process (a worker, V8’s helpers), not the one that calls it', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.resolve('test/platform/lower-others.ts')], {
      encoding: 'utf8',
    });
    const seen = JSON.parse(out) as { lowered: number; worker: number; main: number; before: number; self: number };
    expect(seen.self).toBeGreaterThan(0);
    expect(seen.lowered).toBeGreaterThan(1);
    expect(seen.worker).toBe(WORKER_NICE);
    expect(seen.main).toBe(seen.before);
  });
});

describe('workerModule', () => {
  it('from source, hands a worker the loader options only: it refuses `npm start`’s V8 options', () => {
    const saved = process.execArgv;
    process.execArgv = ['--max-semi-space-size=1', '--require', '/x/preflight.cjs', '--import=file:///x/loader.mjs'];
    try {
      expect(workerModule('file:///app/src/charts/render-pool.ts', 'chart-worker')).toEqual({
        filename: 'file:///app/src/charts/chart-worker.ts',
        execArgv: ['--require', '/x/preflight.cjs', '--import=file:///x/loader.mjs', '--import', 'tsx'],
      });
    } finally {
      process.execArgv = saved;
    }
    expect(workerModule('file:///app/dist/charts/render-pool.js', 'chart-worker')).toEqual({
      filename: 'file:///app/dist/charts/chart-worker.js',
    });
  });
});
