import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { openDatabase } from '../../src/db/database.js';
import { claim, dueDeliveries, markFailed, markSent, plan, type DeliveryPlan } from '../../src/services/deliveries.js';
import { createTestDb, testDbReady, type TestDb } from '../support/db.js';

const NOW = new Date('2026-11-16T01:00:00Z');
const STALE = 5 * 60_000;
const row = (key: string, payload = '{"kind":"prompt"}'): DeliveryPlan => ({
  teamId: 'T0TEST',
  dedupeKey: key,
  job: 'cycle-prompts',
  boardId: null,
  recipient: 'UOWNER',
  payload,
  problemKeys: ['RECT-1'],
});

let t: TestDb;
let other: Db;
beforeEach(async () => {
  t = createTestDb();
  await testDbReady(t.url);
  // A second client on the same database: another process, as far as the database is concerned.
  other = await openDatabase(t.url);
});
afterEach(async () => {
  await other.$disconnect();
  await t.close();
});

describe('the delivery ledger', () => {
  it('records each dedupe key once, keeping what was planned first', async () => {
    expect(await plan(t.db, [row('a'), row('b')], NOW)).toBe(2);
    expect(await plan(other, [row('a', '{"kind":"nudge"}'), row('c')], NOW)).toBe(1);
    const rows = await t.db.delivery.findMany({ orderBy: { dedupeKey: 'asc' } });
    expect(rows.map((r) => [r.dedupeKey, r.state, r.attempts, r.payload])).toEqual([
      ['a', 'pending', 0, '{"kind":"prompt"}'],
      ['b', 'pending', 0, '{"kind":"prompt"}'],
      ['c', 'pending', 0, '{"kind":"prompt"}'],
    ]);
    expect(JSON.parse(rows[0]!.problemKeys!)).toEqual(['RECT-1']);
  });

  it('plans hundreds of rows in one go, with concurrent planners', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => row(`k${i}`));
    const counts = await Promise.all([plan(t.db, rows, NOW), plan(other, rows, NOW)]);
    expect(counts[0]! + counts[1]!).toBe(450);
    expect(await t.db.delivery.count()).toBe(450);
  });

  it('lets exactly one of two processes claim a delivery', async () => {
    await plan(
      t.db,
      Array.from({ length: 30 }, (_, i) => row(`k${i}`)),
      NOW,
    );
    const wins = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        Promise.all([claim(t.db, `k${i}`, 'one', NOW, STALE), claim(other, `k${i}`, 'two', NOW, STALE)]),
      ),
    );
    for (const [a, b] of wins) expect([a, b].filter(Boolean)).toHaveLength(1);
    const rows = await t.db.delivery.findMany();
    expect(rows.every((r) => r.state === 'sending' && r.attempts === 1 && ['one', 'two'].includes(r.claimedBy!))).toBe(
      true,
    );
  });

  it('takes over a stale claim, never a fresh one, a sent one or a failed one', async () => {
    await plan(t.db, [row('fresh'), row('stale'), row('sent'), row('failed')], NOW);
    for (const key of ['fresh', 'stale', 'sent', 'failed']) await claim(t.db, key, 'dead', NOW, STALE);
    await markSent(t.db, 'sent', { channelId: 'DOWNER', ts: '1.1' }, NOW);
    await markFailed(t.db, 'failed', 'dead', 'permanent', 'user_not_found');
    await t.db.delivery.update({
      where: { dedupeKey: 'stale' },
      data: { claimedAt: new Date(NOW.getTime() - STALE - 1) },
    });

    const later = new Date(NOW.getTime() + 1_000);
    expect(
      (await dueDeliveries(t.db, { jobs: ['cycle-prompts'], now: later, staleAfterMs: STALE })).map((r) => r.dedupeKey),
    ).toEqual(['stale']);
    expect(await claim(other, 'fresh', 'alive', later, STALE)).toBeNull();
    expect(await claim(other, 'sent', 'alive', new Date(NOW.getTime() + 3_600_000), STALE)).toBeNull();
    expect(await claim(other, 'failed', 'alive', new Date(NOW.getTime() + 3_600_000), STALE)).toBeNull();
    expect(await claim(other, 'stale', 'alive', later, STALE)).toMatchObject({
      claimedBy: 'alive',
      attempts: 2,
      state: 'sending',
    });
  });

  it('puts retryable failures back to pending, fails permanent ones, and ignores a holder that lost its claim', async () => {
    await plan(t.db, [row('r'), row('p'), row('lost')], NOW);
    for (const key of ['r', 'p', 'lost']) await claim(t.db, key, 'me', NOW, STALE);
    await markFailed(t.db, 'r', 'me', 'retryable', 'internal_error');
    await markFailed(t.db, 'p', 'me', 'permanent', 'channel_not_found');
    await markFailed(t.db, 'lost', 'someone-else', 'permanent', 'nope');
    const rows = Object.fromEntries((await t.db.delivery.findMany()).map((r) => [r.dedupeKey, r]));
    expect(rows.r).toMatchObject({ state: 'pending', lastError: 'internal_error', claimedBy: null });
    expect(rows.p).toMatchObject({ state: 'failed', lastError: 'channel_not_found' });
    expect(rows.lost).toMatchObject({ state: 'sending', claimedBy: 'me', lastError: null });
  });
});
