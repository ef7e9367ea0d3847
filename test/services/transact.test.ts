import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/db/generated/client.js';
import { conflict } from '../../src/domain/errors.js';
import { isWriteContention, transact } from '../../src/services/deps.js';
import { createProblem } from '../../src/services/problems.js';
import { LEADER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { expectRefusal, spawnProc, useDb } from '../support/services.js';

const ctx = useDb();

const busy = () =>
  new Prisma.PrismaClientKnownRequestError('Operation has timed out', {
    code: 'P1008',
    clientVersion: 'test',
    meta: { driverAdapterError: { cause: { originalCode: 'SQLITE_BUSY', originalMessage: 'database is locked' } } },
  });

describe('transact', () => {
  it('recognises lost write races and nothing else', () => {
    expect(isWriteContention(busy())).toBe(true);
    expect(
      isWriteContention(new Prisma.PrismaClientKnownRequestError('conflict', { code: 'P2034', clientVersion: 'test' })),
    ).toBe(true);
    expect(
      isWriteContention(new Prisma.PrismaClientKnownRequestError('unique', { code: 'P2002', clientVersion: 'test' })),
    ).toBe(false);
    // A raw statement's serialization failure on PostgreSQL (as the pg adapter reports it).
    const raw = (kind: string, originalCode: string) =>
      new Prisma.PrismaClientKnownRequestError('Raw query failed', {
        code: 'P2010',
        clientVersion: 'test',
        meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode, kind } } },
      });
    expect(isWriteContention(raw('TransactionWriteConflict', '40001'))).toBe(true);
    expect(isWriteContention(raw('NullConstraintViolation', '23502'))).toBe(false);
    // A COMMIT PostgreSQL refused for a serialization failure: the adapter's error, not wrapped by Prisma.
    const adapter = (kind: string) =>
      Object.assign(new Error(kind, { cause: { kind, originalCode: '40001' } }), { name: 'DriverAdapterError' });
    expect(isWriteContention(adapter('TransactionWriteConflict'))).toBe(true);
    expect(isWriteContention(adapter('UniqueConstraintViolation'))).toBe(false);
    expect(isWriteContention(conflict('error.closeout_pending', { key: 'X-1' }))).toBe(false);
    expect(isWriteContention(new Error('database is locked'))).toBe(false);
  });

  it('runs a transaction again after a lost write race, and passes refusals straight through', async () => {
    let calls = 0;
    const value = await transact(ctx.t.db, async () => {
      calls++;
      if (calls < 3) throw busy();
      return 'done';
    });
    expect({ value, calls }).toEqual({ value: 'done', calls: 3 });

    calls = 0;
    await expectRefusal(
      transact(ctx.t.db, async () => {
        calls++;
        throw conflict('error.closeout_pending', { key: 'RECT-1' });
      }),
      'conflict',
      'error.closeout_pending',
    );
    expect(calls).toBe(1);
  });

  it('a change from another process waits out a long write (e.g. an import) instead of failing', async () => {
    await seedBoard(ctx.deps);
    await createProblem(ctx.deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId });
    const proc = spawnProc('report.ts', [ctx.t.url, TEAM, OWNER.userId]);
    await proc.ready;
    const importer = new Database(ctx.t.file);
    importer.prepare('BEGIN IMMEDIATE').run();
    proc.go();
    await sleep(1000); // the child reads, then finds the write lock taken
    const releasedAt = Date.now();
    importer.prepare('COMMIT').run();
    importer.close();
    const out = JSON.parse(await proc.result) as { ok: boolean; status?: string; error?: string; finishedAt: number };
    expect(out).toMatchObject({ ok: true, status: 'in_progress' });
    expect(out.finishedAt).toBeGreaterThanOrEqual(releasedAt);
    expect(await ctx.t.db.update.count()).toBe(1);
  });
});
