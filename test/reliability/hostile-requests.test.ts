import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VIEW } from '../../src/slack/ids.js';
import { NEW_PROBLEM } from '../../src/slack/blocks/modals/new-problem.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, makeDeps, OWNER, seedBoard, TEAM } from '../support/fixtures.js';
import { state } from '../support/modals.js';
import { commandBody, eventBody, interactionBody, postSigned } from '../support/slack-requests.js';
import { blockActionsPayload, viewSubmissionPayload } from '../support/test-app.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * Signed requests as large or odd as a request under the body limit can be, against the real bot in its own
 * process (two threads): each gets a prompt, clear answer, nothing is written, nothing is left in the queue,
 * and the bot answers the next command.
 */
let fake: FakeSlack;
let testDb: TestDb;
let bot: BotProcess | undefined;

beforeEach(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  await seedBoard(makeDeps(testDb.db).deps);
});
afterEach(async () => {
  await killBot(bot);
  bot = undefined;
  await fake.stop();
  await testDb.close();
});

const FORM = 'application/x-www-form-urlencoded';
/** `json` with its `"__DEEP__"` string replaced by arrays nested `n` deep (JSON.stringify cannot build them). */
const nested = (json: string, n: number) => json.replace('"__DEEP__"', '['.repeat(n) + ']'.repeat(n));
const response = (id: string) => fake.calls.find((c) => c.method === 'response_url' && c.path === `/response/${id}`);
async function metric(b: BotProcess, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${b.port}/metrics`)).text();
  return Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${name} `))
      ?.split(' ')[1],
  );
}

describe('hostile requests under the body limit', () => {
  it('are refused or answered at once, leave nothing behind, and the bot answers the next command', async () => {
    const b = (bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl }));
    const post = (body: string, type = FORM) => postSigned(b.eventsUrl, body, type);

    // Nested 20,000 deep in a payload field and in an event: it cannot be handed to the engine thread.
    const click = { ...blockActionsPayload({ userId: OWNER.userId, actionId: 'x' }), extra: '__DEEP__' };
    const deepClick = new URLSearchParams({ payload: nested(JSON.stringify(click), 20_000) }).toString();
    expect((await post(deepClick)).status).toBe(400);
    const dm = { type: 'message', channel: 'DOWNER', channel_type: 'im', user: OWNER.userId, text: 'hi', ts: '1.1' };
    const deepEvent = nested(eventBody(TEAM, { ...dm, extra: '__DEEP__' }), 20_000);
    expect((await post(deepEvent, 'application/json')).status).toBe(400);

    // A command of 3.5 MB: cut to Slack's 40,000 characters, answered.
    const big = commandBody({
      text: `new ${'标'.repeat(380_000)}`,
      userId: LEADER.userId,
      teamId: TEAM,
      responseUrl: fake.responseUrl('big'),
    });
    expect(big.length).toBeGreaterThan(3_000_000);
    const bigAck = await post(big);
    expect(bigAck.status).toBe(200);
    expect(bigAck.ms).toBeLessThan(1_000);

    // A new-problem modal with 1.8 MB of title and 200,000 measures: inline errors, short ones.
    const values = {
      [NEW_PROBLEM.board]: { board: state.select('RECT') },
      [NEW_PROBLEM.title]: { title: state.text('标'.repeat(200_000)) },
      [NEW_PROBLEM.measures]: { measures: state.text('x\n'.repeat(200_000)) },
      [NEW_PROBLEM.owner]: { owner: state.user(OWNER.userId) },
    };
    const modal = await post(
      interactionBody(viewSubmissionPayload({ userId: LEADER.userId, callbackId: VIEW.newProblem, values })),
    );
    expect(modal.status).toBe(200);
    const errors = (modal.json as { response_action: string; errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual([NEW_PROBLEM.measures, NEW_PROBLEM.title].sort());
    for (const message of Object.values(errors)) expect(message.length).toBeLessThan(200);
    // 3 MB of private_metadata: read as none.
    const metadata = viewSubmissionPayload({
      userId: LEADER.userId,
      callbackId: VIEW.newProblem,
      privateMetadata: 'x'.repeat(3_000_000),
      values: {},
    });
    const metaAck = await post(interactionBody(metadata));
    expect(metaAck.status).toBe(200);
    expect(metaAck.json).toMatchObject({ response_action: 'errors' });

    const after = commandBody({
      text: 'help',
      userId: OWNER.userId,
      teamId: TEAM,
      responseUrl: fake.responseUrl('after'),
    });
    expect((await post(after)).status).toBe(200);
    await fake.waitFor(() => response('after') && response('big'), 20_000);
    expect(JSON.stringify(response('big')!.args).length).toBeLessThan(5_000);
    expect(await testDb.db.problem.count()).toBe(0);
    // Nothing taken on is left unfinished.
    await fake.waitFor(async () => (await metric(b, 'closeout_queue_depth')) === 0, 10_000);
    expect(await metric(b, 'closeout_requests_too_large_total')).toBe(0);
  });
});
