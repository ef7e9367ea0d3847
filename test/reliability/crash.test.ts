import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { requestCopyKey } from '../../src/services/request-copies.js';
import { CLOSEOUT } from '../../src/slack/blocks/modals/closeout.js';
import { REPORT } from '../../src/slack/blocks/modals/report.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, makeDeps, OWNER, seedBoard, TEAM } from '../support/fixtures.js';
import { eventBody, interactionBody, postSigned } from '../support/slack-requests.js';
import { blockActionsPayload } from '../support/test-app.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * The real bot in its own process, stopped with SIGTERM (a deploy) or SIGKILL (a crash) in the middle of
 * what people do, then started again: what Slack was told is acknowledged is there, and nothing is sent twice.
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
  await createProblem(deps, LEADER, 'RECT', { title: 'Queue', ownerId: 'UOTHER' });
});
afterEach(async () => {
  await killBot(bot);
  bot = undefined;
  await fake.stop();
  await testDb.close();
});

const start = async () => (bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl }));

function submitReport(b: BotProcess, note: string) {
  return submitModal(b, VIEW.report, {
    [REPORT.health]: { health: { type: 'radio_buttons', selected_option: { value: 'at_risk' } } },
    [REPORT.percent]: { percent: { type: 'number_input', value: '60' } },
    [REPORT.note]: { note: { type: 'plain_text_input', value: note } },
  });
}

function submitCloseoutRequest(b: BotProcess, evidence: string) {
  return submitModal(b, VIEW.closeout, {
    [CLOSEOUT.evidence]: { evidence: { type: 'plain_text_input', value: evidence } },
  });
}

let views = 0;
/** The owner submits a modal about RECT-1 opened in channel C0HERE (each a modal of its own). */
function submitModal(b: BotProcess, callbackId: string, values: Record<string, unknown>) {
  const payload = {
    type: 'view_submission',
    team: { id: TEAM, domain: 'test' },
    user: { id: OWNER.userId, username: 'owner', name: 'owner', team_id: TEAM },
    api_app_id: 'A0CLOSEOUT',
    token: 'legacy',
    trigger_id: 'trigger-1',
    view: {
      id: `V-${callbackId}-${++views}`,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: JSON.stringify({ lang: 'en', channel: 'C0HERE', key: 'RECT-1' }),
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 't' },
      blocks: [],
    },
    response_urls: [],
  };
  return postSigned(b.eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded');
}

function typeReply(b: BotProcess, text: string, ts: string) {
  const event = { type: 'message', channel: 'DOWNER', channel_type: 'im', user: OWNER.userId, text, ts, event_ts: ts };
  return postSigned(b.eventsUrl, eventBody(TEAM, event), 'application/json');
}

