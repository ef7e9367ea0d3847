import { fixedClock } from '../../src/domain/clock.js';
import type { RetryOptions } from '@slack/web-api';
import { runJob, type JobSelection } from '../../src/jobs/runner.js';
import { createSlackSender } from '../../src/slack/sender.js';
import type { JobDeps, RunReport, Tuning } from '../../src/jobs/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { createProblem } from '../../src/services/problems.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTestDb, type TestDb } from './db.js';
import type { TestApp } from './test-app.js';
import { FakeSlack, type PostedMessage } from './fake-slack.js';
import { ADMIN, LEADER, TEAM } from './fixtures.js';

/** Retries fast enough for tests, still several of them, with a short per-call timeout. */
export const FAST_RETRY: RetryOptions = {
  retries: 8,
  factor: 1.5,
  minTimeout: 5,
  maxTimeout: 40,
  maxRetryTime: 20_000,
};
export const FAST_TIMEOUT_MS = 500;

export interface Harness {
  fake: FakeSlack;
  testDb: TestDb;
  clock: ReturnType<typeof fixedClock>;
  deps: ServiceDeps;
  jobDeps: JobDeps;
  run(at: string | Date, job?: JobSelection, opts?: { dryRun?: boolean }): Promise<RunReport>;
  /** Posted messages whose metadata names this dedupe key. */
  postedFor(key: string): PostedMessage[];
  /** Dedupe keys of everything posted, in order. */
  postedKeys(): string[];
  stop(): Promise<void>;
}

export function keyOf(m: PostedMessage): string {
  const meta = m.metadata as { event_payload?: { key?: string } } | undefined;
  return meta?.event_payload?.key ?? '';
}

/** A fake Slack, a fresh database and the real runner and sender, with the clock at `at`. */
export async function harness(at = '2026-11-10T00:00:00Z', tuning: Partial<Tuning> = {}): Promise<Harness> {
  const fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  const testDb = createTestDb();
  const clock = fixedClock(at);
  const deps: ServiceDeps = { db: testDb.db, clock, admins: new Set([ADMIN.userId]) };
  const logger = createLogger('silent');
  const sender = createSlackSender({
    token: 'xoxb-test',
    apiUrl: fake.apiUrl,
    logger,
    retry: FAST_RETRY,
    timeoutMs: FAST_TIMEOUT_MS,
  });
  const jobDeps: JobDeps = {
    db: testDb.db,
    clock,
    logger,
    sender,
    instanceId: 'test-1',
    teamId: TEAM,
    tuning: { channelIntervalMs: 0, ...tuning },
  };
  return {
    fake,
    testDb,
    clock,
    deps,
    jobDeps,
    run: (when, job = 'all', opts = {}) => runJob(jobDeps, job, new Date(when), opts),
    postedFor: (key) => fake.messages.filter((m) => keyOf(m) === key),
    postedKeys: () => fake.messages.map(keyOf),
    async stop() {
      await fake.stop();
      await testDb.close();
    },
  };
}

/** A problem created by the leader (at the clock's time) for `ownerId`. */
export function problem(
  deps: ServiceDeps,
  ownerId: string,
  fields: { title?: string; deadline?: string | null; measures?: string[] } = {},
  board = 'RECT',
) {
  return createProblem(deps, LEADER, board, {
    title: fields.title ?? `Problem of ${ownerId}`,
    ownerId,
    deadline: fields.deadline ?? null,
    measures: fields.measures ?? [],
  });
}

/** Section and context texts of a message, joined: what a reader sees. */
export function textOf(m: { blocks?: unknown }): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'text' && typeof child === 'string') out.push(child);
        else walk(child);
      }
    }
  };
  walk(m.blocks);
  return out.join('\n');
}

/**
 * One scheduler process on a running TestApp's database: its own instance id and Slack client (no retries,
 * a short timeout), as `npm start`'s scheduler or a `run-job` process beside the bot would be.
 */
export function schedulerOn(app: Pick<TestApp, 'db' | 'clock' | 'fake'>, instanceId = 'scheduler-1'): JobDeps {
  const logger = createLogger('silent');
  const sender = createSlackSender({
    token: 'xoxb-test',
    apiUrl: app.fake.apiUrl,
    logger,
    retry: { retries: 0 },
    timeoutMs: 2_000,
  });
  return { db: app.db, clock: app.clock, logger, sender, instanceId, teamId: TEAM, tuning: { channelIntervalMs: 0 } };
}
