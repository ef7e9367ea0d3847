/**
 * Leader summary and chart figures, not a test: `npx tsx test/bench/summary.ts`. Seeds one board with
 * 10,000 problems and 200,000 updates (raw SQL in one transaction), then times `/closeout summary`'s service
 * for each breakdown and the chart (burn-down queries + rendering), sampling memory throughout.
 * BENCH_PROBLEMS and BENCH_UPDATES override the sizes; BENCH_CHART_OUT=file.png keeps the (zh-CN) chart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { renderBoardChart } from '../../src/charts/chart-renderer.js';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { addDays } from '../../src/domain/cycle.js';
import { fixedClock } from '../../src/domain/clock.js';
import { PROBLEM_STATUSES, type Actor } from '../../src/domain/types.js';
import { createBoard } from '../../src/services/boards.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { burndown } from '../../src/services/burndown.js';
import { BREAKDOWNS, type BoardSummary } from '../../src/services/summary-types.js';
import { boardSummary } from '../support/summary.js';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const TEAM = 'T0BENCH';
const ADMIN: Actor = { teamId: TEAM, userId: 'UADMIN' };
export const NOW = '2026-11-25T02:00:00Z';
export const ANCHOR = '2026-01-05';
export const CATEGORIES = [
  'Livelihood services',
  'Business environment',
  'Officials not taking responsibility',
  'Formalism and bureaucracy',
  'Weak grassroots organisations',
  'Case-handling violations',
  'Traffic enforcement',
];
const MB = 1024 * 1024;

/** Deterministic numbers in [0, 1), so every run seeds the same board. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** DateTime as Prisma stores it in SQLite. */
const stored = (d: Date) => d.toISOString().replace('Z', '+00:00');

