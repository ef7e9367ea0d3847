import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit.js';
import { seedBoard } from '../support/fixtures.js';
import { harness, keyOf, problem, type Harness } from '../support/jobs.js';
import { spawnCli } from './procs.js';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
  await h.deps.db.board.updateMany({ data: { promptsTo: 'both' } });
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

describe('two processes at the same moment', () => {
  it('send each message once between them', async () => {
    const owners = Array.from({ length: 60 }, (_, i) => `UPAR${String(i).padStart(3, '0')}`);
    for (const id of owners) await problem(h.deps, id);
    // The first answers are slow, so whichever process reaches Slack first is still busy when the other does.
    h.fake.latencyMs = 20;
    h.fake.on('chat.postMessage', (_args, n) => (n <= 6 ? { late: 1_500 } : undefined));

    const env = { DATABASE_URL: h.testDb.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: h.fake.apiUrl };
    const at = '2026-11-16T01:00:00Z';
    const runs = [spawnCli(['run-job', 'all', '--at', at], env), spawnCli(['run-job', 'all', '--at', at], env)];
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });

    const keys = h.fake.messages.map(keyOf);
    const expected = [...owners.map((id) => `prompt:RECT:cycle-0:${id}`), 'round-open:RECT:cycle-0'];
    expect(keys.sort()).toEqual(expected.sort());
    const rows = await h.deps.db.delivery.findMany();
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    expect(rows.length).toBe(keys.length);

    // Both did part of the work: the claims raced, and nothing went out twice.
    const sentBy = results.map((r) => Number(/(\d+) sent/.exec(r.out)?.[1] ?? -1));
    expect(sentBy[0]! + sentBy[1]!).toBe(keys.length);
    expect(sentBy.every((n) => n > 0)).toBe(true);
  });
});
