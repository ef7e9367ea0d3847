import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ConfigError } from '../../src/config/config-error.js';
import { parseEnv, requireSlackEnv } from '../../src/config/env.js';
import { fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging/logger.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createProblem } from '../../src/services/problems.js';
import { BUSY_TEXT, DEFAULT_ADMISSION } from '../../src/runtime/admission.js';
import { startSlackApp, type RunningSlackApp } from '../../src/runtime/one-thread.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { ADMIN, LEADER, OTHER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { commandBody, eventBody } from '../support/slack-requests.js';

/** Slack's side of a Socket Mode link on loopback: says hello, sends envelopes, records what the app sends back. */
class FakeSocketLink {
  readonly received: { at: number; message: Record<string, unknown> }[] = [];
  readonly closes: { code: number; at: number }[] = [];
  connections = 0;
  private socket?: WebSocket;
  private envelopes = 0;
  private readonly wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });

  async start(): Promise<this> {
    await once(this.wss, 'listening');
    this.wss.on('connection', (socket) => {
      this.connections += 1;
      this.socket = socket;
      socket.on('message', (data) =>
        this.received.push({ at: performance.now(), message: JSON.parse(String(data)) as Record<string, unknown> }),
      );
      socket.on('close', (code) => this.closes.push({ code, at: performance.now() }));
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'applink-test', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0CLOSEOUT' },
        }),
      );
    });
    return this;
  }

  /** What apps.connections.open answers. */
  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link/?ticket=test`;
  }

  get open(): boolean {
    return this.socket?.readyState === this.socket?.OPEN;
  }

  sendRaw(message: Record<string, unknown>): void {
    if (!this.socket) throw new Error('the app has not connected');
    this.socket.send(JSON.stringify(message));
  }

  /** Sends one envelope; resolves with its id and the time it was sent. */
  send(
    type: string,
    payload: Record<string, unknown>,
    acceptsResponsePayload: boolean,
  ): { id: string; sentAt: number } {
    this.envelopes += 1;
    const id = `env-${this.envelopes}`;
    const extra = type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {};
    this.sendRaw({ envelope_id: id, type, accepts_response_payload: acceptsResponsePayload, payload, ...extra });
    return { id, sentAt: performance.now() };
  }

  /** Waits for the app's acknowledgement of an envelope; returns it and how long it took. */
  async ack(sent: { id: string; sentAt: number }): Promise<{ message: Record<string, unknown>; ms: number }> {
    const found = await vi.waitFor(
      () => {
        const ack = this.received.find((r) => r.message.envelope_id === sent.id);
        if (!ack)
          throw new Error(`no ack for ${sent.id}; received: ${JSON.stringify(this.received.map((r) => r.message))}`);
        return ack;
      },
      { timeout: 3_000, interval: 5 },
    );
    return { message: found.message, ms: found.at - sent.sentAt };
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve, reject) => this.wss.close((err) => (err ? reject(err) : resolve())));
  }
}

/** Resolves once no more handles of each kind (sockets, servers, timers) are open than at `before`. */
async function handlesBackTo(before: string[]): Promise<void> {
  const count = (list: string[]) => list.reduce<Record<string, number>>((n, r) => ({ ...n, [r]: (n[r] ?? 0) + 1 }), {});
  const allowed = count(before);
  // A plain loop, not vi.waitFor: its own timers would count. Closing sockets take a few ticks to go.
  let extra: [string, number][] = [];
  for (let tries = 0; tries < 100; tries += 1) {
    extra = Object.entries(count(process.getActiveResourcesInfo())).filter(([kind, n]) => n > (allowed[kind] ?? 0));
    if (!extra.length) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(Object.fromEntries(extra)).toEqual({});
}

const AT = '2026-11-25T02:00:00Z';
/** The app's bounds on work in hand: read at each request, so a test can tighten them for a while. */
const limits = { ...DEFAULT_ADMISSION };
/** Slack asks for an ack within 3 s; ours comes before any database or Web API work. */
const ACK_BUDGET_MS = 1_000;

let fake: FakeSlack;
let link: FakeSocketLink;
let testDb: TestDb;
let deps: ServiceDeps;
let running: RunningSlackApp;
let resourcesBefore: string[];

beforeAll(async () => {
  resourcesBefore = process.getActiveResourcesInfo();
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  link = await new FakeSocketLink().start();
  fake.on('apps.connections.open', () => ({ ok: true, url: link.url }));
  testDb = createTestDb();
  deps = { db: testDb.db, clock: fixedClock(AT), admins: new Set([ADMIN.userId]) };
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', {
    title: 'Queue times at the permit window',
    description: 'People wait two hours.',
    category: 'Permits',
    source: 'Complaints hotline',
    ownerId: OWNER.userId,
    unit: 'Permit office',
    deadline: '2026-12-20',
    measures: ['Hire a clerk'],
  }); // RECT-1
  const env = parseEnv({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-test',
    SLACK_API_URL: fake.apiUrl,
    CLOSEOUT_ADMINS: ADMIN.userId,
    LOG_LEVEL: 'silent',
  });
  requireSlackEnv(env);
  running = await startSlackApp({ env, deps, logger: createLogger('silent'), port: 0, limits });
});

let appStopped: Promise<unknown> | undefined;
const stopApp = () => (appStopped ??= running?.stop() ?? Promise.resolve());
let stopped: Promise<void> | undefined;
/** The app first, then its fakes and the database; once, whichever of the last test and afterAll gets there first. */
function stopAll(): Promise<void> {
  stopped ??= (async () => {
    await stopApp();
    await link?.stop();
    await fake?.stop();
    await testDb?.close();
  })();
  return stopped;
}

afterAll(async () => {
  expect(blockKitProblems(fake.calls)).toEqual([]);
  await stopAll();
});

describe('Socket Mode', () => {
  it('opens the link through the configured Web API and connects to the URL it returns', () => {
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(link.connections).toBe(1);
    expect(link.open).toBe(true);
    expect(running.teamId).toBe(TEAM);
  });

  it('answers GET /healthz on its own HTTP port, and nothing else there', async () => {
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    const events = await fetch(`http://127.0.0.1:${running.port}/slack/events`, { method: 'POST', body: '{}' });
    expect(events.status).toBe(404);
  });

  it('acks a slash command on the socket at once, then answers at its response_url', async () => {
    const before = fake.callsTo('response_url').length;
    const payload = Object.fromEntries(
      new URLSearchParams(
        commandBody({ text: 'help', userId: OTHER.userId, teamId: TEAM, responseUrl: fake.responseUrl('socket-cmd') }),
      ),
    );
    const sent = link.send('slash_commands', payload, true);
    const { message, ms } = await link.ack(sent);
    expect(message.envelope_id).toBe(sent.id);
    expect(ms).toBeLessThan(ACK_BUDGET_MS);

    const reply = await fake.waitForCall('response_url', before + 1);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(reply.args.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header' })]));
    expect(JSON.stringify(reply.args.blocks)).toContain('/closeout list');
  });

  it('acks a button click and does its work: No change from the App Home', async () => {
    const before = await testDb.db.update.count({ where: { problem: { key: 'RECT-1' } } });
    const calls = fake.calls.length;
    const sent = link.send(
      'interactive',
      {
        type: 'block_actions',
        team: { id: TEAM, domain: 'test' },
        user: { id: OWNER.userId, username: 'uowner', name: 'uowner', team_id: TEAM },
        api_app_id: 'A0CLOSEOUT',
        token: 'legacy',
        trigger_id: 'trigger-socket',
        container: { type: 'view', view_id: 'VHOME' },
        view: { id: 'VHOME', type: 'home', callback_id: '', private_metadata: '', state: { values: {} } },
        actions: [
          {
            type: 'button',
            action_id: ACTION.noChange,
            block_id: 'b',
            value: 'RECT-1',
            text: { type: 'plain_text', text: 'No change' },
            action_ts: '1',
          },
        ],
      },
      false,
    );
    const { ms } = await link.ack(sent);
    expect(ms).toBeLessThan(ACK_BUDGET_MS);

    const publish = await fake.waitFor((all) =>
      all.slice(calls).find((c) => c.method === 'views.publish' && c.args.user_id === OWNER.userId),
    );
    expect(JSON.stringify(publish.args.view)).toContain('RECT-1');
    const updates = await testDb.db.update.findMany({ where: { problem: { key: 'RECT-1' } }, orderBy: { id: 'asc' } });
    expect(updates).toHaveLength(before + 1);
    expect(updates.at(-1)).toMatchObject({ authorId: OWNER.userId });
  });

  it('acks an event and handles it: opening the Home tab publishes the Home', async () => {
    const calls = fake.calls.length;
    const payload = JSON.parse(
      eventBody(TEAM, {
        type: 'app_home_opened',
        user: OWNER.userId,
        channel: 'DOWNER',
        tab: 'home',
        event_ts: '1700000000.000100',
      }),
    ) as Record<string, unknown>;
    const sent = link.send('events_api', payload, false);
    const { ms } = await link.ack(sent);
    expect(ms).toBeLessThan(ACK_BUDGET_MS);

    const publish = await fake.waitFor((all) =>
      all.slice(calls).find((c) => c.method === 'views.publish' && c.args.user_id === OWNER.userId),
    );
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Queue times at the permit window');
  });

  it('when busy, says so in a slash command’s ack and leaves an event unacked (Slack retries it)', async () => {
    Object.assign(limits, { perUser: 0 });
    try {
      const payload = Object.fromEntries(
        new URLSearchParams(
          commandBody({ text: 'help', userId: OTHER.userId, teamId: TEAM, responseUrl: fake.responseUrl('busy') }),
        ),
      );
      const { message } = await link.ack(link.send('slash_commands', payload, true));
      expect(message.payload).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
      const event = JSON.parse(
        eventBody(TEAM, { type: 'app_home_opened', user: OWNER.userId, channel: 'DOWNER', tab: 'home' }),
      ) as Record<string, unknown>;
      const sent = link.send('events_api', event, false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(link.received.filter((r) => r.message.envelope_id === sent.id)).toEqual([]);
    } finally {
      Object.assign(limits, DEFAULT_ADMISSION);
    }
  });

  it('reconnects when Slack asks it to refresh the link, and keeps answering', { timeout: 15_000 }, async () => {
    const opened = fake.callsTo('apps.connections.open').length;
    link.sendRaw({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-test' } });
    // The client waits its reconnect delay (5 s by default) before it asks for a new link.
    await fake.waitForCall('apps.connections.open', opened + 1, 10_000);
    await vi.waitFor(() => expect([link.connections, link.open]).toEqual([2, true]));
    expect(link.closes.map((c) => c.code)).toEqual([1000]);

    const before = fake.callsTo('response_url').length;
    const payload = Object.fromEntries(
      new URLSearchParams(
        commandBody({
          text: 'help',
          userId: OTHER.userId,
          teamId: TEAM,
          responseUrl: fake.responseUrl('socket-cmd-2'),
        }),
      ),
    );
    const sent = link.send('slash_commands', payload, true);
    expect((await link.ack(sent)).ms).toBeLessThan(ACK_BUDGET_MS);
    await fake.waitForCall('response_url', before + 1);
  });

  it('stop() closes the socket cleanly before it resolves and leaves nothing running', async () => {
    const closes = link.closes.length;
    await stopApp();
    // By the time stop() resolves Slack's side has the app's close frame (and has answered it): nothing more
    // will arrive on this socket once the caller closes the database.
    expect(link.open).toBe(false);
    await vi.waitFor(() => expect(link.closes.slice(closes).map((c) => c.code)).toEqual([1000])); // a normal closure
    await new Promise((r) => setTimeout(r, 50));
    expect(link.connections).toBe(2); // no reconnect after a deliberate stop
    await stopAll();
    // No timer, socket or server of ours outlives stop(): the test process can exit at once.
    await handlesBackTo(resourcesBefore);
  });
});

describe('Socket Mode when Slack refuses the app-level token', () => {
  it('fails to start with an error that names SLACK_APP_TOKEN, and leaves nothing running', async () => {
    const before = process.getActiveResourcesInfo();
    const refusing = await new FakeSlack().start();
    refusing.teamId = TEAM;
    refusing.on('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    const db = createTestDb();
    try {
      const env = parseEnv({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-revoked',
        SLACK_API_URL: refusing.apiUrl,
        LOG_LEVEL: 'silent',
      });
      requireSlackEnv(env);
      const started = startSlackApp({
        env,
        deps: { db: db.db, clock: fixedClock(AT), admins: new Set() },
        logger: createLogger('silent'),
        port: 0,
      });
      // main.ts prints a ConfigError as "fix these environment variables" and exits.
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(
        'SLACK_APP_TOKEN: Slack refused it when opening the Socket Mode connection (invalid_auth)',
      );
      expect(refusing.callsTo('apps.connections.open')).toHaveLength(1); // refused for good: no retry loop
    } finally {
      await refusing.stop();
      await db.close();
    }
    await handlesBackTo(before);
  });
});
