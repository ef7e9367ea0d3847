import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHART_HEIGHT,
  CHART_MAX_ROWS,
  CHART_SCALE,
  CHART_WIDTH,
  type BoardChartData,
  type ChartRow,
} from '../../src/charts/board-chart-layout.js';
import { boardChartOptions } from '../../src/charts/board-chart-options.js';
import { closeChartRenderer, renderBoardChart } from '../../src/charts/chart-renderer.js';
import { ensureGlyphs } from '../../src/charts/fonts.js';
import type { Language } from '../../src/domain/types.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const row = (label: string | null, closed: number, inProgress: number, open = 0, overdue = 0): ChartRow => ({
  label,
  byStatus: { open, in_progress: inProgress, closeout_requested: 0, closed },
  overdue,
});

function data(over: Partial<BoardChartData> = {}): BoardChartData {
  return {
    name: 'Ops findings',
    code: 'OPS',
    today: '2026-11-25',
    by: 'category',
    total: 17,
    completion: 52,
    overdue: 2,
    rows: [row('Livelihood services', 6, 2, 0, 1), row('Business environment', 3, 2, 1, 1), row(null, 0, 0, 2)],
    burndown: {
      today: '2026-11-25',
      deadline: '2027-03-31',
      points: [
        { date: '2026-11-01', open: 15, total: 15 },
        { date: '2026-11-15', open: 11, total: 17 },
        { date: '2026-11-25', open: 8, total: 17 },
      ],
    },
    ...over,
  };
}

/** Width and height from the IHDR chunk, which always follows the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Share of pixels in a region that are not (near) white: something was drawn there. */
async function inked(png: Buffer, x: number, y: number, w: number, h: number): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const pixels = ctx.getImageData(x, y, w, h).data;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 600) dark += 1;
  return dark / (w * h);
}

describe('renderBoardChart', () => {
  afterAll(closeChartRenderer);

  it.each<Language>(['en', 'zh-CN'])('draws a valid, slide-sized PNG in %s', async (lang) => {
    const png = await renderBoardChart(data(), lang);
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH * CHART_SCALE, height: Math.floor(CHART_HEIGHT * CHART_SCALE) });
    expect(png.length).toBeGreaterThan(20_000);
    expect(png.length).toBeLessThan(2_000_000);
    const decoded = await loadImage(png);
    expect([decoded.width, decoded.height]).toEqual([1800, 1012]);
    // The title (top left) and both panels have ink; the bottom-right corner margin stays blank.
    const at = (v: number) => Math.round(v * CHART_SCALE); // logical to pixel coordinates
    expect(await inked(png, at(30), at(20), at(250), at(30))).toBeGreaterThan(0.02);
    expect(await inked(png, at(200), at(250), at(300), at(150))).toBeGreaterThan(0.05);
    expect(await inked(png, at(700), at(250), at(400), at(300))).toBeGreaterThan(0.005);
    expect(await inked(png, at(1165), at(645), at(30), at(25))).toBe(0);
  });

  it('draws Chinese glyphs from the shipped font, not empty boxes', async () => {
    // Only the files holding the characters drawn are loaded (the font ships in ~100 Unicode-range files).
    const files = ensureGlyphs('Ops 民生服务 营商环境 0123');
    expect(files).toBeGreaterThanOrEqual(2); // Latin and at least one CJK range
    expect(files).toBeLessThan(15);
    expect(ensureGlyphs('Ops 民生服务')).toBe(files); // nothing new
    // Missing glyphs would all be the same box: two different names would give the same picture.
    const a = await renderBoardChart(data({ name: '民生服务' }), 'zh-CN');
    const b = await renderBoardChart(data({ name: '营商环境' }), 'zh-CN');
    expect(a.equals(b)).toBe(false);
  });

  it('copes with a board without history, deadline or rows', async () => {
    const png = await renderBoardChart(
      data({ rows: [], burndown: { today: '2026-11-25', deadline: null, points: [] } }),
      'en',
    );
    expect(pngSize(png)).toEqual({ width: 1800, height: 1012 });
  });
});

describe('boardChartOptions', () => {
  const texts = (o: ReturnType<typeof boardChartOptions>) => JSON.stringify(o);

  it('titles, legends and labels in the reader’s language', () => {
    const en = texts(boardChartOptions(data(), 'en'));
    expect(en).toContain('"Ops findings (OPS)"');
    expect(en).toContain('As of Nov 25 · 17 problems · 52% closed · 2 overdue');
    expect(en).toContain('"Status by category"');
    expect(en).toContain('against the list deadline, Mar 31, 2027');
    expect(en).toContain('"No category"');
    const zh = texts(boardChartOptions(data({ by: 'unit' }), 'zh-CN'));
    expect(zh).toContain('截至 11月25日 · 共 17 个问题 · 已销号 52% · 逾期 2 个');
    expect(zh).toContain('"各责任单位整改状态"');
    expect(zh).toContain('"未填责任单位"');
    expect(zh).toContain('"已销号","申请销号","整改中","未开始"');
    expect(zh).toContain('对照清单完成时限 2027年3月31日');
  });

  it('names the outcomes beside "closed" in the legend and the bars alike, when some closed long-term', () => {
    const o = boardChartOptions(data({ outcomes: { rectified: 7, longTerm: 2 } }), 'en');
    const legend = (o.legend as { data: string[] }[])[0]!.data;
    expect(legend[0]).toBe('Closed (7 rectified · 2 long-term)');
    expect((o.series as { name?: string }[]).map((x) => x.name)).toContain('Closed (7 rectified · 2 long-term)');
    const zh = texts(boardChartOptions(data({ outcomes: { rectified: 7, longTerm: 2 } }), 'zh-CN'));
    expect(zh).toContain('已销号（已整改 7 · 持续整改 2）');
    // Nothing long-term: the plain status name.
    expect(
      (boardChartOptions(data({ outcomes: { rectified: 9, longTerm: 0 } }), 'en').legend as { data: string[] }[])[0]!
        .data[0],
    ).toBe('Closed');
  });

  it('folds rows beyond the maximum into one "Other" bar with their sums', () => {
    const rows = Array.from({ length: 15 }, (_, i) => row(`Unit ${i + 1}`, 1, 1, 0, i % 2));
    const o = boardChartOptions(data({ rows, by: 'unit' }), 'en');
    const yAxis = Array.isArray(o.yAxis) ? o.yAxis[0] : o.yAxis;
    const labels = (yAxis as { data: string[] }).data;
    expect(labels).toHaveLength(CHART_MAX_ROWS);
    expect(labels.at(-1)).toBe('Other (4)');
    const series = o.series as { name: string; data: unknown[] }[];
    expect(series.find((s) => s.name === 'Closed')?.data.at(-1)).toBe(4);
  });

  it('draws the pace line to zero at the deadline only when there is one', () => {
    const names = (d: BoardChartData) => (boardChartOptions(d, 'en').series as { name: string }[]).map((s) => s.name);
    expect(names(data())).toContain('Pace to the deadline');
    const none = data({ burndown: { ...data().burndown, deadline: null } });
    expect(names(none)).not.toContain('Pace to the deadline');
    expect(texts(boardChartOptions(none, 'en'))).toContain('no list deadline set');
  });
});