export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Raw inserts in one transaction: problems created over ten months, the updates shared out evenly. */
export function seed(file: string, boardId: number, problems: number, updates: number): void {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const start = Date.parse('2026-01-05T00:00:00Z');
  const now = Date.parse(NOW);
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insertProblem = db.prepare(
    `INSERT INTO "Problem" ("teamId","boardId","number","key","title","category","ownerId","unit","deadline","status","lastUpdateAt","percent","health","closedAt","closedBy","createdBy","createdAt","updatedAt")
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertUpdate = db.prepare(
    `INSERT INTO "Update" ("teamId","problemId","authorId","cycle","health","percent","createdAt") VALUES (?,?,?,?,?,?,?)`,
  );
  const finishProblem = db.prepare(
    `UPDATE "Problem" SET "lastUpdateAt" = ?, "closedAt" = ?, "closedBy" = ? WHERE "id" = ?`,
  );
  // Shanghai has no daylight saving: a cycle is 14 × 24 h from local midnight of the anchor (luxon per row is slow).
  const anchor = Date.parse(`${ANCHOR}T00:00:00+08:00`);
  const cycleOf = (at: number) => Math.floor((at - anchor) / (14 * 86_400_000));
  db.transaction(() => {
    for (let n = 1; n <= problems; n++) {
      const created = start + Math.floor(rnd() * (now - start) * 0.8);
      const status = rnd() < 0.45 ? 'closed' : pick(PROBLEM_STATUSES.filter((s) => s !== 'closed'));
      const owner = `U${String(Math.floor(rnd() * 500)).padStart(4, '0')}`;
      const count = Math.floor((updates * n) / problems) - Math.floor((updates * (n - 1)) / problems);
      let last: number | null = null;
      const problemId = Number(
        insertProblem.run(
          TEAM,
          boardId,
          n,
          `RECT-${n}`,
          `Problem ${n}`,
          rnd() < 0.03 ? null : pick(CATEGORIES),
          owner,
          rnd() < 0.05 ? null : `Unit ${Math.floor(rnd() * 40) + 1}`,
          rnd() < 0.1 ? null : addDays('2026-03-01', Math.floor(rnd() * 540)),
          status,
          null,
          0,
          null,
          null,
          null,
          'UADMIN',
          stored(new Date(created)),
          stored(new Date(created)),
        ).lastInsertRowid,
      );
      for (let u = 0; u < count; u++) {
        const at = created + Math.floor(rnd() * (now - created));
        last = Math.max(last ?? 0, at);
        insertUpdate.run(
          TEAM,
          problemId,
          owner,
          cycleOf(at),
          'on_track',
          Math.floor(rnd() * 100),
          stored(new Date(at)),
        );
      }
      const closedAt = status === 'closed' ? stored(new Date(Math.max(last ?? created, created) + 3_600_000)) : null;
      finishProblem.run(last === null ? null : stored(new Date(last)), closedAt, closedAt ? 'UADMIN' : null, problemId);
    }
    db.prepare(`UPDATE "Board" SET "nextProblemNumber" = ? WHERE "id" = ?`).run(problems + 1, boardId);
  })();
  db.close();
}

/** Runs `work` while sampling memory every few milliseconds; returns its result, time and peaks. */
export async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; peakRssMb: number; peakHeapMb: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 2);
  const t0 = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - t0;
    sample();
    return { result, ms, peakRssMb: peakRss / MB, peakHeapMb: peakHeap / MB };
  } finally {
    clearInterval(timer);
  }
}

/** Seeds, measures and prints; sets a failing exit code if the summary misses problems. */
export async function runSummaryBench(): Promise<void> {
  const problems = num('BENCH_PROBLEMS', 10_000);
  const updates = num('BENCH_UPDATES', 200_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-summary-bench-'));
  const file = path.join(dir, 'bench.db');
  const url = `file:${file}`;
  migrate(url);
  const db = createDb(url);
  const deps: ServiceDeps = { db, clock: fixedClock(NOW), admins: new Set([ADMIN.userId]) };
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
    const seeded = performance.now();
    seed(file, board.id, problems, updates);
    const seedMs = performance.now() - seeded;
    const counts = { problems: await db.problem.count(), updates: await db.update.count() };
    process.stdout.write(
      `leader summary: ${counts.problems.toLocaleString('en')} problems, ${counts.updates.toLocaleString('en')} updates (seeded in ${(seedMs / 1000).toFixed(1)} s)\n`,
    );

    collectGarbage();
    const base = process.memoryUsage();
    const rows: [string, string][] = [];
    let last: BoardSummary | null = null;
    for (const by of BREAKDOWNS) {
      const first = await measure(() => boardSummary(deps, ADMIN, 'RECT', { by }));
      const again = await measure(() => boardSummary(deps, ADMIN, 'RECT', { by }));
      last = by === 'category' ? first.result : last;
      rows.push([
        `summary by:${by}`,
        `${first.ms.toFixed(0)} ms (again ${again.ms.toFixed(0)} ms), peak heap ${first.peakHeapMb.toFixed(0)} MB · goal ≤ 200 ms ${Math.max(first.ms, again.ms) <= 200 ? 'ok' : 'MISSED'}`,
      ]);
    }
    const s = last!;
    const burn = await measure(() => burndown(db, board, s.asOf));
    rows.push(['burn-down queries', `${burn.ms.toFixed(0)} ms for ${burn.result.points.length} points`]);
    const data = {
      name: s.board.name,
      code: s.board.code,
      today: s.today,
      by: s.by,
      total: s.total,
      completion: s.completion,
      overdue: s.overdue.total,
      rows: s.rows.map((r) => ({ label: r.key, byStatus: r.byStatus, overdue: r.overdue })),
      burndown: burn.result,
    };
    const chartFirst = await measure(() => renderBoardChart(data, 'zh-CN'));
    const chartAgain = await measure(() => renderBoardChart(data, 'en'));
    const out = process.env.BENCH_CHART_OUT;
    if (out) fs.writeFileSync(out, chartFirst.result);
    rows.push([
      'chart render (first, loads font)',
      `${chartFirst.ms.toFixed(0)} ms, ${(chartFirst.result.length / 1024).toFixed(0)} KB PNG`,
    ]);
    rows.push(['chart render (warm)', `${chartAgain.ms.toFixed(0)} ms`]);
    const end = process.memoryUsage();
    rows.push([
      'RSS before / peak',
      `${(base.rss / MB).toFixed(0)} MB / ${Math.max(chartFirst.peakRssMb, chartAgain.peakRssMb, end.rss / MB).toFixed(0)} MB`,
    ]);
    rows.push(['heap used before', `${(base.heapUsed / MB).toFixed(0)} MB`]);
    rows.push([
      'summary totals',
      `${s.total} problems · ${s.closed} closed (${s.completion}%) · ${s.overdue.total} overdue · ${s.stale.total} stale`,
    ]);
    for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(34)} ${v}\n`);
    if (s.total !== counts.problems) {
      process.stderr.write('FAILED: the summary does not count every problem\n');
      process.exitCode = 1;
    }
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone (`npx tsx test/bench/summary.ts`), or imported by test/bench/run.ts.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runSummaryBench().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
