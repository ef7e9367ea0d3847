import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportContent } from '../../../src/charts/report/report-content.js';
import { buildReport } from '../../../src/charts/report/report-worker.js';
import type { Language } from '../../../src/domain/types.js';
import { formatDate } from '../../../src/i18n/dates.js';
import { boardByCode } from '../../../src/services/boards.js';
import { approveCloseout, markNotRectifiable, reopenProblem, requestCloseout } from '../../../src/services/closeout.js';
import { exportRows } from '../../../src/services/csv-export.js';
import { outcomeCounts, type OutcomeCounts } from '../../../src/services/outcome-counts.js';
import { editProblem } from '../../../src/services/problems.js';
import { reportData, type ReportData } from '../../../src/services/report-data.js';
import { createTestDb, type TestDb } from '../../support/db.js';
import { LEADER, OTHER, OWNER, makeDeps } from '../../support/fixtures.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../../support/summary-dataset.js';

/**
 * The progress report's closeout outcomes (issue 23 in the issue-24 document): the overall figures count
 * rectified, long-term, lasting mechanisms and not rectifiable as the summary and the export do, and section 8
 * lists the mechanisms of the long-term closeouts in force, for the board or one unit.
 *
 * | key    | unit            | outcome                                                         |
 * | RECT-3 | Permits office  | rectified (the dataset's)                                       |
 * | RECT-6 | Permits office  | rectified (the dataset's)                                       |
 * | RECT-5 | Permits office  | long-term, 2 mechanisms, follow-up 2027-03-01                   |
 * | RECT-4 | 市场监管局       | long-term, 2 mechanisms (Chinese), follow-up 2027-02-01         |
 * | RECT-8 | Permits office  | long-term, reopened, then closed rectified: its mechanism lapsed |
 * | RECT-2 | Permits office  | not rectifiable (open)                                          |
 */
const EN_MECHANISMS = ['Rules on permit handling issued', 'Monthly backlog review'];
const ZH_MECHANISMS = ['印发《审批事项办理时限管理办法》', '建立窗口排队时长月度通报制度'];
const LAPSED = 'A lapsed mechanism';

let t: TestDb;
let dir: string;
let deps: ReturnType<typeof makeDeps>['deps'];
let boardId: number;

beforeAll(async () => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-report-outcomes-'));
  const made = makeDeps(t.db, SUMMARY_NOW);
  deps = made.deps;
  boardId = (await seedSummaryDataset(deps, made.clock)).id;
  const pending5 = await deps.db.closeoutRequest.findFirstOrThrow({
    where: { state: 'pending', problem: { key: 'RECT-5' } },
  });
  made.clock.set('2026-11-24T01:00:00Z');
  await approveCloseout(deps, LEADER, pending5.id, undefined, {
    longTerm: { mechanisms: EN_MECHANISMS, followUpDate: '2027-03-01' },
  });
  await editProblem(deps, LEADER, 'RECT-4', { unit: '市场监管局' });
  const r4 = await requestCloseout(deps, OWNER, 'RECT-4', { evidence: '已出台制度。' });
  await approveCloseout(deps, LEADER, r4.request.id, undefined, {
    longTerm: { mechanisms: ZH_MECHANISMS, followUpDate: '2027-02-01' },
  });
  const r8 = await requestCloseout(deps, OTHER, 'RECT-8', { evidence: 'Emptied.' });
  await approveCloseout(deps, LEADER, r8.request.id, undefined, {
    longTerm: { mechanisms: [LAPSED], followUpDate: '2027-01-15' },
  });
  made.clock.set('2026-11-24T02:00:00Z');
  await reopenProblem(deps, LEADER, 'RECT-8', 'The box filled up again');
  made.clock.set('2026-11-24T03:00:00Z');
  const again = await requestCloseout(deps, OTHER, 'RECT-8', { evidence: 'Emptied weekly now.' });
  await approveCloseout(deps, LEADER, again.request.id);
  const r2 = await requestCloseout(deps, OWNER, 'RECT-2', { evidence: 'Tried.' });
  await markNotRectifiable(deps, LEADER, r2.request.id, 'The building belongs to another agency.');
  made.clock.set(SUMMARY_NOW);
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function data(unit: string | null = null, listLimit?: number): Promise<ReportData> {
  const board = await boardByCode(deps, LEADER.teamId, 'RECT');
  return reportData(deps.db, board, deps.clock.now(), { unit, ...(listLimit && { listLimit }) });
}

/** The export's outcome cells, counted: what the document's outcome figures must equal. */
async function exported(unit: string | null = null) {
  const { rows } = await exportRows(deps, LEADER, 'RECT');
  const mine = rows.filter((r) => r.status !== 'withdrawn' && (unit === null || r.unit === unit));
  const count = (outcome: string) => mine.filter((r) => r.outcome === outcome).length;
  return {
    rectified: count('rectified'),
    longTerm: count('long_term'),
    mechanisms: mine.reduce((n, r) => n + (r.mechanisms ? r.mechanisms.split('\n').length : 0), 0),
    notRectifiable: count('not_rectifiable'),
  };
}

type Counted = Pick<OutcomeCounts, 'rectified' | 'longTerm' | 'mechanisms' | 'notRectifiable'>;
const LABELS: Record<Language, Record<keyof Counted, string>> = {
  en: {
    rectified: 'Closed: rectified',
    longTerm: 'Closed: rectified long-term',
    mechanisms: 'Lasting mechanisms created',
    notRectifiable: 'Not rectifiable (still open)',
  },
  'zh-CN': {
    rectified: '其中：已整改',
    longTerm: '其中：持续整改',
    mechanisms: '建立长效机制（项）',
    notRectifiable: '未整改（单独统计）',
  },
};
const FIELDS = ['rectified', 'longTerm', 'mechanisms', 'notRectifiable'] as const;

async function docxParagraphs(bytes: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join(''),
  );
}

