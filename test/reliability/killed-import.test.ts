import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src/domain/types.js';
import { requestCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION } from '../../src/slack/ids.js';
import { spawnCli } from '../jobs/procs.js';
import { cli } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, makeDeps, OWNER, seedBoard, TEAM } from '../support/fixtures.js';
import { interactionBody, postSigned } from '../support/slack-requests.js';
import { blockActionsPayload } from '../support/test-app.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * The killed import: `closeout import` is killed (SIGKILL, sent by the process to itself once a chosen
 * number of rows is committed, so the kill point is chosen, not timed) in the middle of writing its batches.
 * The next start, of the CLI or of the bot, leaves the board wholly as it was before the import (or, killed
 * after its last batch, wholly after it), and keeps what people did on the board in between.
 */
let testDb: TestDb;
let dir: string;
let file: string;

/** 9 rows in batches of 3: RECT-1 and RECT-2 updated, seven problems created (RECT-3..9). */
const ROWS = [
  'key,title,owner,deadline,status,measures',
  'RECT-1,Queue times (imported),UOWNER,2027-02-28,in_progress,"First step\nSecond step"',
  'RECT-2,Forms,UOWNER,,closed,',
  ...Array.from({ length: 7 }, (_, i) => `,Imported ${i + 1},UOWNER,2027-03-31,,"Step ${i + 1}"`),
];

beforeEach(async () => {
  testDb = createTestDb();
  const { deps } = makeDeps(testDb.db);
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId, measures: ['First step'] });
  await createProblem(deps, LEADER, 'RECT', { title: 'Forms', ownerId: OWNER.userId });
  await requestCloseout(deps, OWNER, 'RECT-2', { evidence: 'Forms are online' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-killed-import-'));
  file = path.join(dir, 'list.csv');
  fs.writeFileSync(file, ROWS.join('\r\n'));
});
afterEach(async () => {
  await testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything the import touches, without the columns every change moves (version, updatedAt). */
async function boardState() {
  const problems = await testDb.db.problem.findMany({
    orderBy: { number: 'asc' },
    include: { measures: { orderBy: { number: 'asc' } }, closeoutRequests: true, deadlineChanges: true },
  });
  const strip = <T extends { updatedAt?: Date; version?: number }>({ updatedAt: _u, version: _v, ...rest }: T) => rest;
  return problems.map((p) => ({ ...strip(p), measures: p.measures.map(strip) }));
}

const importEvents = () =>
  testDb.db.auditEvent.count({ where: { actorId: OPERATOR, action: { in: ['problem.create', 'problem.import'] } } });

/** `closeout import` that kills itself once `rows` rows are committed. */
async function killedImport(rows: number) {
  const run = spawnCli(['import', file, '--board', 'RECT'], {
    DATABASE_URL: testDb.url,
    CLOSEOUT_TEST_IMPORT_BATCH_ROWS: '3',
    CLOSEOUT_TEST_IMPORT_KILL_AFTER_ROWS: String(rows),
  });
  const done = await run.done;
  expect(done.signal, done.err).toBe('SIGKILL');
}

describe('closeout import killed', () => {
  for (const rows of [3, 6]) {
    it(`after ${rows} of 9 rows: the next CLI command takes it back, the board is as before`, async () => {
      const before = await boardState();
      await killedImport(rows);
      // It really was cut off in the middle: part of the file is on the board.
      expect(await testDb.db.importRun.findFirstOrThrow()).toMatchObject({ state: 'running', rowsDone: rows });
      expect(await boardState()).not.toEqual(before);

      // The next command (run in this process: its start is what settles) takes the import back.
      const next = await cli(['board', 'list'], { url: testDb.url });
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain(`An import into board RECT cut off after ${rows} of 9 rows`);
      expect(await boardState()).toEqual(before);
      expect(await importEvents()).toBe(0);
      expect(await testDb.db.importRun.findFirstOrThrow()).toMatchObject({ state: 'undone' });
    }, 60_000);
  }

  it('after its last batch: the import is whole, and nothing is taken back', async () => {
    await killedImport(9);
    const next = await cli(['board', 'list'], { url: testDb.url });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toContain('cut off');
    const problems = await testDb.db.problem.findMany({ orderBy: { number: 'asc' } });
    expect(problems).toHaveLength(9);
    expect(problems.slice(0, 2).map((p) => [p.title, p.status])).toEqual([
      ['Queue times (imported)', 'in_progress'],
      ['Forms', 'closed'],
    ]);
    expect(await importEvents()).toBe(9);
  }, 60_000);
});

describe('closeout import killed while the bot serves the board', () => {
  let fake: FakeSlack;
  let bot: BotProcess | undefined;
  beforeEach(async () => {
    fake = await new FakeSlack().start();
    fake.teamId = TEAM;
  });
  afterEach(async () => {
    await killBot(bot);
    bot = undefined;
    await fake.stop();
  });

  it('the bot’s next start takes it back and keeps the report an owner made in between', async () => {
    const before = await boardState();
    bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl });
    await killedImport(6);
    // The owner reports "no change" on a problem the cut-off import created (RECT-3): acked within a second.
    const payload = blockActionsPayload(
      {
        userId: OWNER.userId,
        actionId: ACTION.noChange,
        value: 'RECT-3',
        blockId: 'sched.RECT-3',
        message: { channel: 'DOWNER', ts: '1765000000.000100' },
      },
      fake.responseUrl('click'),
    );
    const started = performance.now();
    const click = await postSigned(bot.eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded');
    expect(click.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
    await fake.waitFor(() => testDb.db.update.findFirst({ where: { problem: { key: 'RECT-3' } } }), 20_000);

    // The bot crashes too; its next start settles the import before it serves anyone.
    bot.child.kill('SIGKILL');
    await bot.exited;
    bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl });
    expect(await testDb.db.importRun.findFirstOrThrow()).toMatchObject({ state: 'undone' });
    const after = await boardState();
    // RECT-1 and RECT-2 are as before; of what the import created only RECT-3, with the owner's report, stays.
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.slice(2).map((p) => [p.key, p.title, p.status])).toEqual([['RECT-3', 'Imported 1', 'in_progress']]);
    expect(await testDb.db.update.count({ where: { problem: { key: 'RECT-3' }, source: 'no_change' } })).toBe(1);
    const undo = await testDb.db.auditEvent.findFirstOrThrow({ where: { action: 'import.undo' } });
    expect(JSON.parse(undo.after!)).toMatchObject({ why: 'cut off', kept: ['RECT-3: changed since the import, kept'] });
  }, 120_000);
});
