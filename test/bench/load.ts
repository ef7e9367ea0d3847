import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { commandBody } from '../support/slack-requests.js';
import { closeoutEntry, floorEntry, startServer, type BenchProcess } from './procs.js';
import { startFake } from './prompts.js';
import { benchOwner, seedBoard } from './seed.js';

/**
 * Issue 12's black-box figures: Closeout (its own process, `npm start`'s entry) and a bare Bolt app
 * (test/bench/bare-bolt.mjs) take the same signed slash commands at a steady rate from a fake Slack that
 * adds `latencyMs` to every Web API call, one after the other in the same run: ack p99 (HTTP response),
 * resident memory (idle, peak), and cold start to a healthy /healthz.
 */
export interface LoadOptions {
  problems: number;
  commands: number;
  latencyMs: number;
}

export interface AckRun {
  p50: number;
  p99: number;
  errors: number;
}

export interface ServerFigures {
  startMs: number;
  /** RSS once up (idle, nothing asked yet) and after 200 commands at 100/s, settled. */
  idleMb: number;
  after200Mb: number;
  withSummary200: AckRun;
  withoutSummary200: AckRun;
  withSummary100: AckRun;
  /** High-water mark of RSS over the process's life, read after the runs settled. */
  peakMb: number;
}

export interface LoadFigures {
  compiled: boolean;
  problems: number;
  commands: number;
  floor: ServerFigures;
  closeout: ServerFigures;
}

const TEAM = 'T0TEST'; // the fake Slack's team
const OWNERS = 50;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** The mix: `list mine`, `show`, `list overdue`, `help`, and (1 in 5) `summary` by the board's leader. */
function commandText(i: number, withSummary: boolean, problems: number): { text: string; user: string } {
  const owner = benchOwner(i % OWNERS);
  const kinds = withSummary ? 5 : 4;
  switch (i % kinds) {
    case 0:
      return { text: 'list mine', user: owner };
    case 1:
      return { text: `show LOAD-${(i % problems) + 1}`, user: owner };
    case 2:
      return { text: 'list overdue', user: 'ULEAD' };
    case 3:
      return { text: 'help', user: owner };
    default:
      return { text: 'summary LOAD', user: 'ULEAD' };
  }
}

/** `count` commands at `rate` per second, each sent on schedule whatever the previous ones do. */
async function fire(
  server: BenchProcess,
  opts: { count: number; rate: number; withSummary: boolean; problems: number; apiUrl: string },
): Promise<AckRun> {
  const results = await Promise.all(
    Array.from({ length: opts.count }, async (_, i) => {
      await sleep((i * 1000) / opts.rate);
      const { text, user } = commandText(i, opts.withSummary, opts.problems);
      const body = commandBody({
        text,
        userId: user,
        teamId: TEAM,
        responseUrl: `${opts.apiUrl.replace(/api\/$/, '')}response/load-${i}`,
      });
      try {
        return await server.post(body);
      } catch {
        return { status: 0, ms: Number.NaN };
      }
    }),
  );
  const ok = results.filter((r) => r.status === 200).map((r) => r.ms);
  const sorted = ok.sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), errors: opts.count - ok.length };
}

/** Waits until the fake Slack has seen no call for `quietMs` (the work after the acks is done), at most a minute. */
async function settle(count: () => Promise<number>, quietMs = 500): Promise<void> {
  const until = performance.now() + 30_000;
  let last = await count();
  while (performance.now() < until) {
    await sleep(quietMs);
    const now = await count();
    if (now === last) return;
    last = now;
  }
}

async function measureServer(
  args: string[],
  env: Record<string, string>,
  opts: LoadOptions,
  fake: { apiUrl: string; count(): Promise<number> },
): Promise<ServerFigures> {
  const server = await startServer(args, env);
  try {
    await sleep(1_000);
    const idleMb = server.memory().rssMb;
    const common = { problems: opts.problems, apiUrl: fake.apiUrl };
    await fire(server, { ...common, count: 200, rate: 100, withSummary: false });
    await settle(() => fake.count());
    const after200Mb = server.memory().rssMb;
    const withSummary200 = await fire(server, { ...common, count: opts.commands, rate: 200, withSummary: true });
    await settle(() => fake.count());
    const withoutSummary200 = await fire(server, { ...common, count: opts.commands, rate: 200, withSummary: false });
    await settle(() => fake.count());
    const withSummary100 = await fire(server, { ...common, count: opts.commands, rate: 100, withSummary: true });
    await settle(() => fake.count());
    const peakMb = server.memory().peakMb;
    return { startMs: server.startMs, idleMb, after200Mb, withSummary200, withoutSummary200, withSummary100, peakMb };
  } catch (error) {
    process.stderr.write(server.output());
    throw error;
  } finally {
    await server.stop();
  }
}

export async function benchLoad(opts: LoadOptions): Promise<LoadFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-load-'));
  const url = `file:${path.join(dir, 'load.db')}`;
  migrate(url);
  const db = createDb(url);
  const per = Math.ceil(opts.problems / OWNERS);
  const { problems } = await seedBoard(db, { teamId: TEAM, code: 'LOAD', owners: OWNERS, perOwner: () => per });
  await db.$disconnect();
  const fake = await startFake(opts.latencyMs);
  try {
    const entry = closeoutEntry();
    const floor = await measureServer(floorEntry(entry.compiled), { SLACK_API_URL: fake.apiUrl }, opts, fake);
    // BENCH_PROFILE_DIR=dir: Closeout writes a CPU profile there when it stops (what starves the acks).
    const profile = process.env.BENCH_PROFILE_DIR;
    const closeout = await measureServer(
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...entry.args] : entry.args,
      {
        ...entry.env,
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_API_URL: fake.apiUrl,
        CLOSEOUT_SCHEDULER: 'off',
        LOG_LEVEL: 'warn',
      },
      opts,
      fake,
    );
    return { compiled: entry.compiled, problems, commands: opts.commands, floor, closeout };
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