function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The Word document's figure for a label: the paragraph after it (the next cell of its row). */
const figureIn = (paragraphs: string[], label: string) => paragraphs[paragraphs.indexOf(label) + 1];

describe('the progress report’s closeout outcomes', () => {
  it('are the summary’s outcomeCounts, which equal the export’s outcome cells', async () => {
    const d = await data();
    const counts = await outcomeCounts(deps.db, { boardId });
    expect(d.summary.outcomes).toEqual(counts);
    expect(counts).toMatchObject({ closed: 5, rectified: 3, longTerm: 2, mechanisms: 4, notRectifiable: 1 });
    expect(counts).toMatchObject(await exported());
    expect(d.mechanisms).toEqual({
      total: 2,
      items: [
        {
          key: 'RECT-4',
          title: 'Slow business licence approvals',
          unit: '市场监管局',
          mechanisms: ZH_MECHANISMS,
          followUpDate: '2027-02-01',
        },
        {
          key: 'RECT-5',
          title: 'Duplicate inspections',
          unit: 'Permits office',
          mechanisms: EN_MECHANISMS,
          followUpDate: '2027-03-01',
        },
      ],
    });
  });

  it('count only the unit’s when the report is narrowed to one', async () => {
    const zh = await data('市场监管局');
    expect(zh.summary.outcomes).toEqual(await outcomeCounts(deps.db, { boardId, unit: '市场监管局' }));
    expect(zh.summary.outcomes).toMatchObject({
      closed: 1,
      rectified: 0,
      longTerm: 1,
      mechanisms: 2,
      notRectifiable: 0,
    });
    expect(zh.summary.outcomes).toMatchObject(await exported('市场监管局'));
    expect(zh.mechanisms.items.map((m) => m.key)).toEqual(['RECT-4']);
    const permits = await data('Permits office');
    expect(permits.summary.outcomes).toMatchObject({ rectified: 3, longTerm: 1, mechanisms: 2, notRectifiable: 1 });
    expect(permits.summary.outcomes).toMatchObject(await exported('Permits office'));
    expect(permits.mechanisms.items.map((m) => m.key)).toEqual(['RECT-5']);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    const follow = (d: string) => formatDate(lang, d, SUMMARY_NOW.slice(0, 10));

    it(`the Word document shows the outcome figures and the lasting mechanisms (${lang})`, async () => {
      const expected = await exported();
      const paragraphs = await docxParagraphs(
        await buildReport({ data: await data(), lang, chart: null, format: 'docx' }),
      );
      for (const field of FIELDS)
        expect(figureIn(paragraphs, LABELS[lang][field]), field).toBe(String(expected[field]));
      const at = paragraphs.indexOf(lang === 'en' ? '8. Lasting mechanisms' : '八、长效机制');
      const section = paragraphs.slice(
        at,
        paragraphs.indexOf(lang === 'en' ? '9. Deadlines in the next 30 days' : '九、今后 30 天内到期的问题'),
      );
      for (const key of ['RECT-4', 'RECT-5']) expect(section).toContain(key);
      expect(section).not.toContain('RECT-8');
      expect(section.join('\n')).not.toContain(LAPSED);
      // Each mechanism on its own line of the cell (a run with a break), numbered.
      expect(section).toContain(`1. ${EN_MECHANISMS[0]}2. ${EN_MECHANISMS[1]}`);
      expect(section).toContain(`1. ${ZH_MECHANISMS[0]}2. ${ZH_MECHANISMS[1]}`);
      expect(section).toContain(follow('2027-03-01'));
      expect(paragraphs.join('\n')).not.toContain(
        lang === 'en' ? 'No problem has been closed long-term' : '暂无按持续整改',
      );
    });

    it(`the PDF's text has the same outcome figures and mechanisms (${lang})`, async () => {
      const expected = await exported();
      const text = pdfText(
        await buildReport({ data: await data(), lang, chart: null, format: 'pdf' }),
        `o-${lang}.pdf`,
      );
      for (const field of FIELDS) {
        const label = LABELS[lang][field].replace(/[()（）]/g, '\\$&');
        expect(text, field).toMatch(new RegExp(`^\\s*${label}\\s+${expected[field]}\\s*$`, 'm'));
      }
      const section = text.slice(text.indexOf(lang === 'en' ? '8. Lasting mechanisms' : '八、长效机制'));
      expect(section).toMatch(/RECT-4[^\n]*1\. 印发《审批事项办理时限管理办法》/);
      expect(section).toMatch(/RECT-5[^\n]*1\. Rules on permit handling issued/);
      expect(section).toContain(`2. ${ZH_MECHANISMS[1]}`);
      expect(section).toContain(follow('2027-02-01'));
      expect(text).not.toContain(LAPSED);
    });

    it(`a unit's document counts and lists that unit's only (${lang})`, async () => {
      const expected = await exported('市场监管局');
      const paragraphs = await docxParagraphs(
        await buildReport({ data: await data('市场监管局'), lang, chart: null, format: 'docx' }),
      );
      for (const field of FIELDS)
        expect(figureIn(paragraphs, LABELS[lang][field]), field).toBe(String(expected[field]));
      expect(paragraphs).toContain('RECT-4');
      expect(paragraphs).not.toContain('RECT-5');
      const text = pdfText(
        await buildReport({ data: await data('市场监管局'), lang, chart: null, format: 'pdf' }),
        `unit-${lang}.pdf`,
      );
      expect(text).toMatch(new RegExp(`^\\s*${LABELS[lang].longTerm}\\s+1\\s*$`, 'm'));
      expect(text).not.toContain('RECT-5');
    });
  }

  it('lists at most the list limit, counting the rest', async () => {
    const d = await data(null, 1);
    expect(d.mechanisms.total).toBe(2);
    expect(d.mechanisms.items.map((m) => m.key)).toEqual(['RECT-4']);
    const texts = reportContent({ data: d, lang: 'en', chart: null }).blocks.map((b) => ('text' in b ? b.text : ''));
    const at = texts.indexOf('8. Lasting mechanisms');
    expect(texts[at + 2]).toMatch(/^… and 1 more/);
  });

  it('keeps a closeout with many long mechanisms to a bounded cell, counting the rest', async () => {
    const d = await data();
    const many = Array.from({ length: 50 }, (_, i) => `${i + 1}${'x'.repeat(499 - String(i + 1).length)}`);
    const item = { ...d.mechanisms.items[0]!, mechanisms: many };
    for (const lang of ['en', 'zh-CN'] as const) {
      const table = reportContent({ data: { ...d, mechanisms: { total: 1, items: [item] } }, lang, chart: null })
        .blocks.filter((b) => b.kind === 'table')
        .find((b) => b.head.includes(lang === 'en' ? 'Lasting mechanisms' : '长效机制'))!;
      const cell = table.rows[0]![3]!;
      expect(cell.length).toBeLessThan(1000);
      expect(cell).toMatch(/^1\. 1x+…$/m);
      expect(cell.split('\n').at(-1)).toBe(lang === 'en' ? '… and 49 more' : '……另有 49 项');
    }
  });

  it('says there are none only when none are in force', async () => {
    const none = { ...(await data('Permits office')), mechanisms: { total: 0, items: [] } };
    const texts = reportContent({ data: none, lang: 'zh-CN', chart: null }).blocks.map((b) =>
      'text' in b ? b.text : '',
    );
    expect(texts).toContain('暂无按持续整改销号并建立长效机制的问题。');
  });
});
