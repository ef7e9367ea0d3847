import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../../src/services/deps.js';
import { createTestDb, type TestDb } from '../support/db.js';

let t: TestDb;
beforeAll(async () => {
  t = createTestDb();
  // Prisma's first write compiles its query plan: not what is measured here.
  await t.db.board.create({ data: board('WARM') });
  await t.db.board.delete({ where: { teamId_code: { teamId: 'T1', code: 'WARM' } } });
  await transact(t.db, (tx) => tx.board.count());
});
afterAll(() => t.close());

const board = (code: string) => ({
  teamId: 'T1',
  code,
  name: code,
  timezone: 'UTC',
  anchorDate: '2026-01-05',
  createdBy: 'U1',
});

/** The longest the event loop went without running a timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

/** Another connection (as a CLI import would be) holds the write lock for `holdMs`, then commits `code`. */
function holdWriteLock(code: string, holdMs: number): Promise<void> {
  const other = new Database(t.file);
  other.exec('BEGIN IMMEDIATE');
  other
    .prepare(
      `INSERT INTO "Board" ("teamId", "code", "name", "timezone", "anchorDate", "createdBy", "updatedAt") VALUES ('T1', ?, ?, 'UTC', '2026-01-05', 'U1', 0)`,
    )
    .run(code, code);
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT');
      other.close();
      resolve();
    }, holdMs),
  );
}

describe('waiting for another connection’s write lock', () => {
  it('does not block the event loop while a plain write and a transaction wait, and both land afterwards', async () => {
    const released = holdWriteLock('HELD', 2_000);
    const { result, stallMs } = await longestStall(async () => {
      const plain = t.db.board.create({ data: board('PLAIN') });
      const inTx = transact(t.db, (tx) => tx.board.create({ data: board('INTX') }));
      // Reads (what /healthz and most of an ack path do) answer while the writers wait.
      const readStarted = performance.now();
      await t.db.$queryRaw`SELECT 1`;
      const readMs = performance.now() - readStarted;
      await Promise.all([plain, inTx, released]);
      return readMs;
    });
    // A synchronous wait would stall for the whole busy timeout (the lock's release is a timer on this very
    // loop, so it could never come): generous bounds, as other processes share the CPU in CI.
    expect(stallMs).toBeLessThan(1_000);
    expect(result).toBeLessThan(1_000);
    const codes = (await t.db.board.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map((b) => b.code);
    expect(codes).toEqual(['HELD', 'INTX', 'PLAIN']);
  });
});
