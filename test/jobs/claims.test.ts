import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { runJob } from '../../src/jobs/runner.js';
import { createSlackSender } from '../../src/slack/sender.js';
import type { JobDeps } from '../../src/jobs/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { claim, markFailed, plan, renewClaim } from '../../src/services/deliveries.js';
import { OWNER, seedBoard } from '../support/fixtures.js';
import { FAST_RETRY, harness, problem, type Harness } from '../support/jobs.js';

/** Round 1 of RECT opens 2026-11-16 at 09:00 Asia/Shanghai. */
const PROMPT_0 = new Date('2026-11-16T01:00:00Z');
const KEY = 'prompt:RECT:cycle-0:UOWNER';
/** Claims go stale fast here, so a claim not renewed while Slack is slow would be taken over. */
const STALE_MS = 600;

let h: Harness;
/** Another instance on the same database, on the wall clock, with Slack calls allowed to take seconds. */
function instance(instanceId: string): JobDeps {
  const logger = createLogger('silent');
  return {
    db: h.deps.db,
    clock: systemClock,
    logger,
    sender: createSlackSender({
      token: 'xoxb-test',
      apiUrl: h.fake.apiUrl,
      logger,
      retry: FAST_RETRY,
      timeoutMs: 10_000,
    }),
    instanceId,
    teamId: h.jobDeps.teamId,
    tuning: { staleAfterMs: STALE_MS, channelIntervalMs: 0 },
  };
}

beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
  await problem(h.deps, OWNER.userId);
});
afterEach(() => h.stop());

describe('a delivery claim', () => {
  it('is renewed while Slack is slow to answer, so another instance does not take it over and post again', async () => {
    h.fake.on('chat.postMessage', () => ({ late: 2_000 }));
    const first = runJob(instance('one'), 'cycle-prompts', PROMPT_0);
    await h.fake.waitForCall('chat.postMessage');
    // Well past the stale period, while the first instance still waits for Slack.
    await new Promise((r) => setTimeout(r, 3 * STALE_MS));
    const second = await runJob(instance('two'), 'cycle-prompts', PROMPT_0);
    expect(second.sent).toEqual([]);
    expect((await first).sent).toEqual([KEY]);
    expect(h.postedFor(KEY)).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const row = await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: KEY } });
    expect(row).toMatchObject({ state: 'sent', claimedBy: 'one', attempts: 1 });
  });

  it('is taken only once the message is rendered (which may wait for users.list)', async () => {
    h.fake.on('users.list', () => ({ late: 1_500 }));
    const report = await runJob(instance('one'), 'cycle-prompts', PROMPT_0);
    expect(report.sent).toEqual([KEY]);
    const asked = h.fake.callsTo('users.list')[0]!.at;
    const row = await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: KEY } });
    expect(row.claimedAt!.getTime()).toBeGreaterThanOrEqual(asked + 1_400);
  });

  it('once taken over, can no longer be renewed or released by its old holder', async () => {
    const t0 = new Date('2026-11-16T01:00:00Z');
    await plan(
      h.deps.db,
      [
        {
          teamId: 'T0TEST',
          dedupeKey: 'k',
          job: 'cycle-prompts',
          boardId: null,
          recipient: 'UOWNER',
          payload: '{}',
          problemKeys: [],
        },
      ],
      t0,
    );
    expect(await claim(h.deps.db, 'k', 'one', t0, 60_000)).not.toBeNull();
    expect(await renewClaim(h.deps.db, 'k', 'one', new Date(t0.getTime() + 10_000))).toBe(true);
    // 'one' went quiet for longer than the stale period: 'two' takes over.
    const later = new Date(t0.getTime() + 80_000);
    expect(await claim(h.deps.db, 'k', 'two', later, 60_000)).toMatchObject({ claimedBy: 'two', attempts: 2 });
    expect(await renewClaim(h.deps.db, 'k', 'one', later)).toBe(false);
    await markFailed(h.deps.db, 'k', 'one', 'retryable', 'late answer');
    expect(await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: 'k' } })).toMatchObject({
      state: 'sending',
      claimedBy: 'two',
      lastError: null,
    });
  });
});
