import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WebClient } from '@slack/web-api';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChartRenderer } from '../../../src/charts/chart-renderer.js';
import { createLogger } from '../../../src/logging/logger.js';
import { boardChartPng } from '../../../src/slack/upload/chart.js';
import { buildReport } from '../../../src/charts/report/report-worker.js';
import { createReportRenderer } from '../../../src/charts/report/report-renderer.js';
import type { Language } from '../../../src/domain/types.js';
import { localDate } from '../../../src/domain/cycle.js';
import { boardByCode } from '../../../src/services/boards.js';
import { exportRows } from '../../../src/services/csv-export.js';
import { approveCloseout } from '../../../src/services/closeout.js';
import { DEMO_MECHANISMS } from '../../../src/services/demo-outcomes.js';
import { editProblem } from '../../../src/services/problems.js';
import { reportUpdate } from '../../../src/services/progress.js';
import { reportData, type ReportData } from '../../../src/services/report-data.js';
import { createTestDb, type TestDb } from '../../support/db.js';
import { LEADER, OWNER, makeDeps } from '../../support/fixtures.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../../support/summary-dataset.js';

let t: TestDb;
let dir: string;
let deps: ReturnType<typeof makeDeps>['deps'];
/** The export's own figures: what the document's numbers must equal. */
let expected: { problems: number; measures: number; closed: number; open: number; overdue: number };
let overdueKeys: string[];

beforeAll(async () => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-report-'));
  const made = makeDeps(t.db, SUMMARY_NOW);
  deps = made.deps;
  await seedSummaryDataset(deps, made.clock);
  // A note on an overdue problem, a deadline moved this round, and a second unit with a Chinese name.
  made.clock.set('2026-11-24T03:00:00Z');
  await reportUpdate(deps, OWNER, 'RECT-2', {
    health: 'at_risk',
    percent: 45,
    note: '窗口排队时间仍然较长，已协调增派人员，预计下周完成整改并提交佐证材料。',
  });
  await editProblem(
    deps,
    LEADER,
    'RECT-4',
    { deadline: '2026-12-15', unit: '市场监管局' },
    { reason: 'Waiting for the new system' },
  );
  // A long-term closeout (issue 23): the outcome figures and the lasting mechanisms the pages show.
  const pending = await deps.db.closeoutRequest.findFirstOrThrow({
    where: { state: 'pending', problem: { key: 'RECT-5' } },
  });
  await approveCloseout(deps, LEADER, pending.id, undefined, {
    longTerm: { mechanisms: [...DEMO_MECHANISMS], followUpDate: '2027-03-01' },
  });
  made.clock.set(SUMMARY_NOW);

  const { rows } = await exportRows(deps, LEADER, 'RECT');
  const today = localDate(new Date(SUMMARY_NOW), 'Asia/Shanghai');
  const onList = rows.filter((r) => r.status !== 'withdrawn');
  const open = onList.filter((r) => r.status !== 'closed');
  const overdue = open.filter((r) => r.deadline !== '' && r.deadline < today);
  expected = {
    problems: onList.length,
    measures: onList.reduce((n, r) => n + (r.measures ? r.measures.split('\n').length : 0), 0),
    closed: onList.length - open.length,
    open: open.length,
    overdue: overdue.length,
  };
  overdueKeys = overdue.map((r) => r.key);
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function data(unit: string | null = null): Promise<ReportData> {
  const board = await boardByCode(deps, LEADER.teamId, 'RECT');
  return reportData(deps.db, board, deps.clock.now(), { unit });
}

/** The text of each paragraph of word/document.xml (table cells are paragraphs too), in order. */
async function docxParagraphs(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
      .join(''),
  );
}

function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const LABELS: Record<Language, Record<keyof typeof expected, string>> = {
  en: {
    problems: 'Problems',
    measures: 'Measures',
    closed: 'Closed',
    open: 'In progress (not yet closed)',
    overdue: 'Overdue',
  },
  'zh-CN': { problems: '问题数', measures: '整改措施数', closed: '已销号', open: '整改中（未销号）', overdue: '逾期' },
};

