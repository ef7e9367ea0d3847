/**
 * `npm run bench`: figures, not a test. Prompts to 5,000 owners against the fake Slack API with 20 ms per
 * call; the leader summary on 10,000 problems with 200,000 updates and its chart; how fast the app acks
 * Slack. BENCH_OWNERS, BENCH_LATENCY_MS, BENCH_CONCURRENCY, BENCH_ACK_PROBLEMS and BENCH_ACK_ROUNDS
 * override the defaults.
 */
import { DEFAULT_TUNING } from '../../src/jobs/types.js';
import { benchAcks } from './acks.js';
import { benchImport } from './import.js';
import { benchPrompts } from './prompts.js';
import { runScaleBench } from './scale.js';
import { runSummaryBench } from './summary.js';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

async function main() {
  const opts = {
    owners: num('BENCH_OWNERS', 5_000),
    latencyMs: num('BENCH_LATENCY_MS', 20),
    concurrency: num('BENCH_CONCURRENCY', DEFAULT_TUNING.concurrency),
  };
  process.stdout.write(
    `cycle prompts: ${opts.owners} owners, fake Slack ${opts.latencyMs} ms per call, concurrency ${opts.concurrency}\n`,
  );
  const r = await benchPrompts(opts);
  const rows: [string, string][] = [
    ['owners / problems', `${r.owners} / ${r.problems}`],
    ['messages sent', String(r.messages)],
    ['wall time', `${(r.wallMs / 1000).toFixed(2)} s`],
    ['messages per second', r.perSecond.toFixed(1)],
    ['repeat run (nothing due)', `${(r.repeatMs / 1000).toFixed(2)} s`],
    ['peak RSS', `${r.peakRssMb.toFixed(0)} MB (before the run: ${r.baseRssMb.toFixed(0)} MB)`],
    [
      'peak heap used',
      `${r.peakHeapMb.toFixed(0)} MB (before the run: ${r.baseHeapMb.toFixed(0)} MB; garbage included)`,
    ],
    ['duplicates', String(r.duplicates)],
    ['not sent', String(r.notSent)],
  ];
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(26)} ${v}\n`);
  if (r.duplicates || r.notSent || r.messages !== r.owners) {
    process.stderr.write('FAILED: every owner must get exactly one prompt\n');
    process.exitCode = 1;
  }

  await runSummaryBench();

  const imp = await benchImport(num('BENCH_IMPORT_ROWS', 20_000));
  process.stdout.write(
    `\nimport: ${imp.rows} rows, 2 measures each (read, check every row, write in batches) beside the same rows inserted raw\n` +
      `  import ${(imp.importMs / 1000).toFixed(2)} s (${Math.round(imp.rowsPerSecond)} rows/s) · raw SQLite ${(imp.rawMs / 1000).toFixed(2)} s · ${imp.ratio.toFixed(1)}× raw (goal ≤ 20×)\n`,
  );
  if (imp.created !== imp.rows) {
    process.stderr.write('FAILED: the import must create every row\n');
    process.exitCode = 1;
  }

  const ackOpts = {
    problems: num('BENCH_ACK_PROBLEMS', 500),
    rounds: num('BENCH_ACK_ROUNDS', 40),
    latencyMs: num('BENCH_LATENCY_MS', 20),
  };
  process.stdout.write(
    `\nacks (HTTP response to a signed request, one at a time; the work after each ack runs meanwhile): ${ackOpts.problems} problems, Slack ${ackOpts.latencyMs} ms per call\n`,
  );
  for (const f of await benchAcks(ackOpts)) {
    process.stdout.write(
      `  ${f.kind.padEnd(30)} p50 ${f.p50.toFixed(1)} ms · p95 ${f.p95.toFixed(1)} ms · max ${f.max.toFixed(1)} ms (${f.count})\n`,
    );
  }

  await runScaleBench();
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  // The figures are printed; keep-alive sockets to the fake Slack must not hold the script open.
  .finally(() => process.exit());
