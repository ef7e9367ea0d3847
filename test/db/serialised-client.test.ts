import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';

let t: TestDb;
beforeAll(() => {
  t = createTestDb();
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

describe('the Prisma client over one SQLite connection', () => {
  it('keeps a plain write made while another transaction is open, even when that transaction rolls back', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const failing = t.db
      .$transaction(async (tx) => {
        await tx.board.create({ data: board('ROLLED') });
        inside();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error('refused');
      })
      .catch((e: Error) => e.message);
    await entered;
    await t.db.board.create({ data: board('KEPT') });
    expect(await failing).toBe('refused');
    const codes = (await t.db.board.findMany({ select: { code: true } })).map((b) => b.code);
    expect(codes).toEqual(['KEPT']);
  });

  it('does not let a plain read see rows of a transaction that is then rolled back', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const failing = t.db
      .$transaction(async (tx) => {
        await tx.board.create({ data: board('GHOST') });
        inside();
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('refused');
      })
      .catch(() => undefined);
    await entered;
    const seen = await t.db.board.findUnique({ where: { teamId_code: { teamId: 'T1', code: 'GHOST' } } });
    await failing;
    expect(seen).toBeNull();
  });

  it('lets the event loop turn between one query and the next, so requests arriving meanwhile are answered', async () => {
    // better-sqlite3 answers synchronously: without a turn of the loop before each query, a chain of them
    // runs as one block and an incoming request (an ack) waits for the whole chain.
    let turned = -1;
    let done = 0;
    setImmediate(() => (turned = done));
    for (let i = 0; i < 20; i++) {
      await t.db.board.findMany({ where: { code: 'NONE' }, select: { id: true } });
      done += 1;
    }
    expect(turned).toBeGreaterThanOrEqual(0);
    expect(turned).toBeLessThan(2);
  });
});
