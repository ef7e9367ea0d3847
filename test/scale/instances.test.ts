import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION } from '../../src/slack/ids.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createTestDb, testDbReady, type TestDb } from '../support/db.js';
import { FakeSlack } from '../support/fake-slack.js';
import { LEADER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';
import { spawnCli } from '../jobs/procs.js';
import { keyOf } from '../support/jobs.js';
import { commandBody, eventBody, interactionBody } from '../support/slack-requests.js';
import { blockActionsPayload } from '../support/test-app.js';

/**
 * Several real instances (`src/main.ts` processes, scheduler on in each) and operators' CLI runs on one
 * PostgreSQL database, with one fake Slack: every scheduled message goes out once, any instance answers
 * any request, a sign-off is won once, and an event Slack delivers to two instances is recorded once.
 */
const LEADER2 = { teamId: TEAM, userId: 'ULEADER2' };
const OWNERS = Array.from({ length: 30 }, (_, i) => `UINST${String(i).padStart(3, '0')}`);
const FORM = 'application/x-www-form-urlencoded';

let t: TestDb;
let fake: FakeSlack;
let apps: AppProcess[] = [];
let deps: ReturnType<typeof makeDeps>['deps'];

/** How often each dedupe key was posted. */
function postsPerKey(prefix = ''): Map<string, number> {
  const counts = new Map<string, number>();
  // Messages with no key (answers to users, not scheduled deliveries) are not counted.
  for (const key of fake.messages.map(keyOf).filter((k) => k && k.startsWith(prefix)))
    counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await check());) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  t = createTestDb();
  await testDbReady(t.url);
  deps = makeDeps(t.db, new Date().toISOString()).deps;
  // Cycle 0 began at midnight UTC today: each instance's first scheduler run finds its prompts due.
  await seedBoard(deps, {
    timezone: 'UTC',
    anchorDate: DateTime.utc().toISODate()!,
    promptTime: '00:00',
    leaders: [LEADER.userId, LEADER2.userId],
  });
  for (const ownerId of OWNERS) await createProblem(deps, LEADER, 'RECT', { title: `Problem of ${ownerId}`, ownerId });
  // Two instances start at once, both with the scheduler on.
  apps = await Promise.all(
    [0, 1].map(() => startAppProcess({ databaseUrl: t.url, slackApiUrl: fake.apiUrl, scheduler: 'on' })),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await fake?.stop();
  await t?.close();
}, 60_000);

