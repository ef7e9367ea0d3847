import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';

/**
 * The progress report and `unit:` attacked (issue 24): units that differ only in case or width, hostile
 * unit names (mentions, markup, bidi overrides, joiners, the longest unit and title in CJK without spaces)
 * on many overdue problems, an empty board, and a `unit:` of 40,000 characters.
 */
const HOSTILE_UNIT = `<!channel> *bold* \u202eevil\u202c 👨\u200d👩\u200d👧 ${'长'.repeat(150)}`;
const ROWS = 60;
let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await TestApp.start({ at: '2026-11-25T02:00:00Z' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-attack-'));
  await seedBoard(app.deps);
  await seedBoard(app.deps, { code: 'EMPTY', channelId: 'C0EMPTY' });
  for (const unit of ['Permits office', 'PERMITS OFFICE', 'Ｐｅｒｍｉｔｓ　ｏｆｆｉｃｅ'])
    await createProblem(app.deps, LEADER, 'RECT', {
      title: `Of ${unit}`,
      ownerId: OWNER.userId,
      unit,
      deadline: null,
      measures: [],
    });
  app.clock.set('2026-10-01T02:00:00Z');
  for (let i = 0; i < ROWS; i++)
    await createProblem(app.deps, LEADER, 'RECT', {
      title: i === 0 ? `Bell\u0007 escape\u001b ${'无'.repeat(100)}` : i % 2 ? '无'.repeat(150) : 'N'.repeat(150),
      ownerId: OWNER.userId,
      unit: HOSTILE_UNIT,
      deadline: '2026-10-20',
      measures: [],
    });
  app.clock.set('2026-11-25T02:00:00Z');
}, 120_000);
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function command(text: string, until?: string) {
  const before = app.fake.callsTo('response_url').length;
  const uploads = app.fake.uploads.length;
  expect((await app.command(text, LEADER.userId)).status).toBe(200);
  const reply = (await app.fake.waitForCall('response_url', before + 1, 30_000)).args as {
    text: string;
    blocks?: unknown;
  };
  if (until) await app.fake.waitFor(() => app.fake.uploads.length > uploads, 60_000);
  return reply;
}
const pdfPages = (bytes: Buffer): string[] => {
  const file = path.join(dir, `f${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\f');
};
const docxXml = async (bytes: Buffer) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
const docxText = async (bytes: Buffer) =>
  [...(await docxXml(bytes)).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');

describe('unit names differing only in case or width', () => {
  it.each(['Permits office', 'PERMITS OFFICE', 'Ｐｅｒｍｉｔｓ　ｏｆｆｉｃｅ'])(
    '“%s” typed exactly is that unit',
    async (unit) => {
      const reply = await command(`summary RECT unit:"${unit}"`);
      expect(JSON.stringify(reply)).toContain(`Only the problems of *${unit}*.`);
      expect(JSON.stringify(reply)).toContain('*1 problem*');
    },
  );

  it('typed in another case they are ambiguous, and the suggested command then works', async () => {
    const reply = await command('summary RECT unit:"permits Office"');
    const suggested = /`\/closeout (summary RECT unit:"[^"]+")`/.exec(reply.text)?.[1];
    expect(suggested).toBeDefined();
    expect(JSON.stringify(await command(suggested!))).toContain('*1 problem*');
  });
});

describe('hostile units in the report', () => {
  it(
    'the PDF keeps every overdue row, on pages of their own size, with CJK and unbroken Latin wrapped',
    { timeout: 120_000 },
    async () => {
      await command('summary RECT as:pdf', 'file');
      const pdf = app.fake.uploads.at(-1)!.body;
      const pages = pdfPages(pdf).filter((p) => p.trim());
      const all = pages.join('\n');
      // The report lists 50 and counts the rest.
      const keys = new Set(all.match(/RECT-\d+/g));
      expect(keys.size).toBe(50);
      expect(all.replace(/\s+/g, ' ')).toContain('… and 10 more');
      expect(all).toContain('长长长');
      expect(all).not.toContain('?evil'); // the override is not printed as a missing glyph
      expect(all).toContain('无无无');
      // No line runs off the page: the longest pdftotext line stays within a page's width of text.
      const longest = Math.max(...all.split('\n').map((l) => l.length));
      expect(longest).toBeLessThan(400);
      expect(pages.length).toBeGreaterThan(3);
    },
  );

  it(
    'the Word document is well formed: no control characters or bidi overrides, the mention escaped',
    { timeout: 60_000 },
    async () => {
      await command('summary RECT as:docx', 'file');
      const xml = await docxXml(app.fake.uploads.at(-1)!.body);
      // eslint-disable-next-line no-control-regex -- what XML 1.0 forbids, and the overrides
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e]/);
      expect(xml).toContain('&lt;!channel&gt;');
      expect(new Set(xml.match(/RECT-\d+</g)).size).toBe(50);
    },
  );

  it('the channel summary of that unit says its name without pinging anyone', async () => {
    const reply = await command(`summary RECT unit:"${HOSTILE_UNIT}" post`);
    expect(reply.text).toContain('Posted');
    const post = app.fake.callsTo('chat.postMessage').at(-1)!;
    expect(JSON.stringify(post.args)).not.toContain('<!channel>');
  });

  it('a unit: of 40,000 characters is answered quickly and briefly', async () => {
    const started = Date.now();
    const reply = await command(`summary RECT unit:${'<!channel>'.repeat(4_000)}`);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(reply.text.length).toBeLessThan(3_000);
    expect(reply.text).not.toContain('<!channel>');
  });
});

describe('a board with no problems', () => {
  it.each(['pdf', 'docx'] as const)('gets a %s report that says so', { timeout: 60_000 }, async (format) => {
    const reply = await command(`summary EMPTY as:${format}`, 'file');
    expect(reply.text).toContain(`EMPTY-report-2026-11-25.${format}`);
    const bytes = app.fake.uploads.at(-1)!.body;
    const text = format === 'pdf' ? pdfPages(bytes).join('\n') : await docxText(bytes);
    expect(text).toMatch(/^\s*Problems\s+0\s*$/m);
  });
});
