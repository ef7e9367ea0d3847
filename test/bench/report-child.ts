/**
 * The process `npm run bench -- --only report` measures (report.ts starts it): Node with `npm start`'s
 * flags and malloc settings, the product's modules compiled (dist/) when built, from source otherwise.
 * Seeds the summary bench's board, then makes the documents as `/closeout summary as:pdf|as:docx` does
 * (the data on this thread, the chart and the layout on the render worker) and prints its figures as JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as ChartRenderer from '../../src/charts/chart-renderer.js';
import type * as DbClient from '../../src/db/client.js';
import type * as Migrate from '../../src/db/migrate.js';
import type * as Clock from '../../src/domain/clock.js';
import type { Actor } from '../../src/domain/types.js';
import type * as Logging from '../../src/logging/logger.js';
import type * as Boards from '../../src/services/boards.js';
import type * as V8Tuning from '../../src/platform/v8-tuning.js';
import type * as Report from '../../src/slack/upload/report.js';
import { ANCHOR, CATEGORIES, NOW, collectGarbage, measure, seed } from './summary.js';

type Modules = [
  typeof ChartRenderer,
  typeof DbClient,
  typeof Migrate,
  typeof Clock,
  typeof Logging,
  typeof Boards,
  typeof Report,
  typeof V8Tuning,
];

const ADMIN: Actor = { teamId: 'T0BENCH', userId: 'UADMIN' };
const MB = 1024 * 1024;

/** VmHWM (the high-water mark of resident memory) in MB; reset by `clearPeak`. Linux only (0 elsewhere). */
function peakMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    return Number(kb ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Starts VmHWM over from the current RSS (Linux ≥ 4.0: `echo 5 > /proc/self/clear_refs`). */
function clearPeak(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the sampled peak stands alone
  }
}

async function main(): Promise<void> {
  const [problems, updates, compiled] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] === 'dist'];
  const root = compiled ? '../../dist' : '../../src';
  const [charts, client, migration, clock, logging, boards, report, tuning] = (await Promise.all(
    [
      'charts/chart-renderer.js',
      'db/client.js',
      'db/migrate.js',
      'domain/clock.js',
      'logging/logger.js',
      'services/boards.js',
      'slack/upload/report.js',
      'platform/v8-tuning.js',
    ].map((m) => import(`${root}/${m}`)),
  )) as Modules;
  // The V8 settings the bot takes at start (main.ts): without them the heap grows several times past
  // what is live before a full collection, and the figure measured V8's patience, not the report.
  tuning.leanRuntime();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-report-bench-'));
  const file = path.join(dir, 'bench.db');
  migration.migrate(`file:${file}`);
  const db = client.createDb(`file:${file}`);
  const deps = { db, clock: clock.fixedClock(NOW), admins: new Set([ADMIN.userId]) };
  const logger = logging.createLogger('warn');
  try {
    const board = await boards.createBoard(deps, ADMIN, {
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
    clearPeak();
    const make = (format: 'pdf' | 'docx') =>
      report.makeReportFile(null, logger, { db, board, at: deps.clock.now(), lang: 'zh-CN', format });
    const cold = await measure(() => make('pdf'));
    const afterFirstRssMb = process.memoryUsage().rss / MB;
    // Warm: the worker is up; the median of three runs (this machine's other load makes single runs noisy).
    const median = async (format: 'pdf' | 'docx') => {
      const runs: Awaited<ReturnType<typeof measure<Awaited<ReturnType<typeof make>>>>>[] = [];
      for (let i = 0; i < 3; i++) runs.push(await measure(() => make(format)));
      return runs.sort((a, b) => a.ms - b.ms)[1]!;
    };
    const pdf = await median('pdf');
    const docx = await median('docx');
    const sampled = Math.max(cold.peakRssMb, pdf.peakRssMb, docx.peakRssMb, process.memoryUsage().rss / MB);
    const pages = (pdf.result.bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    process.stdout.write(
      JSON.stringify({
        problems,
        updates,
        compiled,
        pdfColdMs: cold.ms,
        pdfWarmMs: pdf.ms,
        docxWarmMs: docx.ms,
        pdfKb: pdf.result.bytes.length / 1024,
        docxKb: docx.result.bytes.length / 1024,
        pages,
        baseRssMb,
        afterFirstRssMb,
        peakRssMb: Math.max(sampled, peakMb()),
      }),
    );
  } finally {
    await charts.closeChartRenderer();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
