import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { createProblem } from '../../src/services/problems.js';
import { checksum, cli } from '../support/cli.js';
import { createTestDb, testDbReady, type TestDb } from '../support/db.js';
import { makeDeps } from '../support/fixtures.js';

// `closeout db copy --to postgresql://…`: the demo board's SQLite database moved to PostgreSQL, unchanged.
let dir: string;
let sqliteUrl: string;
let t: TestDb;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-copy-'));
  sqliteUrl = `file:${path.join(dir, 'closeout.db')}`;
  t = createTestDb();
  await testDbReady(t.url);
  expect((await cli(['demo'], { url: sqliteUrl })).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('closeout db copy', () => {
  it('copies every row with its id into an empty PostgreSQL database; the export is unchanged', async () => {
    const copy = await cli(['db', 'copy', '--to', t.url], { url: sqliteUrl });
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/Copied \d+ rows from .* counts and checksums verified/);
    expect(copy.stdout).toMatch(/Problem\s+31\s/);
    expect(copy.stdout).toMatch(/Measure\s+81\s/);

    const before = await cli(['export', '--board', 'RECT'], { url: sqliteUrl });
    const after = await cli(['export', '--board', 'RECT'], { url: t.url });
    expect(before.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);

    const source = createDb(sqliteUrl);
    try {
      // Every problem, measure, request, audit event and board, ids and timestamps included.
      expect(await checksum(t.db)).toEqual(await checksum(source));
      expect(await t.db.update.count()).toBe(await source.update.count());
      expect(await t.db.boardLeader.count()).toBe(await source.boardLeader.count());
    } finally {
      await source.$disconnect();
    }
  }, 120_000);

  it('moves the sequences past the copied ids, so new rows get new ids', async () => {
    const { deps } = makeDeps(t.db);
    const highest = await t.db.problem.aggregate({ _max: { id: true, number: true } });
    const demoLeader = { teamId: 'T_LOCAL', userId: 'U0DEMOL01' };
    const created = await createProblem(deps, demoLeader, 'RECT', { title: 'After the move', ownerId: 'U0DEMO01' });
    expect(created.id).toBe(highest._max.id! + 1);
    expect(created.key).toBe(`RECT-${highest._max.number! + 1}`);
  });

  it('refuses a target that holds data, and changes nothing', async () => {
    const rows = await t.db.problem.count();
    const again = await cli(['db', 'copy', '--to', t.url], { url: sqliteUrl });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty .*Nothing was copied/);
    expect(await t.db.problem.count()).toBe(rows);
  });

  it('refuses a target that is not PostgreSQL, and a source that is not SQLite', async () => {
    const toFile = await cli(['db', 'copy', '--to', sqliteUrl], { url: sqliteUrl });
    expect(toFile).toMatchObject({ code: 1 });
    expect(toFile.stderr).toContain('--to must be a postgres:// or postgresql:// URL');
    const fromPg = await cli(['db', 'copy', '--to', t.url], { url: t.url });
    expect(fromPg).toMatchObject({ code: 1 });
    expect(fromPg.stderr).toContain('DATABASE_URL must be a file: URL');
  });
});
