import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { spawnCli } from '../jobs/procs.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { databaseUrl, startPostgresServer } from '../support/postgres-server.js';
import { commandBody } from '../support/slack-requests.js';
import { startFake } from './prompts.js';
import { seedBoard } from './seed.js';

/**
 * Scaling out: slash commands at a steady rate spread over two instances on PostgreSQL, beside one
 * instance on SQLite (ack p50/p99); cycle prompts to thousands of owners run by two `run-job` processes
 * at once on PostgreSQL (wall time, messages/s, duplicates). The server is TEST_DATABASE_URL's, else an
 * embedded one. BENCH_SCALE_COMMANDS, BENCH_SCALE_RATE and BENCH_SCALE_OWNERS override the defaults.
 */

const TEAM = 'T0TEST'; // the fake Slack's team: the instances' boards are in it
const PROMPT_AT = '2026-11-16T01:00:00Z'; // round 1 of the board opens then

interface AckRun {
  label: string;
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  wallMs: number;
}

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** A board and `owners` owners with one to three problems each, written in bulk. */
async function seed(url: string, owners: number): Promise<void> {
  await migrateDatabase(url);
  const db = await openDatabase(url);
  try {
    await seedBoard(db, { teamId: TEAM, code: 'BENCH', owners, perOwner: (i) => 1 + (i % 3) });
  } finally {
    await db.$disconnect();
  }
}

async function createDatabase(server: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
  return databaseUrl(server, name);
}

async function dropDatabase(server: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** `count` `/closeout list` commands at `rate` per second, round-robin over the instances. */
async function fire(label: string, apps: AppProcess[], count: number, rate: number, apiUrl: string): Promise<AckRun> {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / rate));
      const body = commandBody({
        text: 'list',
        userId: `UB${String(i % 500).padStart(6, '0')}`,
        teamId: TEAM,
        responseUrl: `${apiUrl.replace(/api\/$/, '')}response/bench-${i}`,
      });
      try {
        return await apps[i % apps.length]!.post(body, 'application/x-www-form-urlencoded');
      } catch {
        return { status: 0, ms: Number.NaN };
      }
    }),
  );
  const ok = results.filter((r) => r.status === 200).map((r) => r.ms);
  const sorted = [...ok].sort((a, b) => a - b);
  return {
    label,
    count,
    errors: count - ok.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    wallMs: performance.now() - started,
  };
}

export async function runScaleBench(): Promise<void> {
  const commands = num('BENCH_SCALE_COMMANDS', 1_000);
  const rate = num('BENCH_SCALE_RATE', 200);
  const owners = num('BENCH_SCALE_OWNERS', 5_000);
  const latencyMs = num('BENCH_LATENCY_MS', 20);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const server = await startPostgresServer();
  out(`\nscaling out (PostgreSQL: ${server.source}; fake Slack ${latencyMs} ms per call)`);
  const fake = await startFake(latencyMs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-scale-'));
  const run = `closeout_bench_${process.pid}`;
  const apps: AppProcess[] = [];
  try {
    // Acks: one instance on SQLite, then two on PostgreSQL, the same commands at the same rate.
    const sqliteUrl = `file:${path.join(dir, 'bench.db')}`;
    await seed(sqliteUrl, 500);
    const pgAcks = await createDatabase(server.url, `${run}_acks`);
    await seed(pgAcks, 500);
    const env = { LOG_LEVEL: 'warn' };
    apps.push(await startAppProcess({ databaseUrl: sqliteUrl, slackApiUrl: fake.apiUrl, env }));
    const single = await fire('1 instance, SQLite', apps, commands, rate, fake.apiUrl);
    await apps.pop()!.stop();
    apps.push(
      ...(await Promise.all([0, 1].map(() => startAppProcess({ databaseUrl: pgAcks, slackApiUrl: fake.apiUrl, env })))),
    );
    const two = await fire('2 instances, PostgreSQL', apps, commands, rate, fake.apiUrl);
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    out(`  ${commands} /closeout list at ${rate}/s (ack = HTTP response to the signed request)`);
    for (const r of [single, two]) {
      out(
        `    ${r.label.padEnd(26)} ack p50 ${r.p50.toFixed(1)} ms · p99 ${r.p99.toFixed(1)} ms · max ${r.max.toFixed(1)} ms · errors ${r.errors} · ${(r.wallMs / 1000).toFixed(1)} s`,
      );
    }

    // Prompts: two operators' `run-job` processes at once on one PostgreSQL database.
    const pgPrompts = await createDatabase(server.url, `${run}_prompts`);
    await seed(pgPrompts, owners);
    const before = (await fake.keys()).length;
    const cliEnv = { DATABASE_URL: pgPrompts, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: fake.apiUrl };
    const started = performance.now();
    const runs = [0, 1].map(() =>
      spawnCli(['run-job', 'cycle-prompts', '--at', PROMPT_AT], cliEnv, { timeoutMs: 30 * 60_000 }),
    );
    const done = await Promise.all(runs.map((r) => r.done));
    const wallMs = performance.now() - started;
    const keys = (await fake.keys()).slice(before).filter((k) => k.startsWith('prompt:'));
    const unique = new Set(keys);
    const sentBy = done.map((d) => Number(/(\d+) sent/.exec(d.out)?.[1] ?? 0));
    out(`  cycle prompts to ${owners} owners, two \`run-job\` processes at once (wall time includes their start)`);
    out(`    wall time                  ${(wallMs / 1000).toFixed(2)} s`);
    out(`    messages                   ${keys.length} (${sentBy.join(' + ')} by each process)`);
    out(`    messages per second        ${(keys.length / (wallMs / 1000)).toFixed(1)}`);
    out(`    duplicates                 ${keys.length - unique.size}`);
    out(`    not sent                   ${owners - unique.size}`);
    if (keys.length !== unique.size || unique.size !== owners || done.some((d) => d.code !== 0)) {
      process.stderr.write('FAILED: every owner must get exactly one prompt from the two processes\n');
      for (const d of done) if (d.code !== 0) process.stderr.write(d.err);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await fake.stop();
    await dropDatabase(server.url, `${run}_acks`).catch(() => undefined);
    await dropDatabase(server.url, `${run}_prompts`).catch(() => undefined);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
