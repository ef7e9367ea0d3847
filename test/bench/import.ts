/**
 * `closeout import` figures, not a test: a list of BENCH_IMPORT_ROWS problems (default 20,000) with two
 * measures each, imported through the service the CLI calls (read, check every row, write in batches),
 * beside the same rows inserted raw into SQLite (prepared statements, one transaction) in the same run.
 * Issue 12's goal: the import within 20× the raw insert.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { fixedClock } from '../../src/domain/clock.js';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { createBoard } from '../../src/services/boards.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';

const TEAM = 'T0BENCH';
const OPERATOR_ACTOR: Actor = { teamId: TEAM, userId: OPERATOR };
const NOW = '2026-11-25T02:00:00Z';

export interface ImportFigures {
  rows: number;
  importMs: number;
  rowsPerSecond: number;
  rawMs: number;
  ratio: number;
  created: number;
}

function listCsv(rows: number): string {
  const lines = ['title,owner,unit,deadline,measures'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `Problem ${i} at window ${i % 40},U0OWNER${i % 50},Unit ${i % 12},2027-0${(i % 9) + 1}-15,"Measure ${i}.1\n[x] Measure ${i}.2"`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The same rows as the import writes (problem + two measures), straight into SQLite. */
function rawInsert(file: string, boardId: number, rows: number): number {
  const db = new Database(file);
  const at = new Date(NOW).toISOString().replace('Z', '+00:00');
  const problem = db.prepare(
    `INSERT INTO "Problem" ("teamId","boardId","number","key","title","description","ownerId","unit","deadline","status","nextMeasureNumber","createdBy","createdAt","updatedAt")
     VALUES (?,?,?,?,?,'',?,?,?,'open',3,?,?,?)`,
  );
  const measure = db.prepare(
    `INSERT INTO "Measure" ("teamId","problemId","number","text","status","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?)`,
  );
  const started = performance.now();
  db.transaction(() => {
    for (let i = 1; i <= rows; i++) {
      const id = problem.run(
        TEAM,
        boardId,
        i,
        `RAW-${i}`,
        `Problem ${i} at window ${i % 40}`,
        `U0OWNER${i % 50}`,
        `Unit ${i % 12}`,
        `2027-0${(i % 9) + 1}-15`,
        OPERATOR,
        at,
        at,
      ).lastInsertRowid;
      measure.run(TEAM, id, 1, `Measure ${i}.1`, 'todo', at, at);
      measure.run(TEAM, id, 2, `Measure ${i}.2`, 'done', at, at);
    }
  })();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

async function freshBoard(dir: string, name: string) {
  const url = `file:${path.join(dir, `${name}.db`)}`;
  migrate(url);
  const db = createDb(url);
  const deps: ServiceDeps = { db, clock: fixedClock(NOW), admins: new Set() };
  const board = await createBoard(deps, OPERATOR_ACTOR, {
    code: name === 'raw' ? 'RAW' : 'RECT',
    name: 'Bench',
    timezone: 'Asia/Shanghai',
    language: 'en',
    leaders: [],
    anchorDate: '2026-11-16',
  });
  return { db, deps, board, file: url.slice('file:'.length) };
}

export async function benchImport(rows: number): Promise<ImportFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-import-bench-'));
  try {
    const csv = Buffer.from(listCsv(rows));
    const target = await freshBoard(dir, 'import');
    const started = performance.now();
    const result = await importCsv(target.deps, OPERATOR_ACTOR, 'RECT', csv);
    const importMs = performance.now() - started;
    if (result.errors.length) throw new Error(`bench import refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
    await target.db.$disconnect();

    const raw = await freshBoard(dir, 'raw');
    await raw.db.$disconnect();
    const rawMs = rawInsert(raw.file, raw.board.id, rows);
    return {
      rows,
      importMs,
      rowsPerSecond: (rows / importMs) * 1000,
      rawMs,
      ratio: importMs / rawMs,
      created: result.created,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
