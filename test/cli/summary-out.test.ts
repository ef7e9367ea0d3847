import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { makeDeps } from '../support/fixtures.js';
import { cli } from '../support/cli.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';

/** `closeout summary --out` pointed somewhere odd (issue 24): a folder, an existing file, a missing folder. */
let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-cli-out-'));
  const { deps, clock } = makeDeps(t.db, SUMMARY_NOW);
  await seedSummaryDataset(deps, clock);
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => cli(['summary', '--board', 'RECT', ...args], { url: t.url, at: SUMMARY_NOW });

describe('closeout summary --out', () => {
  it('a folder is refused with a hint, and nothing is written in it', async () => {
    const r = await run(['--format', 'pdf', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir} is a folder`);
    expect(r.stderr).not.toMatch(/EISDIR|at .*\.ts:\d+/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an existing file is replaced whole; no temporary file is left beside it', async () => {
    const out = path.join(dir, 'old.docx');
    fs.writeFileSync(out, 'x'.repeat(10_000_000));
    const r = await run(['--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(fs.statSync(out).size).toBeLessThan(10_000_000);
    expect(fs.readdirSync(dir)).toEqual(['old.docx']);
  });

  it('a folder that does not exist is named in the refusal', async () => {
    const out = path.join(dir, 'no', 'such', 'r.pdf');
    const r = await run(['--format', 'pdf', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot write ${out}`);
    expect(fs.existsSync(path.join(dir, 'no'))).toBe(false);
  });
});