function clickApprove(b: BotProcess, requestId: number) {
  const payload = blockActionsPayload(
    {
      userId: LEADER.userId,
      actionId: ACTION.approve,
      value: String(requestId),
      message: { channel: 'DLEADER', ts: '1765000000.000900' },
    },
    fake.responseUrl('approve'),
  );
  return postSigned(b.eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded');
}

/** The owner's DM telling them the decision (not the leaders' copies, not ephemeral answers). */
const decisionDms = () =>
  fake.calls.filter(
    (c) =>
      c.method === 'chat.postMessage' && c.args.channel === OWNER.userId && JSON.stringify(c.args).includes('RECT-1'),
  );

const updatesOf = (key: string) => testDb.db.update.findMany({ where: { problem: { key } } });
const confirmations = () =>
  fake.calls.filter((c) => c.method === 'chat.postEphemeral' && String(c.args.text).includes('Progress recorded'));

describe('SIGTERM (a deploy) in the middle of', () => {
  it('a report submission: the report is saved and confirmed once, and the bot exits cleanly', async () => {
    const b = await start();
    fake.on('chat.postEphemeral', () => ({ late: 1_500 }));
    const res = await submitReport(b, 'submitted a moment before SIGTERM');
    expect(res.status).toBe(200);
    b.child.kill('SIGTERM');
    const exit = await b.exited;
    expect(exit.code).toBe(0);
    expect(await updatesOf('RECT-1')).toMatchObject([{ percent: 60, note: 'submitted a moment before SIGTERM' }]);
    expect(confirmations()).toHaveLength(1);
    // Started again: nothing is repeated.
    fake.on('chat.postEphemeral', () => undefined);
    await start();
    await new Promise((r) => setTimeout(r, 500));
    expect(await updatesOf('RECT-1')).toHaveLength(1);
    expect(confirmations()).toHaveLength(1);
  }, 180_000);

  it('a chat reply: it is recorded and confirmed once', async () => {
    const b = await start();
    fake.on('chat.postMessage', () => ({ late: 1_500 }));
    const res = await typeReply(b, 'RECT-1 70% on track two clerks hired', '1765000000.000001');
    expect(res.status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.method === 'users.info'), 10_000);
    b.child.kill('SIGTERM');
    expect((await b.exited).code).toBe(0);
    expect(await updatesOf('RECT-1')).toMatchObject([{ percent: 70, source: 'chat' }]);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts)).toHaveLength(1);
    // Slack retries the event after the restart (it saw no answer in time): it is not recorded twice.
    fake.on('chat.postMessage', () => undefined);
    const again = await start();
    await typeReply(again, 'RECT-1 70% on track two clerks hired', '1765000000.000001');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await updatesOf('RECT-1')).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts)).toHaveLength(1);
  }, 180_000);

  it('a sign-off: the approval is saved, the owner is told once, and the bot exits cleanly', async () => {
    const { deps } = makeDeps(testDb.db);
    const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'Queues are short now' });
    const b = await start();
    // Slack is slow to take the decision's messages: SIGTERM lands while they are on their way.
    fake.on('chat.postMessage', () => ({ late: 1_500 }));
    const res = await clickApprove(b, request.id);
    expect(res.status).toBe(200);
    b.child.kill('SIGTERM');
    expect((await b.exited).code).toBe(0);
    expect(await testDb.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'approved',
      decidedBy: LEADER.userId,
    });
    expect((await testDb.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } })).status).toBe('closed');
    expect(decisionDms()).toHaveLength(1);
    // Started again: the decision is not announced twice.
    fake.on('chat.postMessage', () => undefined);
    await start();
    await new Promise((r) => setTimeout(r, 500));
    expect(decisionDms()).toHaveLength(1);
  }, 180_000);
});

