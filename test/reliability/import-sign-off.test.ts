import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack, type SlackCall } from '../support/fake-slack.js';
import { LEADER, makeDeps, seedBoard, TEAM } from '../support/fixtures.js';
import { textOf } from '../support/slack-calls.js';
import { eventBody, interactionBody, postSigned } from '../support/slack-requests.js';
import { blockActionsPayload } from '../support/test-app.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * The finding, tried black-box as a leader would: on a board with separation of duties, a leader who owns
 * a problem drops a list setting it to `closeout_requested` and imports it, then one setting it to
 * `closed`. The second is refused on its row, as the Approve button would refuse them, and nothing changes.
 */
let fake: FakeSlack;
let testDb: TestDb;
let bot: BotProcess;
let n = 0;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  const { deps } = makeDeps(testDb.db);
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: LEADER.userId });
  bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl });
}, 120_000);
afterAll(async () => {
  await killBot(bot);
  await fake.stop();
  await testDb.close();
});

/** The leader drops `csv` into their DM with the bot; returns the preview. */
async function drop(csv: string): Promise<SlackCall> {
  const id = `F0LIST${++n}`;
  fake.shareFile(id, 'list.csv', Buffer.from(csv));
  const from = fake.calls.length;
  const event = {
    type: 'message',
    subtype: 'file_share',
    channel: 'DLEADER',
    channel_type: 'im',
    user: LEADER.userId,
    text: 'RECT',
    ts: `1765000000.00010${n}`,
    files: [{ id, name: 'list.csv' }],
  };
  expect((await postSigned(bot.eventsUrl, eventBody(TEAM, event), 'application/json')).status).toBe(200);
  return fake.waitFor(
    (calls) => calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === 'DLEADER'),
    20_000,
  );
}

type Button = { action_id: string; value: string };
const buttons = (call: SlackCall): Button[] =>
  ((call.args.blocks as { type: string; elements?: Button[] }[]) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

async function apply(preview: SlackCall): Promise<SlackCall> {
  const button = buttons(preview).find((b) => b.action_id === 'import.apply')!;
  const payload = blockActionsPayload(
    {
      userId: LEADER.userId,
      actionId: button.action_id,
      value: button.value,
      message: { channel: 'DLEADER', ts: '1765000000.000001' },
    },
    fake.responseUrl(`apply-${n}`),
  );
  const from = fake.calls.length;
  const ack = await postSigned(bot.eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded');
  expect(ack.status).toBe(200);
  return fake.waitFor(
    (calls) => calls.slice(from).find((c) => c.method === 'response_url' && textOf(c).includes('Imported')),
    20_000,
  );
}

describe('an owner-leader importing their own sign-off', () => {
  it('may ask for closeout by import, but closing it by import is refused on its row and nothing changes', async () => {
    const asked = await drop('key,status\nRECT-1,closeout_requested\n');
    expect(textOf(asked)).toContain('update RECT-1 (status)');
    await apply(asked);
    const problem = () => testDb.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } });
    expect(await problem()).toMatchObject({ status: 'closeout_requested' });

    const closing = await drop('key,status\nRECT-1,closed\n');
    expect(textOf(closing)).toContain('separation of duties: RECT-1 is your own work');
    expect(buttons(closing).map((b) => b.action_id)).not.toContain('import.apply');
    expect(await problem()).toMatchObject({ status: 'closeout_requested', closedBy: null });
    expect(await testDb.db.closeoutRequest.findMany()).toMatchObject([
      { state: 'pending', requestedBy: LEADER.userId, decidedBy: null },
    ]);
  }, 90_000);
});
