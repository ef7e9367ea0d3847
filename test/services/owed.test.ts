import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  approveCloseout,
  reopenProblem,
  requestCloseout,
  returnCloseout,
  type DecidedCloseout,
  type RequestedCloseout,
} from '../../src/services/closeout.js';
import type { DeliveryPlan, Owed } from '../../src/services/deliveries.js';
import { transact, type ServiceDeps } from '../../src/services/deps.js';
import { reassignProblem } from '../../src/services/problem-changes.js';
import { createProblem } from '../../src/services/problems.js';
import { createTestDb, testDbKind, type TestDb } from '../support/db.js';
import { LEADER, makeDeps, OTHER, OWNER, seedBoard, TEAM } from '../support/fixtures.js';

/**
 * The transactional outbox: a change and the follow-ups it owes (services/deliveries.ts `Owed`) are
 * committed together or not at all. A row the database refuses inside the change's transaction undoes the
 * change; a change that commits has its rows pending, nothing sent yet.
 */
let t: TestDb;
let deps: ServiceDeps;

beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', {
    title: 'Queue times',
    ownerId: OWNER.userId,
    measures: ['Hire', 'Train'],
  });
});
afterEach(() => t.close());

function row(dedupeKey: string, recipient: string, boardId: number): DeliveryPlan {
  return { teamId: TEAM, dedupeKey, job: 'follow-up', boardId, recipient, payload: '{"kind":"test"}', problemKeys: [] };
}

/** A row whose recipient is missing: the database refuses it (NOT NULL) after the change's own writes. */
const refused =
  (dedupeKey: string): Owed<unknown> =>
  (_change, board) => [
    row(dedupeKey, 'ULEADER', board.id),
    { ...row(`${dedupeKey}:bad`, 'x', board.id), recipient: null as unknown as string },
  ];

const deliveries = () =>
  t.db.delivery.findMany({ orderBy: { id: 'asc' }, select: { dedupeKey: true, recipient: true, state: true } });
const problemRow = (key = 'RECT-1') => t.db.problem.findFirstOrThrow({ where: { key } });

describe('requestCloseout with owed copies', () => {
  it('saves the request and each decider’s copy together, keyed by the new request’s id, none sent', async () => {
    const owed = vi.fn<Owed<RequestedCloseout>>((c, board) =>
      c.leaderIds.map((leader) => row(`closeout-request:${c.request.id}:${leader}`, leader, board.id)),
    );
    const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'All done' }, owed);

    expect(owed).toHaveBeenCalledOnce();
    const [change, board] = owed.mock.calls[0]!;
    expect(change).toMatchObject({
      request: { id: request.id, requestedBy: OWNER.userId, evidence: 'All done' },
      problem: { key: 'RECT-1', ownerId: OWNER.userId, status: 'closeout_requested' },
      leaderIds: [LEADER.userId],
      measures: [{ status: 'todo' }, { status: 'todo' }],
    });
    expect(board).toMatchObject({ code: 'RECT', timezone: 'Asia/Shanghai', language: 'en' });
    expect(await deliveries()).toEqual([
      { dedupeKey: `closeout-request:${request.id}:${LEADER.userId}`, recipient: LEADER.userId, state: 'pending' },
    ]);
  });

  it('saves no request when its copies cannot be recorded: the problem stays as it was, nothing is owed', async () => {
    await expect(
      requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'All done' }, refused('closeout-request:x')),
    ).rejects.toThrow();

    expect(await t.db.closeoutRequest.count()).toBe(0);
    expect((await problemRow()).status).toBe('open');
    expect(await t.db.auditEvent.count({ where: { action: 'closeout.request' } })).toBe(0);
    expect(await deliveries()).toEqual([]);
    // Nothing half-done blocks asking again.
    await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'All done' });
    expect((await problemRow()).status).toBe('closeout_requested');
  });
});

describe('concurrent changes with owed rows', () => {
  it('all commit, each with its own rows (races on the ledger are run again, not reported)', async () => {
    for (let i = 2; i <= 9; i++) await createProblem(deps, LEADER, 'RECT', { title: `P${i}`, ownerId: OWNER.userId });
    const keys = Array.from({ length: 9 }, (_, i) => `RECT-${i + 1}`);
    const copies: Owed<RequestedCloseout> = (c, board) => [
      row(`closeout-request:${c.request.id}:x`, 'ULEADER', board.id),
    ];
    await Promise.all(keys.map((key) => requestCloseout(deps, OWNER, key, { evidence: 'Done' }, copies)));
    expect(await t.db.closeoutRequest.count()).toBe(9);
    expect(await t.db.delivery.count()).toBe(9);
  });
});

