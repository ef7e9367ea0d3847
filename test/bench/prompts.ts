import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import { runJob } from '../../src/jobs/runner.js';
import { createSlackSender } from '../../src/slack/sender.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedBoard } from './seed.js';

export interface PromptBenchOptions {
  owners: number;
  latencyMs: number;
  concurrency: number;
}

export interface PromptBenchResult {
  owners: number;
  problems: number;
  messages: number;
  duplicates: number;
  notSent: number;
  wallMs: number;
  perSecond: number;
  repeatMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Before the run (after seeding): the peak minus this is what the run added. */
  baseRssMb: number;
  baseHeapMb: number;
}

const TEAM = 'T0BENCH';

/** A full garbage collection, so "before the run" is what is really held, not what awaits collection. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** The fake Slack in a child process; resolves with its URL and a way to read what was posted. */
export async function startFake(latencyMs: number) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(latencyMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
  });
  return {
    apiUrl,
    /** Web API calls answered so far (response_url posts and uploads included). */
    async count(): Promise<number> {
      const res = await fetch(`${apiUrl}bench.count`, { method: 'POST' });
      return ((await res.json()) as { count: number }).count;
    },
    /** The response URL paths posted to so far. */
    async responses(): Promise<string[]> {
      const res = await fetch(`${apiUrl}bench.responses`, { method: 'POST' });
      return ((await res.json()) as { paths: string[] }).paths;
    },
    async keys(): Promise<string[]> {
      const res = await fetch(`${apiUrl}bench.keys`, { method: 'POST' });
      return ((await res.json()) as { keys: string[] }).keys;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('close', () => resolve());
        child.stdin.end();
      }),
  };
}
const MB = 1024 * 1024;

/**
 * Cycle prompts to `owners` owners (one to three problems each) against the fake Slack API with a fixed
 * latency per call: one full run (plan → record → claim → send → mark), then the same run again, which
 * must send nothing. Memory is sampled throughout; the fake Slack runs in its own process.
 */
export async function benchPrompts(opts: PromptBenchOptions): Promise<PromptBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-bench-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  migrate(url);
  const db = createDb(url);
  const fake = await startFake(opts.latencyMs);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 25);
  try {
    const { problems: number } = await seedBoard(db, {
      teamId: TEAM,
      code: 'BENCH',
      owners: opts.owners,
      perOwner: (i) => 1 + (i % 3),
    });

    const logger = createLogger('warn');
    const sender = createSlackSender({ token: 'xoxb-bench', apiUrl: fake.apiUrl, logger });
    const jobDeps = {
      db,
      clock: systemClock,
      logger,
      sender,
      instanceId: 'bench',
      teamId: TEAM,
      tuning: { concurrency: opts.concurrency },
    };
    const at = new Date('2026-11-16T01:00:00Z');

    collectGarbage();
    const before = process.memoryUsage();
    peakRss = before.rss;
    peakHeap = before.heapUsed;
    const started = performance.now();
    const report = await runJob(jobDeps, 'cycle-prompts', at);
    const wallMs = performance.now() - started;
    const again = performance.now();
    const repeat = await runJob(jobDeps, 'cycle-prompts', at);
    const repeatMs = performance.now() - again;
    sample();

    const keys = await fake.keys();
    const notSent = await db.delivery.count({ where: { state: { not: 'sent' } } });
    if (repeat.sent.length) throw new Error(`the repeated run sent ${repeat.sent.length} message(s)`);
    return {
      owners: opts.owners,
      problems: number,
      messages: report.sent.length,
      duplicates: keys.length - new Set(keys).size,
      notSent,
      wallMs,
      perSecond: report.sent.length / (wallMs / 1000),
      repeatMs,
      peakRssMb: peakRss / MB,
      peakHeapMb: peakHeap / MB,
      baseRssMb: before.rss / MB,
      baseHeapMb: before.heapUsed / MB,
    };
  } finally {
    clearInterval(sampler);
    await fake.stop();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
