import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, inject } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startPlayground, type RunningPlayground } from '../../src/playground/start.js';
import { BUSY_TEXT } from '../../src/runtime/admission.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { makeDeps, OWNER, seedBoard, TEAM } from '../support/fixtures.js';
import { commandBody, eventBody, interactionBody, postSigned } from '../support/slack-requests.js';
import { blockActionsPayload } from '../support/test-app.js';
import { ACTION } from '../../src/slack/ids.js';
import { killBot, startBot, type BotProcess } from './bot-process.js';

/**
 * Issue 20's findings against the real bot in its own process: a huge unsigned body, a burst while the
 * engine's event loop is stuck, a stop while it is stuck; and a web page driving the playground.
 */
let fake: FakeSlack;
let testDb: TestDb;
let bot: BotProcess | undefined;
let stallFile: string;

beforeEach(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  await seedBoard(makeDeps(testDb.db).deps);
  stallFile = path.join(inject('testDbDir'), `stall-${process.pid}-${Date.now()}`);
});
afterEach(async () => {
  await killBot(bot);
  bot = undefined;
  await fake.stop();
  await testDb.close();
});

const start = async (env: Record<string, string> = {}) =>
  (bot = await startBot({ databaseUrl: testDb.url, apiUrl: fake.apiUrl, stallFile, env }));
/** Blocks the engine thread's event loop for `ms`. */
/** Blocks the engine's event loop for `ms`; resolves once it is blocked (the hook removes the file as it stops). */
async function stallEngine(ms: number): Promise<void> {
  fs.writeFileSync(stallFile, String(ms));
  for (let i = 0; i < 500 && fs.existsSync(stallFile); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(fs.existsSync(stallFile)).toBe(false);
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const FORM = 'application/x-www-form-urlencoded';
const command = (b: BotProcess, id: string, user = OWNER.userId) =>
  postSigned(
    b.eventsUrl,
    commandBody({ text: 'help', userId: user, teamId: TEAM, responseUrl: fake.responseUrl(id) }),
    FORM,
  );
const answered = (id: string) => fake.calls.some((c) => c.method === 'response_url' && c.path === `/response/${id}`);

describe('a 40 MB unsigned POST', () => {
  it('is refused with 413 without being read: the process does not grow', async () => {
    const b = await start();
    const before = rssMb(b.child.pid!);
    const res = await fetch(b.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.alloc(40 * 1024 * 1024, 'a'),
      // The bot answers and closes the connection while the body is on its way: either outcome is a refusal.
    }).catch(() => null);
    expect(res === null || res.status === 413).toBe(true);
    expect(rssMb(b.child.pid!) - before).toBeLessThan(20);
    expect((await command(b, 'after-big')).status).toBe(200);
    await fake.waitFor(() => answered('after-big'));
  });
});

describe('a burst while the engine is stuck', () => {
  it('answers every command or says it is busy, acks no event or click: nothing is acked and left undone', async () => {
    const b = await start();
    await stallEngine(6_000);
    // 60 commands over 3 s from a few people: the first ones come before the front sees the stall.
    const acks = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 50));
        const res = await command(b, `burst-${i}`, `U${i % 6}`);
        return { id: `burst-${i}`, status: res.status, json: res.json, text: res.text };
      }),
    );
    expect(acks.every((a) => a.status === 200)).toBe(true);
    const busy = acks.filter((a) => a.text !== '');
    const taken = acks.filter((a) => a.text === '');
    for (const a of busy) expect(a.json).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
    expect(busy.length).toBeGreaterThan(0); // the stall was seen
    expect(taken.length).toBeGreaterThan(0); // and the commands before it were taken on
    // Still stuck (6 s from its start): an event and a click are not acked, so Slack retries the event and
    // shows its own error for the click; neither is done later.
    const dm = { type: 'message', channel: 'DOWNER', channel_type: 'im', user: OWNER.userId, text: 'done', ts: '1.2' };
    const event = await postSigned(b.eventsUrl, eventBody(TEAM, dm), 'application/json');
    expect(event.status).toBe(503);
    const click = blockActionsPayload({ userId: OWNER.userId, actionId: ACTION.showProblem, value: 'RECT-1' });
    expect((await postSigned(b.eventsUrl, interactionBody(click), FORM)).status).toBe(503);
    // Once the engine runs again, everything acked is answered.
    await fake.waitFor(() => taken.every((a) => answered(a.id)), 20_000);
    expect(busy.filter((a) => answered(a.id))).toEqual([]);
    // Only the commands' answers (and their language look-ups): nothing for the DM or the click.
    const others = fake.calls.filter((c) => !['response_url', 'users.info', 'auth.test'].includes(c.method));
    expect(others.map((c) => c.method)).toEqual([]);
    const metrics = await (await fetch(`http://127.0.0.1:${b.port}/metrics`)).text();
    expect(metrics).toContain(`closeout_requests_refused_total{reason="stalled"} ${busy.length + 2}`);
  });
});