describe('SIGKILL (a crash) in the middle of', () => {
  it('a report submission: once Slack saw the modal close, the report survives the crash', async () => {
    const b = await start();
    // Slack is slow to answer anything after the save, so the crash lands between the save and the answers.
    fake.on('chat.postEphemeral', () => ({ late: 5_000 }));
    fake.on('users.info', () => ({ late: 5_000 }));
    const res = await submitReport(b, 'submitted just before a crash');
    expect(res.json).toEqual({ response_action: 'clear' });
    b.child.kill('SIGKILL');
    await b.exited;
    expect(await updatesOf('RECT-1')).toMatchObject([{ percent: 60, note: 'submitted just before a crash' }]);
    fake.on('chat.postEphemeral', () => undefined);
    fake.on('users.info', () => undefined);
    await start();
    expect(await updatesOf('RECT-1')).toHaveLength(1);
  }, 180_000);

  it('a chat reply: recorded once, and Slack’s retry of the event after the restart records nothing more', async () => {
    const b = await start();
    fake.on('chat.postMessage', () => ({ late: 10_000 }));
    const res = await typeReply(b, 'RECT-1 45% forms simplified', '1765000000.000777');
    expect(res.status).toBe(200);
    await fake.waitFor(async () => (await updatesOf('RECT-1')).length === 1, 20_000);
    b.child.kill('SIGKILL');
    await b.exited;
    fake.on('chat.postMessage', () => undefined);
    const again = await start();
    await typeReply(again, 'RECT-1 45% forms simplified', '1765000000.000777');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await updatesOf('RECT-1')).toMatchObject([{ percent: 45, source: 'chat' }]);
    const reply = await testDb.db.chatReply.findFirstOrThrow({ where: { ts: '1765000000.000777' } });
    expect(reply).toMatchObject({ state: 'recorded', problemKey: 'RECT-1' });
  }, 180_000);

  it('a sign-off: the approval survives, and the owner’s DM owed for it is sent once after the restart', async () => {
    const { deps } = makeDeps(testDb.db);
    const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'Queues are short now' });
    const b = await start();
    // Slack hangs on everything the decision posts: the crash lands after the save, before the owner hears.
    fake.on('chat.postMessage', () => ({ late: 10_000 }));
    fake.on('chat.update', () => ({ late: 10_000 }));
    const res = await clickApprove(b, request.id);
    expect(res.status).toBe(200);
    const owed = `follow-up:decision:${request.id}:${OWNER.userId}`;
    await fake.waitFor(() => testDb.db.delivery.findUnique({ where: { dedupeKey: owed } }), 20_000);
    b.child.kill('SIGKILL');
    await b.exited;
    expect(await testDb.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'approved',
    });
    // The claim of the dead process goes stale (10 minutes pass), then a restarted bot's scheduler sends it.
    await testDb.db.delivery.updateMany({
      where: { state: 'sending' },
      data: { claimedAt: new Date(Date.now() - 10 * 60_000) },
    });
    fake.on('chat.postMessage', () => undefined);
    fake.on('chat.update', () => undefined);
    bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl, scheduler: 'on' });
    await fake.waitFor(
      async () => (await testDb.db.delivery.findUnique({ where: { dedupeKey: owed } }))?.state === 'sent',
      60_000,
    );
    // Posted at most once before the crash (Slack hung) and once after, and Slack holds exactly one.
    const held = fake.messages.filter(
      (m) => m.channel === `D${OWNER.userId.slice(1)}` && JSON.stringify(m).includes('RECT-1'),
    );
    expect(held).toHaveLength(1);
  }, 180_000);

  it('a closeout request: saved with the leader’s copy, which a restarted bot sends once', async () => {
    const b = await start();
    // Slack hangs on everything after the save: the crash lands before the leader (or the owner) hears.
    fake.on('chat.postMessage', () => ({ late: 10_000 }));
    fake.on('chat.postEphemeral', () => ({ late: 10_000 }));
    const res = await submitCloseoutRequest(b, 'Queues are short now');
    expect(res.json).toEqual({ response_action: 'clear' });
    const saved = () => testDb.db.closeoutRequest.findFirst({ where: { problem: { key: 'RECT-1' } } });
    await fake.waitFor(saved, 20_000);
    b.child.kill('SIGKILL');
    await b.exited;
    // The request and the leader's copy were committed together: the copy is owed, whatever the crash cut off.
    const request = await testDb.db.closeoutRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-1' } } });
    expect(request.state).toBe('pending');
    const copy = requestCopyKey(request.id, LEADER.userId);
    expect(await testDb.db.delivery.findUnique({ where: { dedupeKey: copy } })).toMatchObject({
      recipient: LEADER.userId,
    });
    await testDb.db.delivery.updateMany({
      where: { state: 'sending' },
      data: { claimedAt: new Date(Date.now() - 10 * 60_000) },
    });
    fake.on('chat.postMessage', () => undefined);
    fake.on('chat.postEphemeral', () => undefined);
    bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl, scheduler: 'on' });
    await fake.waitFor(
      async () => (await testDb.db.delivery.findUnique({ where: { dedupeKey: copy } }))?.state === 'sent',
      60_000,
    );
    const held = fake.messages.filter(
      (m) => m.channel === `D${LEADER.userId.slice(1)}` && JSON.stringify(m).includes('Queues are short now'),
    );
    expect(held).toHaveLength(1);
  }, 180_000);
});
