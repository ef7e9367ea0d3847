import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import {
  emptyStatusCounts,
  type BoardSummary,
  type BreakdownRow,
  type SummaryItem,
} from '../../../src/services/summary-types.js';
import {
  progressBar,
  summaryBlocks,
  summaryText,
  SUMMARY_LIST_MAX,
  SUMMARY_ROWS_MAX,
} from '../../../src/slack/blocks/summary.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const en = translator('en');
const zh = translator('zh-CN');

function item(n: number, over: Partial<SummaryItem> = {}): SummaryItem {
  return {
    key: `OPS-${n}`,
    number: n,
    title: `Problem ${n}`,
    ownerId: 'UWANG',
    unit: 'Traffic',
    category: 'Livelihood services',
    status: 'in_progress',
    deadline: '2026-12-31',
    daysOverdue: 0,
    percent: 50,
    lastUpdateAt: new Date('2026-11-20T00:00:00Z'),
    ...over,
  };
}

function row(key: string | null, closed: number, total: number, overdue = 0): BreakdownRow {
  const byStatus = { ...emptyStatusCounts(), closed, in_progress: total - closed };
  return { key, total, closed, overdue, completion: Math.floor((closed * 100) / total), byStatus };
}

/** The summary of the PRODUCT.md sketch: 11 problems, 7 closed, two overdue, one stale, one due soon. */
function sample(over: Partial<BoardSummary> = {}): BoardSummary {
  return {
    board: {
      code: 'OPS',
      name: 'Ops findings',
      timezone: 'Asia/Shanghai',
      language: 'en',
      deadline: '2027-08-31',
      channelId: 'C0OPS',
    },
    asOf: new Date('2026-11-25T02:00:00Z'),
    today: '2026-11-25',
    cycle: { index: 0, startDate: '2026-11-16', endDate: '2026-11-29' },
    total: 11,
    closed: 7,
    completion: 63,
    byStatus: { open: 0, in_progress: 4, closeout_requested: 0, closed: 7 },
    by: 'category',
    rows: [row('Livelihood services', 6, 8, 1), row('Business environment', 1, 2, 1), row(null, 0, 1)],
    change: { since: '2026-11-15', closed: 3, newlyOverdue: 1, created: 0, extended: 0 },
    overdue: {
      total: 2,
      items: [
        item(7, { deadline: '2026-11-04', daysOverdue: 21, lastUpdateAt: null }),
        item(9, { deadline: '2026-11-22', daysOverdue: 3, ownerId: 'ULI', unit: 'Permits' }),
      ],
    },
    stale: { total: 1, items: [item(7, { lastUpdateAt: null })] },
    dueSoon: { total: 1, items: [item(11, { deadline: '2026-12-01', percent: 80 })] },
    ...over,
  };
}

const text = (blocks: KnownBlock[]) =>
  blocks
    .map((b) => (b.type === 'section' || b.type === 'header' ? (b.text?.text ?? '') : JSON.stringify(b)))
    .join('\n');

function expectValid(blocks: KnownBlock[]) {
  const payload = { surface: 'message' as const, method: 'response_url', blocks };
  expect([...limitProblems(payload), ...schemaProblems(payload)]).toEqual([]);
}

describe('progressBar', () => {
  it('fills ten cells, rounded down like the percent', () => {
    expect(progressBar(6, 8)).toBe('▰▰▰▰▰▰▰▱▱▱');
    expect(progressBar(4, 5)).toBe('▰▰▰▰▰▰▰▰▱▱');
    expect(progressBar(0, 0)).toBe('▱▱▱▱▱▱▱▱▱▱');
    expect(progressBar(5, 5)).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(progressBar(199, 200)).toBe('▰▰▰▰▰▰▰▰▰▱');
  });
});

