import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createTestDb, testDbReady, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';
import { commandBody } from '../support/slack-requests.js';

// The database server drops every connection (a restart, a failover) while an instance is answering
// commands: it does not crash, what was in flight fails or succeeds visibly, and the next requests succeed.
let t: TestDb;
let fake: FakeSlack;
let app: AppProcess;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  t = createTestDb();
  await testDbReady(t.url);
  const { deps } = makeDeps(t.db);
  await seedBoard(deps);
  for (let i = 0; i < 5; i++) await createProblem(deps, LEADER, 'RECT', { title: `Problem ${i}`, ownerId: 'UOWNER' });
  app = await startAppProcess({ databaseUrl: t.url, slackApiUrl: fake.apiUrl });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await t?.close();
}, 30_000);

/** Ends every connection to the test database but the caller's, as a server restart does. */
async function terminateBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.filter((r) => r.ended).length;
  } finally {
    await admin.end();
  }
}

let sent = 0;
const list = () =>
  app.post(
    commandBody({ text: 'list all', userId: 'UOWNER', teamId: TEAM, responseUrl: fake.responseUrl(`r${++sent}`) }),
    'application/x-www-form-urlencoded',
  );
const answers = () => fake.callsTo('response_url');

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  for (const end = Date.now() + timeoutMs; !check();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('an instance on PostgreSQL when the server drops its connections', () => {
  it('keeps running: requests in flight are answered (with the data or a clear error), later ones succeed', async () => {
    // Warm: the pool holds open connections.
    expect((await list()).status).toBe(200);
    await until(() => answers().length === 1, 20_000, 'the first answer');

    // Commands keep arriving while every backend connection is terminated.
    const inFlight = Array.from({ length: 10 }, (_, i) => new Promise((r) => setTimeout(r, i * 30)).then(() => list()));
    const ended = await terminateBackends();
    expect(ended).toBeGreaterThan(0);
    const acks = await Promise.all(inFlight);
    expect(acks.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 200));
    // Each of them hears back: the list, or an apology that names no stack trace.
    await until(() => answers().length === 11, 30_000, 'an answer to every command in flight');
    for (const a of answers()) expect(JSON.stringify(a.args)).not.toMatch(/at .*\.(ts|js):\d+|PrismaClient/);

    // The next requests all succeed, on fresh connections, and the process never exited.
    const before = answers().length;
    for (let i = 0; i < 5; i++) expect((await list()).status).toBe(200);
    await until(() => answers().length === before + 5, 30_000, 'the next answers');
    for (const a of answers().slice(before)) expect(JSON.stringify(a.args)).toContain('RECT-');
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(app.child.exitCode).toBeNull();
    expect(app.output()).not.toMatch(/uncaught|unhandled/i);
  }, 90_000);
});
