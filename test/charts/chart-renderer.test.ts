import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardChartData } from '../../src/charts/board-chart-layout.js';
import { createChartRenderer, type ChartRenderer } from '../../src/charts/chart-renderer.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A full chart: twelve bars and a year of weekly burn-down points. */
const data = (): BoardChartData => ({
  name: '整改问题清单',
  code: 'RECT',
  today: '2026-11-25',
  by: 'unit',
  total: 240,
  completion: 41,
  overdue: 17,
  rows: Array.from({ length: 14 }, (_, i) => ({
    label: `责任单位 ${i + 1}`,
    byStatus: { open: i, in_progress: 4, closeout_requested: 2, closed: 9 },
    overdue: i % 3,
  })),
  burndown: {
    today: '2026-11-25',
    deadline: '2027-03-31',
    points: Array.from({ length: 48 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 5 + i * 7)).toISOString().slice(0, 10),
      open: 240 - i * 3,
      total: 240,
    })),
  },
});

/** Runs `work` while a setTimeout(0) chain measures the longest stretch the event loop could not run it. */
async function maxLoopGap<T>(work: () => Promise<T>): Promise<{ result: T; workMs: number; maxGapMs: number }> {
  let maxGapMs = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const started = performance.now();
  try {
    const result = await work();
    return { result, workMs: performance.now() - started, maxGapMs };
  } finally {
    running = false;
  }
}

let renderer: ChartRenderer | null = null;
afterEach(async () => {
  await renderer?.close();
  renderer = null;
});

describe('createChartRenderer', () => {
  it('draws in a worker thread: the event loop keeps turning while a chart renders', async () => {
    renderer = createChartRenderer();
    const r = renderer;
    // The first chart starts the worker and loads ECharts and the font there (the longest block in-thread);
    // the second is a warm drawing. Drawn in this thread, the loop would stand still for the whole drawing
    // (the gap would equal the work); in a worker it keeps turning. Compared with the work itself rather than
    // a fixed number of milliseconds, so a loaded machine (which slows both alike) does not fail it.
    const cold = await maxLoopGap(() => r.render(data(), 'zh-CN'));
    expect(cold.result.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(cold.workMs).toBeGreaterThan(100);
    expect(cold.maxGapMs).toBeLessThan(cold.workMs / 4);
    const warm = await maxLoopGap(() => r.render(data(), 'en'));
    expect(Buffer.isBuffer(warm.result)).toBe(true);
    expect(warm.result.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(warm.maxGapMs).toBeLessThan(Math.max(warm.workMs / 2, 50));
  });

  it('rejects a chart the worker fails to draw, then draws the next one', async () => {
    renderer = createChartRenderer();
    const broken = { ...data(), rows: null } as unknown as BoardChartData;
    await expect(renderer.render(broken, 'en')).rejects.toThrow(TypeError);
    expect((await renderer.render(data(), 'en')).subarray(0, 8)).toEqual(PNG_MAGIC);
  });

  it('queues charts asked for at once and draws each', async () => {
    renderer = createChartRenderer();
    const [en, zh] = await Promise.all([renderer.render(data(), 'en'), renderer.render(data(), 'zh-CN')]);
    expect(en!.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(zh!.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(en!.equals(zh!)).toBe(false);
  });

  it('starts a new worker for a chart asked for after close', async () => {
    renderer = createChartRenderer();
    await renderer.render(data(), 'en');
    await renderer.close();
    expect((await renderer.render(data(), 'en')).subarray(0, 8)).toEqual(PNG_MAGIC);
  });

  it('does not keep a process alive once its charts are drawn, even without close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-chart-'));
    try {
      const script = path.join(dir, 'render.mts');
      const module = path.resolve('src/charts/chart-renderer.ts');
      fs.writeFileSync(
        script,
        `import { renderBoardChart } from ${JSON.stringify(module)};\n` +
          `const png = await renderBoardChart(${JSON.stringify(data())}, 'en');\n` +
          `process.stdout.write(String(png.length));\n`,
      );
      const started = Date.now();
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { timeout: 15_000 });
      expect(Number(stdout)).toBeGreaterThan(20_000);
      // The idle worker lingers for a minute before it is retired; it must not hold the process that long.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
