import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../jobs/procs.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, makeDeps, seedBoard, TEAM } from '../support/fixtures.js';
import { textOf } from '../support/slack-calls.js';
import { commandBody, eventBody, postSigned } from '../support/slack-requests.js';
import { mergeBombWorkbook } from '../support/workbooks.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * The 6.5 KB workbook that took the bot down: its sheet merges A3 to Excel's last cell, which exceljs
 * expands cell by cell. Dropped into the bot's DM it is refused as too large or malformed, the bot keeps
 * answering, and `closeout import` refuses it within seconds.
 */
let fake: FakeSlack;
let testDb: TestDb;
let bot: BotProcess;
let dir: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  await seedBoard(makeDeps(testDb.db).deps);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-workbook-'));
  bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl });
}, 120_000);
afterAll(async () => {
  await killBot(bot);
  await fake.stop();
  await testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const REFUSAL =
  'this file is too large or malformed to import: sheet1 merges A3:XFD1048576, beyond its used range A1:B2';

describe('a workbook with a merged range to the end of the sheet', () => {
  it('dropped into the DM: refused, and the bot still answers the next command', async () => {
    const bomb = mergeBombWorkbook();
    expect(bomb.length).toBeLessThan(8 * 1024);
    fake.shareFile('F0BOMB', 'list.xlsx', bomb);
    const event = {
      type: 'message',
      subtype: 'file_share',
      channel: 'DLEADER',
      channel_type: 'im',
      user: LEADER.userId,
      text: 'RECT',
      ts: '1765000000.000100',
      files: [{ id: 'F0BOMB', name: 'list.xlsx' }],
    };
    const from = fake.calls.length;
    expect((await postSigned(bot.eventsUrl, eventBody(TEAM, event), 'application/json')).status).toBe(200);
    const answer = await fake.waitFor(
      (calls) => calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'DLEADER'),
      20_000,
    );
    expect(textOf(answer)).toContain(REFUSAL);
    expect(await testDb.db.problem.count()).toBe(0);

    const asked = fake.calls.length;
    const ack = await postSigned(
      bot.eventsUrl,
      commandBody({ text: 'list all', userId: LEADER.userId, teamId: TEAM, responseUrl: fake.responseUrl('after') }),
      'application/x-www-form-urlencoded',
    );
    expect(ack.status).toBe(200);
    await fake.waitFor((calls) => calls.slice(asked).find((c) => c.method === 'response_url'), 10_000);
    expect(bot.child.exitCode).toBeNull();
  }, 60_000);

  it('given to `closeout import`: exit 1 within seconds, with the same refusal', async () => {
    const file = path.join(dir, 'list.xlsx');
    fs.writeFileSync(file, mergeBombWorkbook());
    const started = performance.now();
    const run = await spawnCli(['import', file, '--board', 'RECT'], { DATABASE_URL: testDb.url }, { timeoutMs: 60_000 })
      .done;
    expect(run.code, run.err).toBe(1);
    expect(run.err).toContain(`Error: ${REFUSAL}`);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(await testDb.db.problem.count()).toBe(0);
  }, 60_000);
});
