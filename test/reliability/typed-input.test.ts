import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, makeDeps, OWNER, seedBoard, TEAM } from '../support/fixtures.js';
import { commandBody, eventBody, postSigned } from '../support/slack-requests.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * What a member types cannot stop the bot, tried as a member would against the real bot in its own process:
 * DMs made to make a parser backtrack (`嗯` × 45 then `?` froze the engine for good), then a command, which
 * must still be answered, as must every DM.
 */
let fake: FakeSlack;
let testDb: TestDb;
let bot: BotProcess | undefined;

beforeEach(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  const { deps } = makeDeps(testDb.db);
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', { title: 'Backlog', ownerId: OWNER.userId });
  await createProblem(deps, LEADER, 'RECT', { title: 'Queue', ownerId: OWNER.userId });
});
afterEach(async () => {
  await killBot(bot);
  bot = undefined;
  await fake.stop();
  await testDb.close();
});

const HOSTILE_DMS = [
  `${'嗯'.repeat(45)}?`,
  `${'嗯嗯 '.repeat(13_000)}?`,
  '“ '.repeat(20_000),
  `完成${' '.repeat(39_000)}x`,
  `${'RECT-1.'.repeat(5_000)}"`,
  `${'<@'.repeat(30_000)}`,
  `${'a@'.repeat(20_000)}`,
];

describe('a member’s messages', () => {
  it('made to be slow are answered, and so is the command after them', { timeout: 60_000 }, async () => {
    const b = (bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl }));
    for (const [i, text] of HOSTILE_DMS.entries()) {
      const ts = `1765000000.00010${i}`;
      const event = {
        type: 'message',
        channel: 'DOWNER',
        channel_type: 'im',
        user: OWNER.userId,
        text,
        ts,
        event_ts: ts,
      };
      expect((await postSigned(b.eventsUrl, eventBody(TEAM, event), 'application/json')).status).toBe(200);
    }
    const command = commandBody({
      text: 'list',
      userId: OWNER.userId,
      teamId: TEAM,
      responseUrl: fake.responseUrl('list'),
    });
    expect((await postSigned(b.eventsUrl, command, 'application/x-www-form-urlencoded')).status).toBe(200);

    const listed = await fake.waitFor((calls) => calls.find((c) => c.method === 'response_url'), 20_000);
    expect(JSON.stringify(listed.args)).toContain('RECT-1');
    // Every DM got its answer in the DM (a question which problem it is about, or a confirmation).
    const answers = await fake.waitFor((calls) => {
      const inDm = calls.filter((c) => c.method.startsWith('chat.') && c.args.channel === 'DOWNER');
      return inDm.length >= HOSTILE_DMS.length ? inDm : undefined;
    }, 20_000);
    expect(answers.length).toBeGreaterThanOrEqual(HOSTILE_DMS.length);
  });
});