describe('two instances with the scheduler on, one PostgreSQL database', () => {
  it('send one prompt per owner per cycle between them', async () => {
    const expected = OWNERS.map((id) => `prompt:RECT:cycle-0:${id}`).sort();
    await until(() => postsPerKey('prompt:').size === OWNERS.length, 60_000, 'every prompt');
    // Give a late duplicate the time to show up, then check nothing went out twice.
    await new Promise((r) => setTimeout(r, 1_500));
    const counts = postsPerKey();
    expect([...postsPerKey('prompt:').keys()].sort()).toEqual(expected);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    const rows = await t.db.delivery.findMany({ where: { job: 'cycle-prompts' } });
    expect(rows).toHaveLength(OWNERS.length);
    expect(rows.every((r) => r.state === 'sent' && r.slackTs)).toBe(true);
    for (const a of apps) expect(a.child.exitCode).toBeNull();
  }, 90_000);

  it('answer every command, whichever instance gets it', async () => {
    const before = fake.callsTo('response_url').length;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apps[i % 2]!.post(
          commandBody({
            text: 'list all',
            userId: OWNERS[i]!,
            teamId: TEAM,
            responseUrl: fake.responseUrl(`list-${i}`),
          }),
          FORM,
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
    // Each is answered through its response_url with the board's problems.
    await until(() => fake.callsTo('response_url').length - before >= 20, 30_000, 'every answer');
    const answers = fake.callsTo('response_url').slice(before);
    expect(answers.every((c) => JSON.stringify(c.args).includes('RECT-'))).toBe(true);
  }, 60_000);

  it('approve a closeout request once when two leaders click at the same moment on different instances', async () => {
    const { request } = await requestCloseout(
      deps,
      { teamId: TEAM, userId: OWNERS[0]! },
      (await t.db.problem.findFirstOrThrow({ where: { ownerId: OWNERS[0] } })).key,
      { evidence: 'Done; photos in the shared folder.' },
    );
    const click = (userId: string, i: number) =>
      apps[i]!.post(
        interactionBody(
          blockActionsPayload(
            {
              userId,
              actionId: ACTION.approve,
              value: String(request.id),
              blockId: `closeout_request:${request.id}`,
              message: { channel: `D${userId.slice(1)}`, ts: `1700000009.00000${i}` },
            },
            fake.responseUrl(`approve-${userId}`),
          ),
        ),
        FORM,
      );
    const acks = await Promise.all([click(LEADER.userId, 0), click(LEADER2.userId, 1)]);
    expect(acks.map((a) => a.status)).toEqual([200, 200]);
    await until(
      async () => (await t.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).state !== 'pending',
      30_000,
      'the decision',
    );
    await new Promise((r) => setTimeout(r, 1_500));
    const decided = await t.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(decided.state).toBe('approved');
    const decisions = await t.db.auditEvent.findMany({
      where: { targetType: 'closeout', targetId: String(request.id), action: 'closeout.approve' },
    });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.actorId).toBe(decided.decidedBy);
    const problem = await t.db.problem.findUniqueOrThrow({ where: { id: request.problemId } });
    expect(problem.status).toBe('closed');
    // The loser is told who won.
    await until(
      () => fake.calls.some((c) => c.method === 'response_url' && String(c.args.text).includes('already approved')),
      30_000,
      'the loser to be told',
    );
  }, 60_000);

  it('record a chat reply once when Slack delivers the same event to both instances', async () => {
    const owner = OWNERS[1]!;
    const key = (await t.db.problem.findFirstOrThrow({ where: { ownerId: owner } })).key;
    const ts = '1765000123.000100';
    const body = eventBody(TEAM, {
      type: 'message',
      channel: `D${owner.slice(1)}`,
      channel_type: 'im',
      user: owner,
      text: `${key} 60% on track hired two clerks`,
      ts,
      event_ts: ts,
    });
    const acks = await Promise.all(apps.map((a) => a.post(body, 'application/json')));
    expect(acks.map((a) => a.status)).toEqual([200, 200]);
    const updates = () => t.db.update.findMany({ where: { problem: { key }, source: 'chat' } });
    await until(async () => (await updates()).length > 0, 30_000, 'the update');
    await new Promise((r) => setTimeout(r, 1_500));
    const recorded = await updates();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ percent: 60, health: 'on_track', authorId: owner });
    expect(await t.db.chatReply.count({ where: { ts } })).toBeLessThanOrEqual(1);
  }, 60_000);
});

describe('operators on several machines', () => {
  it('three `run-job all` at once send each message once', async () => {
    // A later cycle, so the instances' own runs have nothing of it to send.
    const at = DateTime.utc().plus({ days: 14, hours: 1 }).toISO()!;
    const before = fake.messages.length;
    const env = { DATABASE_URL: t.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl };
    const runs = [0, 1, 2].map(() => spawnCli(['run-job', 'all', '--at', at], env, { timeoutMs: 150_000 }));
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    // (The instances' schedulers may send some of what the runs recorded: pending rows are anyone's.)
    await until(
      async () => (await t.db.delivery.count({ where: { state: { not: 'sent' } } })) === 0,
      30_000,
      'every delivery sent',
    );
    const keys = fake.messages.slice(before).map(keyOf);
    const prompts = keys.filter((k) => k.startsWith('prompt:RECT:cycle-1:')).sort();
    // Every owner with an open problem (the first one's was closed by the sign-off above).
    const open = await t.db.problem.findMany({ where: { status: { not: 'closed' } }, select: { ownerId: true } });
    expect(prompts).toEqual([...new Set(open.map((p) => `prompt:RECT:cycle-1:${p.ownerId}`))].sort());
    expect(prompts.length).toBeGreaterThanOrEqual(OWNERS.length - 1);
    expect([...postsPerKey().entries()].filter(([, n]) => n > 1)).toEqual([]);
  }, 200_000);
});
