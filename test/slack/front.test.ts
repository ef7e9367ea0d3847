import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging/logger.js';
import { EngineLink, type Port } from '../../src/slack/engine-link.js';
import { ENGINE_CONCURRENCY, startSlackEngine, type SlackEngine } from '../../src/slack/engine.js';
import { startSlackFront, type RunningFront } from '../../src/slack/front.js';
import { VIEW } from '../../src/slack/ids.js';
import { encodeReturnMetadata } from '../../src/slack/parsers/return-reason.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { TEAM } from '../support/fixtures.js';
import { viewSubmissionPayload } from '../support/test-app.js';
import { SIGNING_SECRET, commandBody, interactionBody, postSigned } from '../support/slack-requests.js';

/**
 * npm start's two threads, here in one (a MessageChannel between them, as between main.ts and its worker):
 * the front verifies and acks Slack's requests, the engine runs the listeners against the database and a fake
 * Slack. The engine's end of the channel can be held, as a busy engine thread would hold it.
 */
class HeldPort implements Port {
  private held: unknown[] | null = null;
  private listener: ((message: unknown) => void) | null = null;

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: unknown) => (this.held ? this.held.push(message) : this.listener?.(message)));
  }

  postMessage(message: unknown): void {
    this.port.postMessage(message);
  }

  on(_event: 'message', listener: (message: never) => void): this {
    this.listener = listener as (message: unknown) => void;
    return this;
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const message of held) this.listener?.(message);
  }
}

let fake: FakeSlack;
let testDb: TestDb;
let channel: MessageChannel;
let enginePort: HeldPort;
let link: EngineLink;
let front: RunningFront;
let stopped: string[];
let engine: SlackEngine;
const events = () => `http://127.0.0.1:${front.port}/slack/events`;
const form = 'application/x-www-form-urlencoded';
/** Answers the engine's listeners posted to commands' response_url. */
const answers = () => fake.calls.filter((c) => c.method === 'response_url').length;
const command = (text: string, id: string) =>
  postSigned(events(), commandBody({ text, userId: 'UOWNER', teamId: TEAM, responseUrl: fake.responseUrl(id) }), form);

/** The Return modal submitted with a blank reason: its listener answers with an inline error, before any query. */
function blankReturnReason() {
  const payload = viewSubmissionPayload({
    userId: 'ULEAD',
    callbackId: VIEW.returnReason,
    privateMetadata: encodeReturnMetadata({ requestId: 1, lang: 'en', origin: { kind: 'home' } }),
    values: { reason: { reason: { type: 'plain_text_input', value: ' ' } } },
  });
  return postSigned(events(), interactionBody(payload), form);
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  testDb = createTestDb();
  const env = parseEnv({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('silent');
  channel = new MessageChannel();
  enginePort = new HeldPort(channel.port2);
  stopped = [];
  engine = await startSlackEngine({
    env: { ...env, SLACK_BOT_TOKEN: 'xoxb-test' },
    deps: { db: testDb.db, clock: fixedClock('2026-11-25T02:00:00Z'), admins: new Set() },
    logger,
    port: enginePort,
    onStop: async () => void stopped.push('engine'),
  });
  link = new EngineLink(channel.port1);
  front = await startSlackFront({ settings: { ...env, PORT: 0 }, logger, engine: link, teamId: engine.teamId });
});
afterEach(() => enginePort.release());
afterAll(async () => {
  channel.port1.close();
  await fake.stop();
  await testDb.close();
});

describe('the front and the engine (npm start’s two threads)', () => {
  it('acks a command at once, before the engine has even seen it, and the engine answers it after', async () => {
    const before = answers();
    enginePort.hold();
    const ack = await command('help', 'held-help');
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answers()).toBe(before);

    enginePort.release();
    const answer = await fake.waitFor((calls) => calls.filter((c) => c.method === 'response_url')[before]);
    expect(JSON.stringify(answer.args)).toContain('/closeout');
    await link.idle();
    expect(link.pending).toBe(0);
  });

  it('sends a modal’s ack only once the engine’s listener gave it: errors inline, nothing saved', async () => {
    const res = await blankReturnReason();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { reason: 'Please give a reason.' } });
    expect(await testDb.db.closeoutRequest.count()).toBe(0);
  });

  it('works a burst a few requests at a time, and a modal’s answer does not wait behind it', async () => {
    fake.latencyMs = 100;
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, engine.listeners.inFlight.size)), 5);
    try {
      const before = answers();
      const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => command('help', `burst-${i}`)));
      expect(acks.map((a) => a.status)).toEqual(Array(30).fill(200));
      const modal = await blankReturnReason();
      expect(modal.json).toMatchObject({ response_action: 'errors' });
      // Answered while most of the burst was still waiting for its turn.
      expect(link.pending).toBeGreaterThan(10);
      await link.idle();
      expect(answers()).toBe(before + 30);
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(ENGINE_CONCURRENCY + 1);
    } finally {
      clearInterval(watch);
      fake.latencyMs = 0;
    }
  });

  it('refuses a request with a bad signature without handing it to the engine', async () => {
    const calls = fake.calls.length;
    const res = await postSigned(
      events(),
      commandBody({ text: 'help', userId: 'UOWNER', teamId: TEAM, responseUrl: fake.responseUrl('forged') }),
      form,
      { secret: 'not-the-secret' },
    );
    expect(res.status).toBe(401);
    expect(link.pending).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.calls.length).toBe(calls);
  });

  it('answers /healthz with the engine’s database check', async () => {
    const res = await fetch(`http://127.0.0.1:${front.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('stops by letting the engine finish what it was handed, then stopping the engine', async () => {
    const before = answers();
    enginePort.hold();
    expect((await command('help', 'last-help')).status).toBe(200);
    const stopping = front.stop(5_000);
    // Turned away from now on; Slack retries elsewhere.
    expect((await fetch(`http://127.0.0.1:${front.port}/healthz`)).status).toBe(503);
    expect(stopped).toEqual([]);
    enginePort.release();
    expect(await stopping).toBe(true);
    expect(answers()).toBe(before + 1);
    expect(stopped).toEqual(['engine']);
  });
});

describe('a lost engine', () => {
  it('fails what waits on it at once: a modal is answered with an error, /healthz says unreachable', async () => {
    const lonely = new MessageChannel();
    const lost = new EngineLink(lonely.port1);
    const lostFront = await startSlackFront({
      settings: { PORT: 0, LOG_LEVEL: 'silent', SLACK_SIGNING_SECRET: SIGNING_SECRET },
      logger: createLogger('silent'),
      engine: lost,
      teamId: TEAM,
    });
    lost.lost(new Error('the engine thread exited (1)'));
    const url = `http://127.0.0.1:${lostFront.port}`;
    const payload = { type: 'view_submission', team: { id: TEAM }, user: { id: 'U1' }, view: { callback_id: 'x' } };
    const res = await postSigned(`${url}/slack/events`, interactionBody(payload), form);
    expect(res.status).toBe(500);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    expect(await lostFront.stop(1_000)).toBe(false);
    lonely.port1.close();
  });
});
