import { describe, expect, it } from 'vitest';
import { boardChartKey, createChartCache } from '../../src/charts/chart-cache.js';

/** A drawing that resolves when told to, counting how often it was started. */
function controlledDraw(bytes = 10) {
  let calls = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    draw: async () => {
      calls += 1;
      await gate;
      return Buffer.alloc(bytes, calls);
    },
    release: () => release(),
    calls: () => calls,
  };
}

describe('chart cache', () => {
  it('draws once for concurrent requests of one key, and serves later ones from memory', async () => {
    const cache = createChartCache();
    const d = controlledDraw();
    const waiting = Array.from({ length: 20 }, () => cache.get('k', d.draw));
    d.release();
    const pngs = await Promise.all(waiting);
    expect(d.calls()).toBe(1);
    expect(new Set(pngs).size).toBe(1);
    expect(await cache.get('k', d.draw)).toBe(pngs[0]);
    expect(d.calls()).toBe(1);
  });

  it('draws again for another key (data changed, other language or date)', async () => {
    const cache = createChartCache();
    let calls = 0;
    const draw = async () => Buffer.from([++calls]);
    const key = (version: string, lang = 'en') =>
      boardChartKey({ boardId: 1, version, lang, date: '2026-11-25', by: 'unit' });
    await cache.get(key('v1'), draw);
    await cache.get(key('v1'), draw);
    await cache.get(key('v2'), draw);
    await cache.get(key('v2', 'zh-CN'), draw);
    expect(calls).toBe(3);
  });

  it('keeps no failed drawing: the next request draws again', async () => {
    const cache = createChartCache();
    await expect(cache.get('k', () => Promise.reject(new Error('worker died')))).rejects.toThrow('worker died');
    expect(await cache.get('k', async () => Buffer.from('png'))).toEqual(Buffer.from('png'));
  });

  it('stays within its byte bound, dropping the least recently used charts', async () => {
    const cache = createChartCache({ maxBytes: 1_000 });
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, async () => Buffer.alloc(300));
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
    expect(cache.size).toBe(3);
    let drawn = 0;
    await cache.get('k0', async () => (drawn++, Buffer.alloc(300)));
    await cache.get('k9', async () => (drawn++, Buffer.alloc(300)));
    expect(drawn).toBe(1); // k0 was dropped, k9 kept
  });
});
