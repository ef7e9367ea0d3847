import os from 'node:os';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src/domain/types.js';
import { settleCutOffImports, startImportSweep } from '../../src/jobs/import-sweep.js';
import { createLogger } from '../../src/logging/logger.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { makeDeps, seedBoard, TEAM } from '../support/fixtures.js';

let t: TestDb;
let deps: ServiceDeps;
let logged: Record<string, unknown>[];
const logger = () =>
  createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  );

beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  logged = [];
  await seedBoard(deps);
});
afterEach(() => t.close());

/** An import whose process stopped after its first batch: its pid names no process on this host. */
async function cutOffImport(): Promise<void> {
  const file = 'title,owner\r\nA,UOWNER\r\nB,UOWNER\r\nC,UOWNER\r\n';
  await new Promise<void>((reached, failed) => {
    importCsv(deps, { teamId: TEAM, userId: OPERATOR }, 'RECT', file, {
      batchRows: 1,
      onProgress: () => {
        reached();
        return new Promise<void>(() => {});
      },
    }).catch(failed);
  });
  await t.db.importRun.updateMany({ data: { owner: `${os.hostname()}:4194305` } });
}

describe('the bot’s import sweep', () => {
  it('takes back an import whose process is gone, and logs it', async () => {
    await cutOffImport();
    expect(await t.db.problem.count()).toBe(1);
    const undone = await settleCutOffImports(deps, logger());
    expect(undone).toMatchObject([{ boardCode: 'RECT', rows: 3, rowsDone: 1 }]);
    expect(await t.db.problem.count()).toBe(0);
    expect(logged).toMatchObject([{ level: 40, board: 'RECT', rows: 3, rowsDone: 1 }]);
  });

  it('runs every interval while the bot runs', async () => {
    const stop = startImportSweep(deps, logger(), 20);
    try {
      await cutOffImport();
      for (let i = 0; (await t.db.importRun.findFirst())?.state !== 'undone'; i++) {
        expect(i, 'the sweep did not settle the import').toBeLessThan(200);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await t.db.problem.count()).toBe(0);
    } finally {
      stop();
    }
  });
});
