import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { fixedClock } from '../../src/domain/clock.js';
import { countDelivery, countJobRun } from '../../src/jobs/outbox/stats.js';
import { createLogger } from '../../src/logging/logger.js';
import { BUSY_TEXT, DEFAULT_ADMISSION } from '../../src/runtime/admission.js';
import { EngineLink, HEARTBEAT_MS as ENGINE_HEARTBEAT_MS, type Port } from '../../src/runtime/engine-link.js';
import { ENGINE_CONCURRENCY, startSlackEngine, type SlackEngine } from '../../src/runtime/engine.js';
import { startSlackFront, type RunningFront } from '../../src/runtime/front.js';
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
  /** While true the engine's heartbeats do not reach the front, as if its event loop were stuck. */
  muted = false;
  /** Every message the front sent, held or not. */
  readonly received: { type: string }[] = [];

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: { type: string }) => {
      this.received.push(message);
      if (this.held) this.held.push(message);
      else this.listener?.(message);
    });
  }

  postMessage(message: unknown): void {
    if (this.muted && (message as { type: string }).type === 'beat') return;
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
/** The front's bounds: the object is read at each request, so a test can tighten them for a while. */
const limits = { ...DEFAULT_ADMISSION };
const HEARTBEAT_MS = 50;
const STALLED_AFTER_MS = 600;
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
    heartbeatMs: HEARTBEAT_MS,
  });
  link = new EngineLink(channel.port1, Date.now, STALLED_AFTER_MS);
  front = await startSlackFront({
    settings: { ...env, PORT: 0 },
    logger,
    engine: link,
    teamId: engine.teamId,
    limits,
  });
});
afterEach(() => {
  enginePort.muted = false;
  enginePort.release();
});
afterAll(async () => {
  channel.port1.close();
  await fake.stop();
  await testDb.close();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A sample's value in the Prometheus text of GET /metrics (0 when absent). */
async function metric(name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${front.port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

const handedOver = () => enginePort.received.filter((m) => m.type === 'request').length;
const event = (user: string) =>
  postSigned(
    events(),
    JSON.stringify({
      type: 'event_callback',
      team_id: TEAM,
      event_id: `Ev${Math.random()}`,
      event: { type: 'message', channel_type: 'im', channel: 'D1', user, text: 'hi', ts: '1.000001' },
    }),
    'application/json',
  );
const click = (user: string) =>
  postSigned(
    events(),
    interactionBody({ type: 'block_actions', team: { id: TEAM }, user: { id: user }, actions: [] }),
    form,
  );

describe('admission: the front acks only what the engine can do', () => {
  it('while the engine is stalled: a command’s ack says busy, an event and a click get no ack, none handed over', async () => {
    const refusedBefore = await metric('closeout_requests_refused_total', '{reason="stalled"}');
    enginePort.muted = true; // no heartbeat: the engine's event loop looks stuck
    await until(() => link.stalled());
    const before = handedOver();

    const ack = await command('help', 'stalled-help');
    expect(ack.status).toBe(200);
    expect(ack.json).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
    expect((await event('UOWNER')).status).toBe(503);
    expect((await click('UOWNER')).status).toBe(503);
    expect(handedOver()).toBe(before);
    // The engine's lag is what its missed heartbeats say.
    expect(await metric('closeout_engine_event_loop_lag_seconds')).toBeGreaterThanOrEqual(
      (STALLED_AFTER_MS - ENGINE_HEARTBEAT_MS) / 1000,
    );
    // /healthz says so too (its probe is kept a second).
    await until(async () => (await fetch(`http://127.0.0.1:${front.port}/healthz`)).status === 503);
    expect(await metric('closeout_requests_refused_total', '{reason="stalled"}')).toBe(refusedBefore + 3);

    enginePort.muted = false;
    await until(() => !link.stalled());
    const answered = answers();
    expect((await command('help', 'after-stall')).text).toBe('');
    await fake.waitFor(() => answers() === answered + 1);
  });

  it('bounds the queue and each person’s share; every command acked is answered', async () => {
    const before = answers();
    Object.assign(limits, { maxQueue: 3, perUser: 2 });
    enginePort.hold();
    try {
      const post = (user: string, id: string) =>
        postSigned(
          events(),
          commandBody({ text: 'help', userId: user, teamId: TEAM, responseUrl: fake.responseUrl(id) }),
          form,
        );
      expect((await post('UOWNER', 'q1')).text).toBe('');
      expect((await post('UOWNER', 'q2')).text).toBe('');
      // Over that person's share, while the queue has room for someone else.
      expect((await post('UOWNER', 'q3')).json).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
      expect((await click('UOWNER')).status).toBe(503);
      expect((await post('ULEAD', 'q4')).text).toBe('');
      // The queue is full.
      expect((await post('UVIEWER', 'q5')).json).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
      expect((await event('UVIEWER')).status).toBe(503);
      expect(await metric('closeout_queue_depth')).toBe(3);
      expect(await metric('closeout_queue_oldest_age_seconds')).toBeGreaterThan(0);
    } finally {
      Object.assign(limits, DEFAULT_ADMISSION);
      enginePort.release();
    }
    await link.idle();
    await fake.waitFor(() => answers() === before + 3);
    expect(await metric('closeout_queue_depth')).toBe(0);
  });

  it('counts acks, refusals and bodies over the limit on GET /metrics, with what the engine reports', async () => {
    const acked = await metric('closeout_requests_acked_total');
    const user = await metric('closeout_requests_refused_total', '{reason="user"}');
    const tooLarge = await metric('closeout_requests_too_large_total');
    expect((await command('help', 'counted')).status).toBe(200);
    Object.assign(limits, { perUser: 0 });
    try {
      expect((await command('help', 'refused')).json).toMatchObject({ text: BUSY_TEXT });
    } finally {
      Object.assign(limits, DEFAULT_ADMISSION);
    }
    const big = await fetch(events(), {
      method: 'POST',
      headers: { 'content-type': form },
      body: 'a'.repeat(5 * 1024 * 1024),
    }).catch(() => null); // the front may close the connection while the body is on its way
    expect(big === null || big.status === 413).toBe(true);
    expect(await metric('closeout_requests_acked_total')).toBe(acked + 1);
    expect(await metric('closeout_requests_refused_total', '{reason="user"}')).toBe(user + 1);
    expect(await metric('closeout_requests_too_large_total')).toBe(tooLarge + 1);
    // The engine's counts arrive with its heartbeat.
    countDelivery('sent', 'cycle-prompts');
    countJobRun('cycle-prompts');
    await until(async () => (await metric('closeout_deliveries_sent_total', '{kind="cycle-prompts"}')) >= 1);
    expect(await metric('closeout_job_runs_total', '{job="cycle-prompts"}')).toBeGreaterThanOrEqual(1);
    const text = await (await fetch(`http://127.0.0.1:${front.port}/metrics`)).text();
    expect(text).toContain('# TYPE closeout_engine_event_loop_lag_seconds gauge');
    expect(text).toContain('# TYPE closeout_deliveries_owed gauge');
  });

  it('sends one health check to the engine for concurrent /healthz requests', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_050)); // past the last answer's second
    const checks = () => enginePort.received.filter((m) => m.type === 'health').length;
    const before = checks();
    enginePort.hold();
    const pending = Array.from({ length: 5 }, () => fetch(`http://127.0.0.1:${front.port}/healthz`));
    await until(() => checks() > before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    enginePort.release();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(checks()).toBe(before + 1);
  });
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
  it('fails what waits on it at once: a modal is not acked (Slack shows its error), /healthz says unreachable', async () => {
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
    expect(res.status).toBe(503);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    expect(await lostFront.stop(1_000)).toBe(false);
    lonely.port1.close();
  });
});

describe('a stop with a stalled engine', () => {
  it('gives up on the engine at the deadline: stop() resolves false within its timeout', async () => {
    // An engine that took a request and never answers again (its event loop stuck for good).
    const stuck = new MessageChannel();
    const handed: unknown[] = [];
    stuck.port2.on('message', (m) => handed.push(m));
    const link = new EngineLink(stuck.port1);
    const stalledFront = await startSlackFront({
      settings: { PORT: 0, LOG_LEVEL: 'silent', SLACK_SIGNING_SECRET: SIGNING_SECRET },
      logger: createLogger('silent'),
      engine: link,
      teamId: TEAM,
    });
    const url = `http://127.0.0.1:${stalledFront.port}/slack/events`;
    const ack = await postSigned(
      url,
      commandBody({ text: 'help', userId: 'U1', teamId: TEAM, responseUrl: 'http://127.0.0.1:9/x' }),
      form,
    );
    expect(ack.status).toBe(200);
    expect(link.unfinished()).toEqual({ '/closeout': 1 });
    const started = Date.now();
    expect(await stalledFront.stop(1_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_300);
    expect(handed.map((m) => (m as { type: string }).type)).toEqual(['request', 'stop']);
    stuck.port1.close();
  });
});

describe('a request that cannot be handed to the engine', () => {
  it('is answered 500 and not kept: it takes no place in the queue or in its sender’s share', async () => {
    // The engine's port throws as structured clone does on a body nested thousands deep.
    const port: Port = {
      postMessage(message) {
        if ((message as { type: string }).type === 'request') throw new RangeError('Maximum call stack size exceeded');
      },
      on: () => undefined,
    };
    const refusing = new EngineLink(port);
    const refusingFront = await startSlackFront({
      settings: { PORT: 0, LOG_LEVEL: 'silent', SLACK_SIGNING_SECRET: SIGNING_SECRET },
      logger: createLogger('silent'),
      engine: refusing,
      teamId: TEAM,
      limits: { ...DEFAULT_ADMISSION, perUser: 1 },
    });
    const url = `http://127.0.0.1:${refusingFront.port}`;
    const post = () =>
      postSigned(
        `${url}/slack/events`,
        commandBody({ text: 'help', userId: 'U1', teamId: TEAM, responseUrl: 'http://127.0.0.1:9/x' }),
        form,
      );
    // With the first one kept, the second would be over U1's share of one and told busy.
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(500);
    expect(refusing.pending).toBe(0);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('closeout_queue_depth 0');
    expect(metrics).toContain('closeout_requests_refused_total{reason="user"} 0');
    await refusingFront.stop(500);
  });
});
