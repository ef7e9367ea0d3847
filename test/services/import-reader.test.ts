import { afterAll, describe, expect, it } from 'vitest';
import { readRows } from '../../src/services/import-read.js';
import { closeImportReader, IN_THREAD_MAX_BYTES, readRowsOffThread } from '../../src/services/import-reader.js';

afterAll(() => closeImportReader());

const bigCsv = () =>
  [
    'title,owner,deadline,measures',
    ...Array.from(
      { length: 12_000 },
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
    expect(bytes.byteLength).toBeGreaterThan(IN_THREAD_MAX_BYTES);
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

  it('reads a small file in place', async () => {
    const small = 'title,owner\nOne,U0OWNER\n';
    expect(await readRowsOffThread(small)).toEqual({
      format: 'csv',
      rows: [{ line: 2, cells: { title: 'One', owner: 'U0OWNER' } }],
    });
  });
});
