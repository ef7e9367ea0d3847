import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import { runJob } from '../../src/jobs/runner.js';
import { createSlackSender } from '../../src/slack/sender.js';
import { DEFAULT_TUNING } from '../../src/jobs/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { procMemory } from './procs.js';
import { startFake } from './prompts.js';
import { seedBoard } from './seed.js';

/**
 * Round prompts as issue 12 measures them: the fan-out rate (messages per second of the job alone) for
 * owners with one open problem each — the floor — and with `perOwner` each, alone and with a second board
 * of 20,000 problems held by 50 owners due at once; and the peak RSS of a `closeout run-job cycle-prompts`
 * process prompting thousands of owners.
 */
const TEAM = 'T0BENCH';
const PROMPT_AT = '2026-11-16T01:00:00Z'; // round 1 of the seeded boards opens then

export interface RateFigures {
  messages: number;
  owners: number;
  problems: number;
  perSecond: number;
}

/** One `cycle-prompts` run in this process over boards seeded by `seed`; the rate of the job alone. */
async function rateOf(
  latencyMs: number,
  seed: (db: ReturnType<typeof createDb>) => Promise<{ owners: number; problems: number }>,
): Promise<RateFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-fanout-'));
  const url = `file:${path.join(dir, 'fanout.db')}`;
  migrate(url);
  const db = createDb(url);
  const fake = await startFake(latencyMs);
  try {
    const seeded = await seed(db);
    const logger = createLogger('warn');
    const sender = createSlackSender({ token: 'xoxb-bench', apiUrl: fake.apiUrl, logger });
    const deps = { db, clock: systemClock, logger, sender, instanceId: 'bench', teamId: TEAM, tuning: DEFAULT_TUNING };
    const started = performance.now();
    const report = await runJob(deps, 'cycle-prompts', new Date(PROMPT_AT));
    const seconds = (performance.now() - started) / 1000;
    if (report.failed.length || report.retrying.length) throw new Error(`prompts not sent: ${report.failed.length}`);
    return { ...seeded, messages: report.sent.length, perSecond: report.sent.length / seconds };
  } finally {
    await fake.stop();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A board of `owners` owners with `perOwner` problems each, on the calendar given (else BENCH_CALENDAR's). */
const fanBoard =
  (owners: number, perOwner: number, calendar?: string) =>
  async (db: ReturnType<typeof createDb>): Promise<{ owners: number; problems: number }> => {
    const { problems } = await seedBoard(db, {
      teamId: TEAM,
      code: 'FAN',
      owners,
      perOwner: () => perOwner,
      ...(calendar && { calendar }),
    });
    return { owners, problems };
  };

/** With a second board of `bigProblems` problems held by 50 owners, due at the same time. */
const withBigBoard =
  (first: ReturnType<typeof fanBoard>, firstOwners: number, bigProblems: number, calendar?: string) =>
  async (db: ReturnType<typeof createDb>): Promise<{ owners: number; problems: number }> => {
    const a = await first(db);
    const big = await seedBoard(db, {
      teamId: TEAM,
      code: 'BIG',
      owners: 50,
      ownerOffset: firstOwners,
      perOwner: () => Math.ceil(bigProblems / 50),
      ...(calendar && { calendar }),
    });
    return { owners: a.owners + 50, problems: a.problems + big.problems };
  };

export async function benchFanout(opts: { owners: number; perOwner: number; bigProblems: number; latencyMs: number }) {
  const single = await rateOf(opts.latencyMs, fanBoard(opts.owners, 1));
  const many = await rateOf(opts.latencyMs, fanBoard(opts.owners, opts.perOwner));
  const withBig = await rateOf(
    opts.latencyMs,
    withBigBoard(fanBoard(opts.owners, opts.perOwner), opts.owners, opts.bigProblems),
  );
  return { single, many, withBig };
}

export interface CalendarFanout {
  /** Medians of the trials: the same boards with no calendar and with China's (holidays, make-up days). */
  off: RateFigures;
  on: RateFigures;
  /** Every trial's rate, messages per second, in the order run. */
  trials: { off: number[]; on: number[] };
}

/**
 * Issue 22's "no slower fan-out with calendars on": the same round's prompts (a working Monday, so the same
 * messages) with the boards' calendar `none` and `CN`, trials alternating so the machine's other load falls
 * on both alike; the medians compared.
 */
export async function benchFanoutCalendar(opts: {
  owners: number;
  perOwner: number;
  bigProblems: number;
  latencyMs: number;
  trials: number;
}): Promise<CalendarFanout> {
  const seedFor = (calendar: string) =>
    opts.bigProblems > 0
      ? withBigBoard(fanBoard(opts.owners, opts.perOwner, calendar), opts.owners, opts.bigProblems, calendar)
      : fanBoard(opts.owners, opts.perOwner, calendar);
  const off: RateFigures[] = [];
  const on: RateFigures[] = [];
  for (let i = 0; i < opts.trials; i++) {
    // Which goes first alternates too: the first run of a process loads what the second reuses.
    const pair = i % 2 ? (['CN', 'none'] as const) : (['none', 'CN'] as const);
    for (const calendar of pair) (calendar === 'CN' ? on : off).push(await rateOf(opts.latencyMs, seedFor(calendar)));
  }
  const median = (xs: RateFigures[]) => [...xs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(xs.length / 2)]!;
  if (off.some((r, i) => r.messages !== on[i]!.messages))
    throw new Error('the calendar changed which prompts were sent on a working day');
  return {
    off: median(off),
    on: median(on),
    trials: { off: off.map((r) => r.perSecond), on: on.map((r) => r.perSecond) },
  };
}

/** Peak RSS of `closeout run-job cycle-prompts` (compiled CLI when built) prompting `owners` owners. */
export async function benchRunJobMemory(opts: { owners: number; latencyMs: number }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-runjob-'));
  const url = `file:${path.join(dir, 'runjob.db')}`;
  migrate(url);
  const db = createDb(url);
  await seedBoard(db, { teamId: TEAM, code: 'RUN', owners: opts.owners, perOwner: (i) => 1 + (i % 3) });
  await db.$disconnect();
  const fake = await startFake(opts.latencyMs);
  try {
    const dist = path.resolve('dist/cli/main.js');
    const entry = fs.existsSync(dist) ? [dist] : ['--import', 'tsx', path.resolve('src/cli/main.ts')];
    const started = performance.now();
    const child = spawn(process.execPath, [...entry, 'run-job', 'cycle-prompts', '--at', PROMPT_AT], {
      env: { ...process.env, DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: fake.apiUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    let peakMb = 0;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, procMemory(child.pid).peakMb)), 20);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const sent = Number(/(\d+) sent/.exec(out)?.[1] ?? 0);
    if (code !== 0) throw new Error(`run-job failed:\n${out}`);
    return { owners: opts.owners, sent, seconds, peakMb };
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
