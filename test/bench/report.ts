/**
 * The progress report's figures (issue 24), not a test: `npm run bench -- --only report`. Seeds the summary
 * bench's board (10,000 problems, 200,000 updates), then times the whole document as `/closeout summary
 * as:pdf|as:docx` makes it: the data (the summary's queries), the chart (chart worker) and the layout
 * (report worker), cold and warm, sampling the process's RSS (workers included) throughout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeChartRenderer } from '../../src/charts/chart-renderer.js';
import { closeReportRenderer } from '../../src/charts/report/report-renderer.js';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { fixedClock } from '../../src/domain/clock.js';
import type { Actor } from '../../src/domain/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { createBoard } from '../../src/services/boards.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { makeReportFile } from '../../src/slack/upload/report.js';
import { ANCHOR, CATEGORIES, NOW, collectGarbage, measure, seed } from './summary.js';

const ADMIN: Actor = { teamId: 'T0BENCH', userId: 'UADMIN' };
const MB = 1024 * 1024;

export interface ReportBench {
  problems: number;
  updates: number;
  /** Milliseconds: the first PDF (workers starting, fonts read), then the median of three warm ones. */
  pdfColdMs: number;
  pdfWarmMs: number;
  docxWarmMs: number;
  pdfKb: number;
  docxKb: number;
  pages: number;
  peakRssMb: number;
  /** RSS before the first report (the seeded database's pages and tsx included). */
  baseRssMb: number;
}

export async function benchReport(problems: number, updates: number): Promise<ReportBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-report-bench-'));
  const file = path.join(dir, 'bench.db');
  const url = `file:${file}`;
  migrate(url);
  const db = createDb(url);
  const deps: ServiceDeps = { db, clock: fixedClock(NOW), admins: new Set([ADMIN.userId]) };
  const logger = createLogger('warn');
  try {
    const board = await createBoard(deps, ADMIN, {
      code: 'RECT',
      name: 'Rectification list',
      channelId: 'C0BOARD',
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      leaders: ['ULEADER'],
      anchorDate: ANCHOR,
      deadline: '2027-08-31',
      categories: CATEGORIES,
    });
    seed(file, board.id, problems, updates);
    collectGarbage();
    const baseRssMb = process.memoryUsage().rss / MB;
    const make = (format: 'pdf' | 'docx', at: Date) =>
      makeReportFile(null, logger, { db, board, at, lang: 'zh-CN', format });
    const cold = await measure(() => make('pdf', deps.clock.now()));
    // Warm: the workers are up; the median of three runs (this machine's other load makes single runs noisy).
    const median = async (format: 'pdf' | 'docx') => {
      const runs: Awaited<ReturnType<typeof measure<Awaited<ReturnType<typeof make>>>>>[] = [];
      for (let i = 0; i < 3; i++) runs.push(await measure(() => make(format, deps.clock.now())));
      return runs.sort((a, b) => a.ms - b.ms)[1]!;
    };
    const pdf = await median('pdf');
    const docx = await median('docx');
    const pages = (pdf.result.bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    return {
      problems,
      updates,
      pdfColdMs: cold.ms,
      pdfWarmMs: pdf.ms,
      docxWarmMs: docx.ms,
      pdfKb: pdf.result.bytes.length / 1024,
      docxKb: docx.result.bytes.length / 1024,
      pages,
      baseRssMb,
      peakRssMb: Math.max(cold.peakRssMb, pdf.peakRssMb, docx.peakRssMb, process.memoryUsage().rss / MB),
    };
  } finally {
    await Promise.all([closeChartRenderer(), closeReportRenderer()]);
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
