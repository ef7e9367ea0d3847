import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFollowUps } from '../../../src/jobs/outbox/follow-ups.js';
import { closeoutRequestMessages, owedOn } from '../../../src/jobs/outbox/notify-messages.js';
import { deliveryRow } from '../../../src/jobs/types.js';
import { createLogger } from '../../../src/logging/logger.js';
import { requestCloseout, type RequestedCloseout } from '../../../src/services/closeout.js';
import type { Owed } from '../../../src/services/deliveries.js';
import { requestCopyKey } from '../../../src/services/request-copies.js';
import { blockKitProblems } from '../../support/block-kit.js';
import { ADMIN, LEADER, OWNER, seedBoard } from '../../support/fixtures.js';
import { harness, problem, type Harness } from '../../support/jobs.js';

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
