import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit.js';
import { seedBoard } from '../support/fixtures.js';
import { harness, keyOf, problem, type Harness } from '../support/jobs.js';
import { spawnCli } from './procs.js';

const PROMPT_0 = '2026-11-16T01:00:00Z';

/** A small deterministic PRNG (mulberry32), so the injected faults are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

async function owners(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `UOWN${String(i).padStart(3, '0')}`);
  for (const id of ids) await problem(h.deps, id);
  return ids;
}

function expectEachOnce(ids: string[]) {
  const keys = h.fake.messages.map(keyOf);
  expect(keys.sort()).toEqual(ids.map((id) => `prompt:RECT:cycle-0:${id}`).sort());
}

describe('Slack failures', () => {
  it('delivers everything exactly once with 429 (Retry-After), 500 and timeouts on ~30% of calls', async () => {
    const ids = await owners(30);
    const rnd = random(42);
    const injected = { rateLimited: 0, serverError: 0, timeout: 0 };
    h.fake.on('chat.postMessage', () => {
      const r = rnd();
      if (r < 0.1) {
        injected.rateLimited++;
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
      }
      if (r < 0.2) {
        injected.serverError++;
        return { status: 500, body: { ok: false, error: 'internal_error' } };
      }
      if (r < 0.3) {
        injected.timeout++;
        return { delayMs: 1_000, body: { ok: false, error: 'too_slow' } };
      }
      return undefined;
    });

    const started = Date.now();
    let report = await h.run(PROMPT_0, 'cycle-prompts');
    // Anything that outlasted the client's bounded retries is retried by the next minute's run.
    for (let minute = 1; report.retrying.length && minute <= 5; minute++) {
      report = await h.run(new Date(Date.parse(PROMPT_0) + minute * 60_000), 'cycle-prompts');
    }
    expect(injected.rateLimited).toBeGreaterThan(0);
    expect(injected.serverError).toBeGreaterThan(0);
    expect(injected.timeout).toBeGreaterThan(0);
    expectEachOnce(ids);
    expect(await h.deps.db.delivery.count({ where: { state: 'sent' } })).toBe(30);
    // Retry-After was honoured: a rate-limited call waits at least a second for its retry.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // A post left without an answer is checked for in the conversation before it is posted again.
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(injected.timeout);
  });

  it('does not post twice when Slack posted the message but the answer came too late', async () => {
    await owners(1);
    h.fake.on('chat.postMessage', (_args, n) => (n === 1 ? { late: 1_000 } : undefined));
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.sent).toEqual(['prompt:RECT:cycle-0:UOWN000']);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const [posted] = h.fake.messages;
    expect(
      await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: 'prompt:RECT:cycle-0:UOWN000' } }),
    ).toMatchObject({
      state: 'sent',
      slackTs: posted!.ts,
      channelId: 'DOWN000',
    });
  });
});

describe('a crash mid-fan-out', () => {
  it('is completed by a later run without sending anything twice', async () => {
    const ids = await owners(40);
    h.fake.latencyMs = 10;
    const run = spawnCli(['run-job', 'cycle-prompts', '--at', PROMPT_0], {
      DATABASE_URL: h.testDb.url,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: h.fake.apiUrl,
    });
    // The process dies as Slack accepts its 12th message: that one (and others in flight) are posted, not recorded.
    h.fake.on('chat.postMessage', (_args, n) => {
      if (n === 12) run.child.kill('SIGKILL');
      return undefined;
    });
    const exit = await run.done;
    expect(exit.signal).toBe('SIGKILL');
    const before = await h.deps.db.delivery.groupBy({ by: ['state'], _count: { _all: true } });
    const stuck = before.find((g) => g.state === 'sending')?._count._all ?? 0;
    expect(stuck).toBeGreaterThan(0);
    expect(h.fake.messages.length).toBeGreaterThanOrEqual(12);

    // Right away the dead process's claims are not stale yet: they are left alone.
    h.clock.set(new Date());
    await h.run('2026-11-16T01:01:00Z', 'cycle-prompts');
    expect(await h.deps.db.delivery.count({ where: { state: 'sending' } })).toBe(stuck);
    // Later they are taken over: Slack is asked first, so what was posted is recorded, not posted again.
    h.clock.set(new Date(Date.now() + 10 * 60_000));
    const report = await h.run('2026-11-16T01:15:00Z', 'cycle-prompts');
    expect(report.retrying).toEqual([]);
    expectEachOnce(ids);
    const rows = await h.deps.db.delivery.findMany();
    expect(rows.every((r) => r.state === 'sent' && r.slackTs && r.channelId)).toBe(true);
    // Each row points at the one message Slack has for it.
    for (const r of rows) expect(h.postedFor(r.dedupeKey).map((m) => m.ts)).toEqual([r.slackTs]);
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(stuck);
  });
});
