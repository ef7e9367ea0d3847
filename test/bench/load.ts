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
 * adds `latencyMs` to every Web API call, in alternating trials of the same run (ACK_TRIALS): ack p99 (HTTP
 * response), resident memory (idle, peak), and cold start to a healthy /healthz.
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
  /** The p99 of each trial, in order (see ACK_TRIALS); the figure is the median one. */
  trials?: number[];
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

/**
 * Each ack run is made this many times, the floor's and Closeout's trials alternating, and the figure is the
 * trial with the median p99 (every trial's p99 is printed too). On a 2-core machine one run's p99, the 10th
 * slowest of 1,000 acks, moves by half from run to run for either server alike; the median of alternating
 * trials compares them under the same conditions.
 */
export const ACK_TRIALS = 3;

type Phase = 'withSummary200' | 'withoutSummary200' | 'withSummary100';
const PHASES: { name: Phase; rate: number; withSummary: boolean }[] = [
  { name: 'withSummary200', rate: 200, withSummary: true },
  { name: 'withoutSummary200', rate: 200, withSummary: false },
  { name: 'withSummary100', rate: 100, withSummary: true },
];

function median(trials: AckRun[]): AckRun {
  const sorted = [...trials].sort((x, y) => x.p99 - y.p99);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return {
    p50: middle.p50,
    p99: middle.p99,
    errors: trials.reduce((sum, t) => sum + t.errors, 0),
    trials: trials.map((t) => t.p99),
  };
}

/** The floor and Closeout side by side: both started (each timed), then every ack run alternating between them. */
async function measureBoth(
  servers: { floor: ServerSpec; closeout: ServerSpec },
  opts: LoadOptions,
  fake: { apiUrl: string; count(): Promise<number> },
): Promise<{ floor: ServerFigures; closeout: ServerFigures }> {
  const started: BenchProcess[] = [];
  try {
    const floor = await startServer(servers.floor.args, servers.floor.env);
    started.push(floor);
    const closeout = await startServer(servers.closeout.args, servers.closeout.env);
    started.push(closeout);
    await sleep(1_000);
    const both = { floor, closeout };
    const figures = {
      floor: { startMs: floor.startMs, idleMb: floor.memory().rssMb },
      closeout: { startMs: closeout.startMs, idleMb: closeout.memory().rssMb },
    };
    const common = { problems: opts.problems, apiUrl: fake.apiUrl };
    const after200Mb: Record<'floor' | 'closeout', number> = { floor: 0, closeout: 0 };
    for (const side of ['floor', 'closeout'] as const) {
      await fire(both[side], { ...common, count: 200, rate: 100, withSummary: false });
      await settle(() => fake.count());
      after200Mb[side] = both[side].memory().rssMb;
    }
    const trials: Record<'floor' | 'closeout', Record<Phase, AckRun[]>> = {
      floor: { withSummary200: [], withoutSummary200: [], withSummary100: [] },
      closeout: { withSummary200: [], withoutSummary200: [], withSummary100: [] },
    };
    for (const phase of PHASES) {
      for (let trial = 0; trial < ACK_TRIALS; trial += 1) {
        for (const side of ['floor', 'closeout'] as const) {
          const run = { ...common, count: opts.commands, rate: phase.rate, withSummary: phase.withSummary };
          trials[side][phase.name].push(await fire(both[side], run));
          await settle(() => fake.count());
        }
      }
    }
    const result = (side: 'floor' | 'closeout'): ServerFigures => ({
      ...figures[side],
      after200Mb: after200Mb[side],
      withSummary200: median(trials[side].withSummary200),
      withoutSummary200: median(trials[side].withoutSummary200),
      withSummary100: median(trials[side].withSummary100),
      peakMb: both[side].memory().peakMb,
    });
    return { floor: result('floor'), closeout: result('closeout') };
  } catch (error) {
    for (const server of started) process.stderr.write(server.output());
    throw error;
  } finally {
    for (const server of started) await server.stop();
  }
}

interface ServerSpec {
  args: string[];
  env: Record<string, string>;
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
    // BENCH_PROFILE_DIR=dir: Closeout writes a CPU profile there when it stops (what starves the acks).
    const profile = process.env.BENCH_PROFILE_DIR;
    const { floor, closeout } = await measureBoth(
      {
        floor: { args: floorEntry(entry.compiled), env: { SLACK_API_URL: fake.apiUrl } },
        closeout: {
          args: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...entry.args] : entry.args,
          env: {
            ...entry.env,
            DATABASE_URL: url,
            SLACK_BOT_TOKEN: 'xoxb-bench',
            SLACK_API_URL: fake.apiUrl,
            CLOSEOUT_SCHEDULER: 'off',
            LOG_LEVEL: 'warn',
          },
        },
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

/** Cold start alone (`npm run bench -- --only start`): the floor and Closeout started in turn, `trials` each. */
export async function benchStart(trials: number): Promise<{ compiled: boolean; floor: number[]; closeout: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-start-'));
  const url = `file:${path.join(dir, 'start.db')}`;
  migrate(url);
  const fake = await startFake(0);
  try {
    const entry = closeoutEntry();
    const profile = process.env.BENCH_PROFILE_DIR;
    const sides = {
      floor: { args: floorEntry(entry.compiled), env: { SLACK_API_URL: fake.apiUrl } },
      closeout: {
        args: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...entry.args] : entry.args,
        env: {
          ...entry.env,
          DATABASE_URL: url,
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_API_URL: fake.apiUrl,
          CLOSEOUT_SCHEDULER: 'off',
          LOG_LEVEL: 'warn',
        },
      },
    };
    const times = { floor: [] as number[], closeout: [] as number[] };
    for (let trial = 0; trial < trials; trial += 1) {
      for (const side of ['floor', 'closeout'] as const) {
        const server = await startServer(sides[side].args, sides[side].env);
        times[side].push(server.startMs);
        await server.stop();
      }
    }
    return { compiled: entry.compiled, ...times };
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
