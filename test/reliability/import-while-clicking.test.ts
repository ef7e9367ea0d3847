import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { ACTION } from '../../src/slack/ids.js';
import { spawnCli } from '../jobs/procs.js';
import { LEADER, seedBoard } from '../support/fixtures.js';
import type { PostResult } from '../support/slack-requests.js';
import { TestApp } from '../support/test-app.js';

/**
 * An operator imports a long list from the CLI (another process, holding SQLite's write lock in turns) while
 * owners keep clicking *No change*: every click is acknowledged within a second and every one is recorded.
 */
const ROWS = Number(process.env.IMPORT_ROWS ?? 4_000);
const OWNERS = Array.from({ length: 10 }, (_, i) => `UCLICK${i}`);

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
  for (const ownerId of OWNERS)
    await createProblem(app.deps, LEADER, 'RECT', { title: `Problem of ${ownerId}`, ownerId });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-import-'));
});
afterAll(async () => {
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`a ${ROWS}-row import while owners click`, () => {
  it('acks every click within a second and records every one', async () => {
    const lines = ['title,owner,unit'];
    for (let i = 0; i < ROWS; i++) lines.push(`Imported problem ${i},U0IMP${i % 50},Unit ${i % 7}`);
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    const run = spawnCli(['import', file, '--board', 'RECT'], { DATABASE_URL: app.testDb.url });
    let finished = false;
    const done = run.done.then((r) => {
      finished = true;
      return r;
    });
    const acks: PostResult[] = [];
    // Clicks go on until the import is over (and at least a few arrive while it runs).
    for (let i = 0; !finished || i < 5; i++) {
      const owner = OWNERS[i % OWNERS.length]!;
      acks.push(
        await app.click({
          userId: owner,
          actionId: ACTION.noChange,
          value: `RECT-${(i % OWNERS.length) + 1}`,
          message: { channel: `D${owner}`, ts: '1700000000.000001' },
        }),
      );
      await new Promise((r) => setTimeout(r, 100));
      if (i > 2_000) break;
    }
    const result = await done;
    expect(result.code, result.err).toBe(0);
    expect(await app.db.problem.count()).toBe(OWNERS.length + ROWS);

    expect(acks.every((a) => a.status === 200)).toBe(true);
    const slowest = Math.max(...acks.map((a) => a.ms));
    expect(slowest).toBeLessThan(1_000);
    // Each click's update lands (some wait for the import's lock, without blocking anything).
    for (let i = 0; i < 600; i++) {
      if ((await app.db.update.count({ where: { source: 'no_change' } })) >= acks.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await app.db.update.count({ where: { source: 'no_change' } })).toBe(acks.length);
    console.info(`import of ${ROWS} rows: ${acks.length} clicks, slowest ack ${slowest.toFixed(0)} ms`);
  }, 300_000);
});
