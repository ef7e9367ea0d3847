/**
 * The progress report's figures (issue 24), not a test: `npm run bench -- --only report`. Runs
 * report-child.ts in a process of its own, as `npm start` runs the app (its Node flags and malloc settings,
 * compiled when built), so the memory measured is the one a deployment would see: the seeded 10,000-problem
 * / 200,000-update board, then the first PDF (the render worker starting, the chart drawn, the document
 * laid out), three more PDFs and three Word files, the process's resident memory sampled every 2 ms and
 * its kernel high-water mark read, both from after the seeding.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCommand } from './procs.js';

export interface ReportBench {
  problems: number;
  updates: number;
  /** Whether the product's modules were the compiled ones (dist/), as `npm start` runs them. */
  compiled: boolean;
  /** Milliseconds: the first PDF (worker starting, fonts read), then the median of three warm ones. */
  pdfColdMs: number;
  pdfWarmMs: number;
  docxWarmMs: number;
  pdfKb: number;
  docxKb: number;
  pages: number;
  /** RSS before the first report: the seeded database's pages and the modules of the data queries. */
  baseRssMb: number;
  /** RSS after the first PDF (the render worker up, with the chart and document stacks loaded). */
  afterFirstRssMb: number;
  /** The highest RSS from then on, over all seven documents. */
  peakRssMb: number;
}

export async function benchReport(problems: number, updates: number): Promise<ReportBench> {
  // BENCH_SOURCE=1 measures the source (each worker then compiles its modules through tsx) even when built.
  const compiled = !process.env.BENCH_SOURCE && fs.existsSync(path.resolve('dist/slack/upload/report.js'));
  const { flags, env } = startCommand();
  // The child's own script is TypeScript (tsx); the product's modules it measures are dist/ when built.
  const args = [...flags, '--import', 'tsx', path.resolve('test/bench/report-child.ts')];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...args, String(problems), String(updates), compiled ? 'dist' : 'src'],
    { env: { ...process.env, ...env }, maxBuffer: 1024 * 1024, timeout: 600_000 },
  );
  return JSON.parse(stdout) as ReportBench;
}
