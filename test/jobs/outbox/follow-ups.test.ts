import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFollowUps } from '../../../src/jobs/outbox/follow-ups.js';
import { closeoutRequestMessages, owedOn } from '../../../src/jobs/outbox/notify-messages.js';
import { systemClock } from '../../../src/domain/clock.js';
import { DEFAULT_TUNING, deliveryRow, type JobDeps } from '../../../src/jobs/types.js';
import { createLogger } from '../../../src/logging/logger.js';
import { requestCloseout, type RequestedCloseout } from '../../../src/services/closeout.js';
import { claim, type Owed } from '../../../src/services/deliveries.js';
import { requestCopyKey } from '../../../src/services/request-copies.js';
import { createSlackSender } from '../../../src/slack/sender.js';
import { blockKitProblems } from '../../support/block-kit.js';
import { ADMIN, LEADER, OWNER, seedBoard } from '../../support/fixtures.js';
import { FAST_RETRY, harness, problem, type Harness } from '../../support/jobs.js';

/**
 * Follow-ups saved with the change that owes them (a transactional outbox) are sent by a kick once the
 * change committed, or — when the process died in between — by the scheduler's next run; once either way.
 */
const NOW = '2026-11-10T00:00:00Z';
let h: Harness;

beforeEach(async () => {
  h = await harness(NOW);
  await seedBoard(h.deps, { leaders: [LEADER.userId, ADMIN.userId] });
  await problem(h.deps, OWNER.userId, { title: 'Queue times', measures: ['Hire'] });
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

/** Each decider's copy, as the request's listener owes them. */
const copies: Owed<RequestedCloseout> = (c, board) =>
  closeoutRequestMessages(owedOn(c.problem.teamId, board, h.clock.now()), c.leaderIds, {
    requestId: c.request.id,
    key: c.problem.key,
    title: c.problem.title,
    ownerId: c.problem.ownerId,
    requestedBy: c.request.requestedBy,
    requestedAt: c.request.createdAt.toISOString(),
    evidence: c.request.evidence,
    deadline: c.problem.deadline,
    percent: c.problem.percent,
    measures: { done: 0, total: c.measures.length },
  }).map(deliveryRow);

const copyKeys = (requestId: number) => [LEADER.userId, ADMIN.userId].map((u) => requestCopyKey(requestId, u));
const posted = (keys: string[]) => keys.map((k) => h.postedFor(k).length);
const states = async (keys: string[]) =>
  (await h.testDb.db.delivery.findMany({ where: { dedupeKey: { in: keys } }, orderBy: { dedupeKey: 'asc' } })).map(
    (d) => d.state,
  );

describe('follow-ups owed by a committed change', () => {
  it('are pending with the request and unsent until someone sends them; the next run sends each once', async () => {
    // The process dies right after the commit: nothing kicks the send.
    const { request } = await requestCloseout(h.deps, OWNER, 'RECT-1', { evidence: 'All done' }, copies);
    const keys = copyKeys(request.id);
    expect(await h.testDb.db.closeoutRequest.count({ where: { id: request.id, state: 'pending' } })).toBe(1);
    expect(await states(keys)).toEqual(['pending', 'pending']);
    expect(h.fake.messages).toEqual([]);

    await h.run(NOW, 'cycle-prompts');
    expect(posted(keys)).toEqual([1, 1]);
    expect(await states(keys)).toEqual(['sent', 'sent']);

    // Later runs and kicks find nothing owed.
    await h.run(NOW, 'cycle-prompts');
    const followUps = createFollowUps(h.jobDeps, createLogger('silent'));
    followUps.kick();
    await followUps.idle();
    expect(posted(keys)).toEqual([1, 1]);
  });

  it('are sent at once by a kick, with Approve and Return, and never again by a run', async () => {
    const followUps = createFollowUps(h.jobDeps, createLogger('silent'));
    const { request } = await requestCloseout(h.deps, OWNER, 'RECT-1', { evidence: 'All done' }, copies);
    followUps.kick();
    followUps.kick(); // a second change committed meanwhile: one more pass, no second copy
    await followUps.idle();

    const keys = copyKeys(request.id);
    expect(posted(keys)).toEqual([1, 1]);
    expect(JSON.stringify(h.postedFor(keys[0]!)[0]!.blocks)).toContain(String(request.id));
    await h.run(NOW, 'cycle-prompts');
    expect(posted(keys)).toEqual([1, 1]);
  });

  it('stay pending while Slack fails, and the next run sends them once', async () => {
    h.fake.on('chat.postMessage', () => ({ status: 200, body: { ok: false, error: 'internal_error' } }));
    const followUps = createFollowUps(h.jobDeps, createLogger('silent'));
    const { request } = await requestCloseout(h.deps, OWNER, 'RECT-1', { evidence: 'All done' }, copies);
    followUps.kick();
    await followUps.idle();
    const keys = copyKeys(request.id);
    expect(h.fake.messages).toEqual([]);
    expect(await states(keys)).toEqual(['pending', 'pending']);

    h.fake.reset();
    await h.run(NOW, 'cycle-prompts');
    expect(posted(keys)).toEqual([1, 1]);
  });
});

describe('a claim on a follow-up (a lease)', () => {
  /**
   * Short here; 30 s in production (DEFAULT_TUNING), renewed every third of it by a live holder. Long enough
   * that a renewal delayed by a loaded machine (the whole suite on two cores) still lands inside the lease:
   * at 400 ms the slow-holder case below failed once that way.
   */
  const LEASE_MS = 1_000;
  /** Another process on the same database, on the wall clock, whose Slack calls may take seconds. */
  const live = (instanceId: string): JobDeps => ({
    ...h.jobDeps,
    clock: systemClock,
    sender: createSlackSender({
      token: 'xoxb-test',
      apiUrl: h.fake.apiUrl,
      logger: createLogger('silent'),
      retry: FAST_RETRY,
      timeoutMs: 10_000,
    }),
    instanceId,
    tuning: { ...h.jobDeps.tuning, staleAfterMs: LEASE_MS },
  });

  it('is short by default, so a crashed holder delays a closeout request by seconds, not minutes', () => {
    expect(DEFAULT_TUNING.staleAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("held by a process that crashed is taken over within the lease's lapse, and each copy sent once", async () => {
    const { request } = await requestCloseout(h.deps, OWNER, 'RECT-1', { evidence: 'All done' }, copies);
    const keys = copyKeys(request.id);
    // The process that saved the request claimed its copies, then died before posting them.
    for (const key of keys) expect(await claim(h.testDb.db, key, 'crashed', new Date(), LEASE_MS)).not.toBeNull();
    const started = Date.now();
    const followUps = createFollowUps(live('restarted'), createLogger('silent'));
    followUps.kick(); // the restarted process: the claims are not stale yet, nothing is sent
    await followUps.idle();
    expect(h.fake.messages).toEqual([]);
    // No scheduler run and no other change: the lapse of the claim alone brings the pass that sends them.
    await h.fake.waitFor(() => (posted(keys).every((n) => n === 1) ? true : undefined), 5_000);
    expect(Date.now() - started).toBeLessThan(LEASE_MS * 4);
    await followUps.idle();
    expect(await states(keys)).toEqual(['sent', 'sent']);
    const rows = await h.testDb.db.delivery.findMany({ where: { dedupeKey: { in: keys } } });
    expect(rows.map((r) => [r.claimedBy, r.attempts])).toEqual([
      ['restarted', 2],
      ['restarted', 2],
    ]);
  });

  it('held by a live process that is slow to post is renewed, so another process never sends it again', async () => {
    h.fake.on('chat.postMessage', () => ({ late: LEASE_MS * 4 }));
    const { request } = await requestCloseout(h.deps, OWNER, 'RECT-1', { evidence: 'All done' }, copies);
    const keys = copyKeys(request.id);
    const slow = createFollowUps(live('slow'), createLogger('silent'));
    const started = Date.now();
    slow.kick();
    // Both copies in the slow process's hands (posted side by side) before another process looks: on a loaded
    // machine the second claim could come after the other process's pass, which then rightly sent that copy.
    await vi.waitFor(() => expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2), { timeout: 10_000 });
    // Another process passes while the first is still waiting for Slack, and again after a lease has gone by.
    const other = createFollowUps(live('other'), createLogger('silent'));
    other.kick();
    await other.idle();
    await new Promise((r) => setTimeout(r, LEASE_MS * 2));
    other.kick();
    await other.idle();
    await slow.idle();
    await other.idle();
    expect(Date.now() - started).toBeGreaterThan(LEASE_MS * 4); // the posting outlasted several leases
    expect(posted(keys)).toEqual([1, 1]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
    const rows = await h.testDb.db.delivery.findMany({ where: { dedupeKey: { in: keys } } });
    expect(rows.map((r) => [r.state, r.claimedBy, r.attempts])).toEqual([
      ['sent', 'slow', 1],
      ['sent', 'slow', 1],
    ]);
  });
});
