import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src/domain/types.js';
import { importCsv } from '../../src/services/csv-import.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack, type PostedMessage } from '../support/fake-slack.js';
import { makeDeps, seedBoard, TEAM } from '../support/fixtures.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * The bot's own scheduler prompting 500 owners, stopped mid-fan-out by a deploy (SIGTERM) or a crash
 * (SIGKILL), then started again: every owner gets their prompt, and nobody gets it twice.
 */
const OWNERS = 500;
const owners = Array.from({ length: OWNERS }, (_, i) => `UFAN${String(i).padStart(4, '0')}`);

let fake: FakeSlack;
let testDb: TestDb;
let bot: BotProcess | undefined;

beforeEach(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  const { deps } = makeDeps(testDb.db);
  // Round 0 starts today at midnight UTC: its prompts are due as soon as the bot's scheduler first runs.
  const today = new Date().toISOString().slice(0, 10);
  await seedBoard(deps, { timezone: 'UTC', anchorDate: today, promptTime: '00:00' });
  const csv = ['title,owner', ...owners.map((id, i) => `Problem ${i},${id}`)].join('\n');
  const imported = await importCsv(deps, { teamId: TEAM, userId: OPERATOR }, 'RECT', csv);
  expect(imported).toMatchObject({ created: OWNERS, errors: [] });
});
afterEach(async () => {
  await killBot(bot);
  bot = undefined;
  await fake.stop();
  await testDb.close();
});

const start = async () => (bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl, scheduler: 'on' }));

const promptKey = (m: PostedMessage) =>
  String((m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '');
const prompts = () => fake.messages.filter((m) => promptKey(m).startsWith('prompt:RECT:'));

/** Each owner has exactly one prompt in Slack, and each delivery row is sent and points at it. */
async function expectEachOwnerPromptedOnce() {
  const byOwner = new Map<string, number>();
  for (const m of prompts()) byOwner.set(promptKey(m), (byOwner.get(promptKey(m)) ?? 0) + 1);
  expect(byOwner.size).toBe(OWNERS);
  expect([...byOwner.values()].every((n) => n === 1)).toBe(true);
  const rows = await testDb.db.delivery.findMany({ where: { job: 'cycle-prompts' } });
  expect(rows).toHaveLength(OWNERS);
  expect(rows.every((r) => r.state === 'sent' && r.slackTs)).toBe(true);
}

async function waitForAllSent(timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const sent = await testDb.db.delivery.count({ where: { job: 'cycle-prompts', state: 'sent' } });
    if (sent === OWNERS) return;
    if (Date.now() > until) throw new Error(`only ${sent} of ${OWNERS} prompts were sent`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a 500-owner fan-out', () => {
  it('stopped by SIGTERM finishes its current message, exits cleanly, and the next start sends the rest once', async () => {
    fake.latencyMs = 5;
    const b = await start();
    await fake.waitFor(() => prompts().length >= 100, 60_000);
    b.child.kill('SIGTERM');
    const exit = await b.exited;
    expect(exit.code).toBe(0);
    // A clean stop leaves no claim behind: nothing waits for a claim to go stale.
    expect(await testDb.db.delivery.count({ where: { state: 'sending' } })).toBe(0);
    const sentBefore = prompts().length;
    expect(sentBefore).toBeLessThan(OWNERS);

    await start();
    await waitForAllSent();
    await expectEachOwnerPromptedOnce();
  }, 240_000);

  it('killed by SIGKILL is completed after a restart, asking Slack before posting again', async () => {
    fake.latencyMs = 5;
    const b = await start();
    await fake.waitFor(() => prompts().length >= 100, 60_000);
    b.child.kill('SIGKILL');
    await b.exited;
    const stuck = await testDb.db.delivery.count({ where: { state: 'sending' } });
    // Time passes: the dead process's claims go stale (their holder stopped renewing them 10 minutes ago).
    await testDb.db.delivery.updateMany({
      where: { state: 'sending' },
      data: { claimedAt: new Date(Date.now() - 10 * 60_000) },
    });
    const historyBefore = fake.calls.filter((c) => c.method === 'conversations.history').length;

    await start();
    await waitForAllSent();
    await expectEachOwnerPromptedOnce();
    expect(
      fake.calls.filter((c) => c.method === 'conversations.history').length - historyBefore,
    ).toBeGreaterThanOrEqual(stuck);
  }, 240_000);
});