describe('summaryBlocks', () => {
  it('renders the headline, the change since last round, status counts, a bar per row and the three lists', () => {
    const s = sample();
    const blocks = summaryBlocks(en, 'en', s);
    const all = text(blocks);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Ops findings (OPS) — summary' } });
    expect(all).toContain('As of Nov 25 · this round: Nov 16 – Nov 29 · list deadline Aug 31, 2027');
    expect(all).toContain('*11 problems* · 7 closed (63%) · 2 overdue · 1 without an update this round');
    expect(all).toContain('Since the last round ended (Nov 15): *+3* closed · *+1* newly overdue · *+0* new');
    expect(JSON.stringify(blocks)).toContain('*Closed*\\n7');
    expect(all).toContain('*By category* · closed/total');
    expect(all).toContain('▰▰▰▰▰▰▰▱▱▱  *Livelihood services*  6/8 (75%) · :red_circle: 1 overdue');
    expect(all).toContain('▰▰▰▰▰▱▱▱▱▱  *Business environment*  1/2 (50%) · :red_circle: 1 overdue');
    expect(all).toContain('▱▱▱▱▱▱▱▱▱▱  _No category_  0/1 (0%)\n');
    expect(all).toContain(
      '*Overdue* (oldest first) · 2\n*OPS-7* Problem 7 — 21 days · <@UWANG> · Traffic\n*OPS-9* Problem 9 — 3 days · <@ULI> · Permits',
    );
    expect(all).toContain('*OPS-7* Problem 7 — <@UWANG> · never updated');
    expect(all).toContain('*Due in the next 14 days* · 1\n*OPS-11* Problem 11 — due Dec 1 · <@UWANG> · 80%');
    expect(summaryText(en, s)).toBe(
      'Ops findings (OPS) — summary: *11 problems* · 7 closed (63%) · 2 overdue · 1 without an update this round',
    );
    expectValid(blocks);
  });

  it('names units as text and owners as mentions', () => {
    const byUnit = text(
      summaryBlocks(en, 'en', sample({ by: 'unit', rows: [row('Permits <office>', 1, 3, 1), row(null, 1, 1)] })),
    );
    expect(byUnit).toContain('*By unit* · closed/total');
    expect(byUnit).toContain('*Permits &lt;office&gt;*  1/3 (33%) · :red_circle: 1 overdue');
    expect(byUnit).toContain('_No unit_  1/1 (100%)');
    const byOwner = text(
      summaryBlocks(en, 'en', sample({ by: 'owner', rows: [row('ULI', 0, 4, 1), row('UWANG', 2, 5)] })),
    );
    expect(byOwner).toContain('*By owner* · closed/total');
    expect(byOwner).toContain('▱▱▱▱▱▱▱▱▱▱  <@ULI>  0/4 (0%) · :red_circle: 1 overdue');
  });

  it('adds "… and N more" for what the lists do not show', () => {
    const s = sample({
      overdue: { total: 25, items: Array.from({ length: 10 }, (_, i) => item(i + 1, { daysOverdue: 30 - i })) },
    });
    const all = text(summaryBlocks(en, 'en', s));
    expect(all).toContain('*Overdue* (oldest first) · 25');
    expect(all).toContain('*OPS-10* Problem 10 — 21 days');
    expect(all).toContain('… and 15 more');
  });

  it('says so when nothing is overdue, stale or due soon, and when the board is empty', () => {
    const none = { total: 0, items: [] };
    const all = text(summaryBlocks(en, 'en', sample({ overdue: none, stale: none, dueSoon: none })));
    expect(all).toContain('*Overdue* · none');
    expect(all).toContain('*No update this round* · none');
    expect(all).toContain('*Due in the next 14 days* · none');
    const empty = summaryBlocks(en, 'en', sample({ total: 0, rows: [], overdue: none, stale: none, dueSoon: none }));
    expect(text(empty)).toContain('No problems on this board yet');
    expectValid(empty);
  });

  it('stays a valid message for 150 long-named rows and thousands of listed problems', () => {
    const long = (i: number) =>
      item(i, { title: `<b>&${'标题'.repeat(80)}`, unit: 'U'.repeat(200), lastUpdateAt: null, daysOverdue: 5 });
    const many = Array.from({ length: 2000 }, (_, i) => long(i + 1));
    const big = sample({
      board: { ...sample().board, name: 'N'.repeat(100) },
      total: 2000,
      rows: Array.from({ length: 150 }, (_, i) => row(`${'C'.repeat(70)}${i}`, 3, 13, 2)),
      overdue: { total: 1000, items: many },
      stale: { total: 2000, items: many },
      dueSoon: { total: 1000, items: many },
    });
    const blocks = summaryBlocks(en, 'en', big);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const all = text(blocks);
    expect(all).toContain(`… and ${150 - SUMMARY_ROWS_MAX} more`);
    expect(all).toContain(`… and ${1000 - SUMMARY_LIST_MAX} more`);
    expect(all).toContain('… and 1,990 more');
    expect(all).not.toContain('<b>');
    expectValid(blocks);
    expect(summaryText(en, big).length).toBeLessThanOrEqual(4000);
  });

  it('speaks Chinese', () => {
    const all = text(summaryBlocks(zh, 'zh-CN', sample()));
    expect(all).toContain('Ops findings（OPS）整改情况汇总');
    expect(all).toContain('*共 11 个问题* · 已销号 7 个（63%） · 逾期 2 个 · 本轮未更新 1 个');
    expect(all).toContain('上一轮结束（11月15日）以来：销号 *+3* · 新增逾期 *+1* · 新增问题 *+0*');
    expect(all).toContain('*按类别* · 已销号/总数');
    expect(all).toContain('逾期 21 天');
    expect(all).toContain('_未分类_');
    const byUnit = text(summaryBlocks(zh, 'zh-CN', sample({ by: 'unit' })));
    expect(byUnit).toContain('*按责任单位* · 已销号/总数');
  });
});