describe('decisions with the owner’s owed message', () => {
  const toOwner: Owed<DecidedCloseout> = (c, board) => [
    row(`follow-up:decision:${c.request.id}:${c.problem.ownerId}`, c.problem.ownerId, board.id),
  ];

  it('records the owner’s message with an approval, and only for the decision that won', async () => {
    const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'All done' });
    const owed = vi.fn(toOwner);
    await approveCloseout(deps, LEADER, request.id, owed);

    expect(owed.mock.calls[0]![0]).toEqual({
      request: {
        id: request.id,
        state: 'approved',
        decidedBy: LEADER.userId,
        decidedFor: null,
        reason: null,
        outcome: 'rectified',
      },
      problem: expect.objectContaining({ key: 'RECT-1', title: 'Queue times', ownerId: OWNER.userId }),
    });
    expect(await deliveries()).toEqual([
      { dedupeKey: `follow-up:decision:${request.id}:${OWNER.userId}`, recipient: OWNER.userId, state: 'pending' },
    ]);

    // A late Return is refused before anything is owed.
    const late = vi.fn(toOwner);
    await expect(returnCloseout(deps, LEADER, request.id, 'Not yet', late)).rejects.toThrow();
    expect(late).not.toHaveBeenCalled();
    expect(await t.db.delivery.count()).toBe(1);
  });

  it('keeps the request pending when the owner’s message cannot be recorded (approve and return)', async () => {
    const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'All done' });
    await expect(approveCloseout(deps, LEADER, request.id, refused('decision:a'))).rejects.toThrow();
    await expect(returnCloseout(deps, LEADER, request.id, 'Not yet', refused('decision:r'))).rejects.toThrow();

    expect(await t.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'pending',
      decidedBy: null,
    });
    expect((await problemRow()).status).toBe('closeout_requested');
    expect(await deliveries()).toEqual([]);
  });
});

describe('problem changes with owed messages', () => {
  it('creates no problem when the owner’s message cannot be recorded; records it with one that is created', async () => {
    await expect(
      createProblem(deps, LEADER, 'RECT', { title: 'Lost', ownerId: OTHER.userId }, refused('assigned:x')),
    ).rejects.toThrow();
    expect(await t.db.problem.count({ where: { title: 'Lost' } })).toBe(0);
    expect(await deliveries()).toEqual([]);

    const created = await createProblem(deps, LEADER, 'RECT', { title: 'Kept', ownerId: OTHER.userId }, (p, b) => [
      row(`follow-up:assigned:${p.key}:${p.ownerId}`, p.ownerId, b.id),
    ]);
    expect(await deliveries()).toEqual([
      { dedupeKey: `follow-up:assigned:${created.key}:${OTHER.userId}`, recipient: OTHER.userId, state: 'pending' },
    ]);
  });

  it('keeps the owner when the owners’ messages cannot be recorded; records them with a reassignment', async () => {
    await expect(
      reassignProblem(deps, LEADER, 'RECT-1', OTHER.userId, 'cover', refused('reassigned:x')),
    ).rejects.toThrow();
    expect(await problemRow()).toMatchObject({ ownerId: OWNER.userId, version: 1 });
    expect(await deliveries()).toEqual([]);

    // Giving it to its own owner changes nothing and owes nothing.
    const unchanged = vi.fn(refused('same'));
    await reassignProblem(deps, LEADER, 'RECT-1', OWNER.userId, '', unchanged);
    expect(unchanged).not.toHaveBeenCalled();

    await reassignProblem(deps, LEADER, 'RECT-1', OTHER.userId, 'cover', ({ before, after }, b) => [
      row(`reassigned-to:v${after.version}`, after.ownerId, b.id),
      row(`reassigned-from:v${after.version}`, before.ownerId, b.id),
    ]);
    expect(await problemRow()).toMatchObject({ ownerId: OTHER.userId, version: 2 });
    expect(await deliveries()).toEqual([
      { dedupeKey: 'reassigned-to:v2', recipient: OTHER.userId, state: 'pending' },
      { dedupeKey: 'reassigned-from:v2', recipient: OWNER.userId, state: 'pending' },
    ]);
  });

  it('leaves a problem closed when the owner’s message cannot be recorded; records it with a reopening', async () => {
    const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'All done' });
    await approveCloseout(deps, LEADER, request.id);

    await expect(reopenProblem(deps, LEADER, 'RECT-1', 'Came back', refused('reopened:x'))).rejects.toThrow();
    expect((await problemRow()).status).toBe('closed');
    expect(await deliveries()).toEqual([]);

    await reopenProblem(deps, LEADER, 'RECT-1', 'Came back', (p, b) => [
      row(`reopened:v${p.version}`, p.ownerId, b.id),
    ]);
    expect((await problemRow()).status).toBe('in_progress');
    expect(await deliveries()).toEqual([{ dedupeKey: 'reopened:v2', recipient: OWNER.userId, state: 'pending' }]);
  });
});

describe('transact around owed rows', () => {
  // The owed rows go in with a raw INSERT … ON CONFLICT; on PostgreSQL (SERIALIZABLE) a conflict there comes
  // as P2010 "raw query failed", not P2034, and must be run again like any lost write race.
  it.runIf(testDbKind() === 'postgres')(
    'runs the change again when a raw statement in it lost a serialization race',
    async () => {
      let calls = 0;
      const value = await transact(t.db, async (tx) => {
        calls++;
        if (calls === 1) await tx.$executeRaw`DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001'; END $$`;
        return 'done';
      });
      expect({ value, calls }).toEqual({ value: 'done', calls: 2 });
    },
  );
});
