import { afterAll, describe, expect, it } from 'vitest';
import { readRows } from '../../src/services/import-read.js';
import { closeImportReader, createImportReader, readRowsOffThread } from '../../src/services/import-reader.js';

afterAll(() => closeImportReader());

const bigCsv = (length = 12_000) =>
  [
    'title,owner,deadline,measures',
    ...Array.from(
      { length },
      (_, i) => `Problem ${i} with a title long enough,U0IMP${i % 50},2027-03-31,"First ${i}\nSecond ${i}"`,
    ),
  ].join('\n');

/** How often a 1 ms timer fired while `work` ran: zero when the work held the event loop throughout. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; result: T }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    const result = await work();
    return { ticks, result };
  } finally {
    clearInterval(timer);
  }
}

describe('readRowsOffThread', () => {
  it('reads a large file on a worker thread, with the same rows as reading it in place', async () => {
    const bytes = Buffer.from(bigCsv());
    const { ticks, result } = await ticksDuring(() => readRowsOffThread(bytes));
    // The event loop kept running while the file was parsed elsewhere.
    expect(ticks).toBeGreaterThan(0);
    expect(result).toEqual(await readRows(bytes));
    expect('rows' in result && result.rows).toHaveLength(12_000);
  });

  it('gives the same row errors from the worker', async () => {
    const bad = `${bigCsv()}\n"an open quote,U0X,,`;
    const result = await readRowsOffThread(Buffer.from(bad));
    expect(result).toEqual(await readRows(Buffer.from(bad)));
    expect('errors' in result && result.errors[0]?.reasons[0]).toMatch(/quote/i);
  });

  it('reads a small file on the worker too', async () => {
    const small = 'title,owner\nOne,U0OWNER\n';
    expect(await readRowsOffThread(small)).toEqual({
      format: 'csv',
      rows: [{ line: 2, cells: { title: 'One', owner: 'U0OWNER' } }],
    });
  });
});

describe('a file the worker cannot finish', () => {
  it('is refused when the worker runs out of heap, and the next file is read by a new worker', async () => {
    const reader = createImportReader({ timeoutMs: 60_000, maxHeapMb: 16 });
    try {
      const started = performance.now();
      expect(await reader.read(Buffer.from(bigCsv(40_000)))).toEqual({
        format: 'csv',
        refused: { kind: 'unreadable' },
      });
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(await reader.read('title,owner\nOne,U0OWNER\n')).toEqual({
        format: 'csv',
        rows: [{ line: 2, cells: { title: 'One', owner: 'U0OWNER' } }],
      });
    } finally {
      await reader.close();
    }
  });

  it('is refused when it takes longer than the time limit', async () => {
    const reader = createImportReader({ timeoutMs: 1, maxHeapMb: 512 });
    try {
      expect(await reader.read(Buffer.from(bigCsv()))).toEqual({ format: 'csv', refused: { kind: 'unreadable' } });
    } finally {
      await reader.close();
    }
  });
});

describe('files read one after another', () => {
  it('each get the whole time limit from when their own reading starts, not from when they were dropped', async () => {
    const slow = Buffer.from(bigCsv(20_000));
    const small = Buffer.from('title,owner\nSmall,U0SMALL\n');
    const probe = createImportReader();
    await probe.read(small); // a warm worker, as for the files below
    const started = performance.now();
    await probe.read(slow);
    const once = performance.now() - started;
    await probe.close();
    // Three times one slow file's reading: each file fits, five of them in a row do not.
    const reader = createImportReader({ timeoutMs: Math.ceil(once * 3), maxHeapMb: 512 });
    try {
      await reader.read(small);
      const results = await Promise.all([slow, slow, slow, slow, slow, small].map((f) => reader.read(f)));
      expect(results.map((r) => ('rows' in r ? r.rows.length : r))).toEqual([
        20_000, 20_000, 20_000, 20_000, 20_000, 1,
      ]);
    } finally {
      await reader.close();
    }
  }, 60_000);
});
