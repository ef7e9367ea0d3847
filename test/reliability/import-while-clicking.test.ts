import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { ACTION } from '../../src/slack/ids.js';
import { spawnCli } from '../jobs/procs.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, makeDeps, OWNER, seedBoard, TEAM } from '../support/fixtures.js';
import { interactionBody, postSigned } from '../support/slack-requests.js';
import { blockActionsPayload } from '../support/test-app.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * An operator imports a long list while owners click: the import holds the database in bounded batches,
 * so every click is acknowledged within a second and recorded, and /healthz stays fast meanwhile.
 */
const ROWS = 8_000;
/** Owners click until the import ends (at most this many clicks, one per problem). */
const CLICKS = 40;

let fake: FakeSlack;
let testDb: TestDb;
let bot: BotProcess;
let dir: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  const { deps } = makeDeps(testDb.db);
  await seedBoard(deps);
  await seedBoard(deps, { code: 'BULK', name: 'Bulk list', channelId: 'C0BULK' });
  for (let i = 0; i < CLICKS; i++) await createProblem(deps, LEADER, 'RECT', { title: `P${i}`, ownerId: OWNER.userId });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-import-'));
  bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl });
}, 120_000);
afterAll(async () => {
  await killBot(bot);
  await fake.stop();
  await testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

describe('an 8,000-row import in progress', () => {
  it('keeps every click acknowledged within a second and recorded, and the health check fast', async () => {
    const rows = Array.from(
      { length: ROWS },
      (_, i) => `Imported problem ${i},U0IMP${i % 50},2027-03-31,"First step ${i}\nSecond step ${i}"`,
    );
    const file = path.join(dir, 'bulk.csv');
    fs.writeFileSync(file, ['title,owner,deadline,measures', ...rows].join('\n'));
    const run = spawnCli(['import', file, '--board', 'BULK'], { DATABASE_URL: testDb.url }, { timeoutMs: 180_000 });

    // Clicks start once the import is writing (its first rows are in), then keep coming while it runs.
    for (let i = 0; ; i++) {
      if ((await testDb.db.problem.count({ where: { board: { code: 'BULK' } } })) > 0) break;
      if (run.child.exitCode !== null || i > 1_200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const acks: number[] = [];
    const health: number[] = [];
    let duringImport = 0;
    let clicks = 0;
    for (let i = 0; i < CLICKS && (i < 5 || run.child.exitCode === null); i++) {
      clicks++;
      const payload = blockActionsPayload(
        {
          userId: OWNER.userId,
          actionId: ACTION.noChange,
          value: `RECT-${i + 1}`,
          blockId: `sched.RECT-${i + 1}`,
          message: { channel: 'DOWNER', ts: `1765000000.0000${String(i).padStart(2, '0')}` },
        },
        fake.responseUrl(`click-${i}`),
      );
      const click = await timed(() =>
        postSigned(bot.eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded'),
      );
      expect(click.result.status).toBe(200);
      acks.push(click.ms);
      if (run.child.exitCode === null) duringImport++;
      health.push((await timed(() => fetch(`http://127.0.0.1:${bot.port}/healthz`))).ms);
      await new Promise((r) => setTimeout(r, 20));
    }
    const done = await run.done;
    expect(done.code, done.err).toBe(0);
    expect(await testDb.db.problem.count({ where: { board: { code: 'BULK' } } })).toBe(ROWS);

    // The clicks really raced the import (not all after it ended).
    expect(duringImport).toBeGreaterThanOrEqual(5);
    expect(Math.max(...acks)).toBeLessThan(1_000);
    expect(Math.max(...health)).toBeLessThan(1_000);
    // Every click is there (each saved after its ack; give the last ones a moment).
    for (let i = 0; ; i++) {
      const recorded = await testDb.db.update.count({ where: { source: 'no_change' } });
      if (recorded === clicks) break;
      expect(i, `only ${recorded} of ${clicks} clicks were recorded`).toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);
});