describe('SIGTERM while the engine is stuck', () => {
  it('exits within SHUTDOWN_TIMEOUT_MS, saying what was left unfinished', async () => {
    const b = await start({ SHUTDOWN_TIMEOUT_MS: '2000', LOG_LEVEL: 'warn' });
    expect((await command(b, 'before-stall')).status).toBe(200);
    await fake.waitFor(() => answered('before-stall'));
    await stallEngine(60_000);
    expect((await command(b, 'stuck')).text).toBe(''); // taken on before the front can tell
    const started = Date.now();
    b.child.kill('SIGTERM');
    const exit = await b.exited;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(exit.code).toBe(1);
    expect(exit.out).toContain('stopping with acknowledged requests unfinished');
    // The stuck command at least (the one answered before the stall may still be finishing its after-work).
    expect(exit.out).toMatch(/"unfinished":\{"\/closeout":[12]\}/);
  });
});

const sendBody = JSON.stringify({ user: 'U0DEMOL01', channel: 'C0RECTDEMO', text: 'hello' });

/** A request with exactly these headers (Host included: fetch would not send a foreign one). */
function request(port: number, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the playground', () => {
  let playground: RunningPlayground;
  beforeEach(async () => {
    playground = await startPlayground({
      port: 0,
      logger: createLogger('silent'),
      databaseUrl: `file:${path.join(inject('testDbDir'), `playground-guard-${process.pid}.db`)}`,
      scheduler: false,
    });
  });
  afterEach(() => playground.stop());

  it('refuses a request from another web page, a foreign Host and a non-JSON body; its own page works', async () => {
    const { port } = new URL(playground.url);
    const messages = () => playground.workspace.messages.length;
    const before = messages();
    const send = (headers: Record<string, string>) =>
      request(Number(port), 'POST', '/pg/send', { 'content-type': 'application/json', ...headers }, sendBody);

    expect((await send({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await send({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // DNS rebinding: the browser sends the attacker's host name.
    expect((await send({ host: `evil.example:${port}` })).status).toBe(403);
    // A cross-site form can send text/plain without asking first.
    expect((await send({ 'content-type': 'text/plain' })).status).toBe(415);
    const state = await request(Number(port), 'GET', '/pg/state', { origin: 'https://evil.example' });
    expect(state.status).toBe(403);
    expect(messages()).toBe(before);

    const own = await send({ origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect(messages()).toBeGreaterThan(before);
    const local = await request(Number(port), 'GET', '/pg/state', {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
    });
    expect(local.status).toBe(200);
  });

  it('serves and takes files only under its own host name (a DNS-rebinding page could read exports)', async () => {
    const { port } = new URL(playground.url);
    const export_ = { id: 'F0EXPORT', name: 'RECT.csv', title: 'RECT.csv', mimetype: 'text/csv' };
    playground.workspace.files.set('F0EXPORT', { ...export_, bytes: Buffer.from('key,title\nRECT-1,Secret\n') });
    playground.workspace.files.set('F0PENDING', { ...export_, id: 'F0PENDING', bytes: null });
    const path = '/files/F0EXPORT/RECT.csv';
    expect((await request(Number(port), 'GET', path, { host: `evil.example:${port}` })).status).toBe(403);
    const upload = { host: `evil.example:${port}`, 'content-type': 'text/csv' };
    expect((await request(Number(port), 'POST', '/upload/F0PENDING', upload, 'forged')).status).toBe(403);
    expect(playground.workspace.files.get('F0PENDING')?.bytes).toBeNull();
    expect((await request(Number(port), 'GET', path, { host: `127.0.0.1:${port}` })).status).toBe(200);
  });
});