describe('the progress report as a file', () => {
  it('reads its figures from the summary’s queries: they equal the export’s', async () => {
    const d = await data();
    expect(d.summary.total).toBe(expected.problems);
    expect(d.measures).toBe(expected.measures);
    expect(d.summary.closed).toBe(expected.closed);
    expect(d.summary.overdue.total).toBe(expected.overdue);
    expect(d.overdue.items.map((i) => i.key)).toEqual(overdueKeys);
    expect(d.overdue.items.find((i) => i.key === 'RECT-2')?.latestNote).toContain('窗口排队时间');
    expect(d.moved.items).toEqual([
      expect.objectContaining({
        key: 'RECT-4',
        from: '2026-12-01',
        to: '2026-12-15',
        reason: 'Waiting for the new system',
      }),
    ]);
    expect(d.closeouts.items.map((c) => [c.key, c.evidence])).toEqual([
      ['RECT-3', 'Done.'],
      ['RECT-6', 'Done.'],
      ['RECT-5', 'Merged the two inspection rounds.'],
    ]);
    expect(d.mechanisms.items.map((m) => [m.key, m.mechanisms])).toEqual([['RECT-5', [...DEMO_MECHANISMS]]]);
    expect(d.byUnit.map((r) => [r.key, r.total])).toEqual([
      ['Permits office', 7],
      ['市场监管局', 1],
    ]);
    // RECT-3 closed late (deadline Nov 1, closed Nov 19), RECT-6 and RECT-5 on time; RECT-1 and RECT-2
    // overdue: 2 of 5.
    expect(d.byUnit[0]).toMatchObject({ closed: 3, overdue: 2, closedOnTime: 2, onTimeRate: 40 });
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`writes a Word document with the export’s figures and the overdue keys (${lang})`, async () => {
      const d = await data();
      const bytes = await buildReport({ data: d, lang, chart: null, format: 'docx' });
      const paragraphs = await docxParagraphs(bytes);
      for (const [field, label] of Object.entries(LABELS[lang])) {
        const at = paragraphs.indexOf(label);
        expect(at, label).toBeGreaterThan(-1);
        expect(paragraphs[at + 1], label).toBe(String(expected[field as keyof typeof expected]));
      }
      for (const key of overdueKeys) expect(paragraphs).toContain(key);
      expect(paragraphs.join('\n')).toContain(lang === 'en' ? 'progress report' : '整改进展情况报告');
      expect(paragraphs).toContain('市场监管局');
    });

    it(`writes a PDF whose extracted text has the same figures and keys (${lang})`, async () => {
      const bytes = await buildReport({ data: await data(), lang, chart: null, format: 'pdf' });
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(bytes, `report-${lang}.pdf`);
      for (const [field, label] of Object.entries(LABELS[lang])) {
        const escaped = label.replace(/[()（）]/g, '\\$&');
        expect(text, label).toMatch(
          new RegExp(`^\\s*${escaped}\\s+${expected[field as keyof typeof expected]}\\s*$`, 'm'),
        );
      }
      for (const key of overdueKeys) expect(text).toContain(key);
      // The Chinese note is broken between characters to fit its cell, not run past it: pdftotext finds its
      // start and end on different lines, and no glyph is missing (no replacement marks).
      expect(text).toContain('窗口排队时间');
      expect(text).not.toContain('?');
    });
  }

  it('paginates long tables with the header row repeated on each page', async () => {
    const d = await data();
    const many = Array.from({ length: 120 }, (_, i) => ({ ...d.overdue.items[0]!, key: `RECT-${1000 + i}` }));
    const bytes = await buildReport({
      data: { ...d, overdue: { total: many.length, items: many } },
      lang: 'en',
      chart: null,
      format: 'pdf',
    });
    const pages = pdfText(bytes, 'long.pdf')
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    const withRows = pages.filter((p) => /RECT-10\d\d/.test(p));
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows) expect(page).toMatch(/Key\s+Problem\s+Owner/);
    expect(pages.at(-1)).toMatch(new RegExp(`Page ${pages.length} of ${pages.length}`));
  });

  // `REPORT_PAGES=docs/screenshots npx vitest run … report-files`: the pages README shows, with the chart.
  it.runIf(process.env.REPORT_PAGES)('renders its pages in each language for the docs', async () => {
    const out = process.env.REPORT_PAGES!;
    const board = await boardByCode(deps, LEADER.teamId, 'RECT');
    for (const lang of ['en', 'zh-CN'] as const) {
      const d = await data();
      const { png } = await boardChartPng({} as WebClient, createLogger('silent'), {
        db: deps.db,
        board,
        at: deps.clock.now(),
        lang,
        summary: d.summary,
      });
      const pdf = path.join(dir, `page-${lang}.pdf`);
      // Owners by name, as the bot prints them once Slack has named them (slack/people.ts).
      const names = lang === 'en' ? { UOWNER: 'Wang Fang', UOTHER: 'Li Qiang' } : { UOWNER: '王芳', UOTHER: '李强' };
      fs.writeFileSync(pdf, await buildReport({ data: d, lang, chart: png, format: 'pdf', names }));
      fs.writeFileSync(
        path.join(out, `report-${lang}.docx`),
        await buildReport({ data: d, lang, chart: png, format: 'docx', names }),
      );
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(out, `report-${lang}`)]);
    }
    await closeChartRenderer();
  });

  it('builds the file on a worker thread', async () => {
    const renderer = createReportRenderer();
    try {
      const bytes = await renderer.build({ data: await data(), lang: 'en', chart: null, format: 'docx' });
      expect(await docxParagraphs(bytes)).toContain('RECT-1');
    } finally {
      await renderer.close();
    }
  });
});
