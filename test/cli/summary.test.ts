import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editProblem } from '../../src/services/problems.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, makeDeps, OTHER, OWNER } from '../support/fixtures.js';
import { FakeSlack } from '../support/fake-slack.js';
import { rememberNames } from '../../src/services/people.js';
import { cli } from '../support/cli.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-cli-report-'));
  const { deps, clock } = makeDeps(t.db, SUMMARY_NOW);
  await seedSummaryDataset(deps, clock);
  await editProblem(deps, LEADER, 'RECT-4', { unit: '市场监管局' });
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => cli(['summary', ...args], { url: t.url, at: SUMMARY_NOW });

describe('closeout summary --format docx|pdf --out FILE', () => {
  it('writes the board’s progress report as a PDF', async () => {
    const out = path.join(dir, 'rect.pdf');
    const r = await run(['--board', 'rect', '--format', 'pdf', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote the RECT progress report to ${out}: 8 problems, 2 closed, 2 overdue.\n`);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/^\s*Problems\s+8\s*$/m);
    expect(text).toContain('RECT-1');
  });

  it('writes one unit’s report as a Word document, matching a near-miss name', async () => {
    const out = path.join(dir, 'unit.docx');
    const r = await run(['--board', 'RECT', '--unit', '市场监管', '--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Unit "市场监管" taken as "市场监管局".');
    expect(r.stdout).toContain('(市场监管局) progress report');
    const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('word/document.xml')!.async('string');
    expect(xml).toContain('RECT-4');
    expect(xml).not.toContain('RECT-1<');
  });

  it('refuses an unknown unit, a bad format and an unwritable file, writing nothing', async () => {
    const out = path.join(dir, 'none.pdf');
    const unknown = await run(['--board', 'RECT', '--unit', 'Harbour', '--format', 'pdf', '--out', out]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Board RECT has no unit called "Harbour". Units there include:');
    const bad = await run(['--board', 'RECT', '--format', 'xlsx', '--out', out]);
    expect(bad.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    const nowhere = await run(['--board', 'RECT', '--format', 'pdf', '--out', path.join(dir, 'no/such/dir.pdf')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('Cannot write');
  });
});

describe('closeout summary: owners by name (issue 24)', () => {
  const docxText = async (file: string) => {
    const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
    return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
  };
  const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

  it('without a Slack token, prints the names kept from Slack before, and the ID of anyone never named', async () => {
    await rememberNames(
      t.db,
      (await t.db.board.findFirstOrThrow({ where: { code: 'RECT' } })).id,
      new Map([[OWNER.userId, 'Wang Fang']]),
      new Date(SUMMARY_NOW),
    );
    const docx = path.join(dir, 'named.docx');
    const pdf = path.join(dir, 'named.pdf');
    expect((await run(['--board', 'RECT', '--format', 'docx', '--out', docx])).code).toBe(0);
    expect((await run(['--board', 'RECT', '--format', 'pdf', '--out', pdf])).code).toBe(0);
    for (const text of [await docxText(docx), pdfText(pdf)]) {
      expect(text).toContain('RECT-1'); // OWNER's, overdue
      expect(text).toContain('Wang Fang');
      expect(text).not.toContain(OWNER.userId);
      expect(text).toContain(OTHER.userId); // RECT-8's owner, never named
    }
  });

  it('with SLACK_BOT_TOKEN, asks Slack once per owner and keeps what it says', async () => {
    const fake = await new FakeSlack().start();
    try {
      fake.on('users.info', (args) =>
        args.user === OTHER.userId
          ? { ok: true, user: { id: OTHER.userId, name: 'ls', profile: { display_name: 'Li Si' } } }
          : { ok: false, error: 'user_not_found' },
      );
      const out = path.join(dir, 'slack.docx');
      const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl };
      const r = await cli(['summary', '--board', 'RECT', '--format', 'docx', '--out', out], {
        url: t.url,
        env,
        at: SUMMARY_NOW,
      });
      expect(r.code).toBe(0);
      const text = await docxText(out);
      expect(text).toContain('Li Si');
      // Slack refused OWNER: the name kept from before stands in.
      expect(text).toContain('Wang Fang');
      expect(text).not.toContain(OTHER.userId);
      expect(
        fake
          .callsTo('users.info')
          .map((c) => c.args.user)
          .sort(),
      ).toEqual([OTHER.userId, OWNER.userId]);
      expect(await t.db.person.findMany({ select: { userId: true, name: true }, orderBy: { userId: 'asc' } })).toEqual([
        { userId: OTHER.userId, name: 'Li Si' },
        { userId: OWNER.userId, name: 'Wang Fang' },
      ]);
    } finally {
      await fake.stop();
    }
  });
});

describe('closeout board create --ledger --round-report', () => {
  it('sets the live ledger and the round-end report, and refuses other values', async () => {
    const base = ['board', 'create', '--name', 'Ops', '--channel', 'C0OPS', '--timezone', 'UTC', '--language', 'en'];
    const ok = await cli([...base, '--code', 'OPS', '--ledger', 'canvas', '--round-report', 'docx'], { url: t.url });
    expect(ok.code).toBe(0);
    expect(await t.db.board.findFirstOrThrow({ where: { code: 'OPS' } })).toMatchObject({
      ledger: 'canvas',
      roundReport: 'docx',
    });
    const bad = await cli([...base, '--code', 'OPS2', '--ledger', 'wiki'], { url: t.url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("option '--ledger <mode>' argument 'wiki' is invalid");
    expect(await t.db.board.count({ where: { code: 'OPS2' } })).toBe(0);
  });
});
