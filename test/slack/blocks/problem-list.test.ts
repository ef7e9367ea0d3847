import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { translator } from '../../../src/i18n/index.js';
import { decodeListPage, type ListPage } from '../../../src/slack/parsers/list-args.js';
import {
  LIST_PAGE_SIZE,
  problemListBlocks,
  type ListData,
  type ProblemLine,
} from '../../../src/slack/blocks/problem-list.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const TOTAL = 2000;

function line(i: number): ProblemLine {
  const overdue = i % 3 === 0;
  return {
    key: `RECT-${i + 1}`,
    title: `Problem number ${i + 1} ${'with a long title '.repeat(10)}`,
    ownerId: 'UOWNER',
    status: i % 5 === 0 ? 'closeout_requested' : 'in_progress',
    health: 'on_track',
    percent: 40,
    closedAt: null,
    flags: { deadline: '2026-11-20', overdue, stale: i % 2 === 0, closedLate: false, daysOverdue: overdue ? 5 : 0 },
    board: { timezone: 'Asia/Shanghai' },
  };
}

/** A page of 2,000 problems as listProblems would return it. */
function pageOf(page: ListPage, lang: 'en' | 'zh-CN' = 'en'): ListData {
  const items = Array.from({ length: Math.max(0, Math.min(LIST_PAGE_SIZE, TOTAL - page.offset)) }, (_, i) =>
    line(page.offset + i),
  );
  return { lang, today: '2026-11-25', page, pageSize: LIST_PAGE_SIZE, total: TOTAL, items };
}

const navValues = (blocks: KnownBlock[]) => {
  const nav = blocks.find((b) => b.type === 'actions');
  return nav && nav.type === 'actions' ? nav.elements.map((e) => ('value' in e ? decodeListPage(e.value) : null)) : [];
};
const problemsOf = (blocks: KnownBlock[]) => {
  const payload = { surface: 'message' as const, method: 'test', blocks };
  return [...limitProblems(payload), ...schemaProblems(payload)];
};

describe('problemListBlocks', () => {
  const query: ListPage = {
    view: 'all',
    board: 'RECT',
    category: 'c'.repeat(75),
    unit: 'u'.repeat(200),
    owner: 'UOWNER',
    offset: 0,
  };

  it('pages through 2,000 problems: range, Previous/Next with the query, within limits', () => {
    const blocks = problemListBlocks(translator('en'), pageOf({ ...query, offset: 20 }));
    expect(problemsOf(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('Showing 21–40 of 2,000');
    expect(navValues(blocks)).toEqual([
      { ...query, offset: 0 },
      { ...query, offset: 40 },
    ]);
    expect(blocks.filter((b) => b.type === 'section' && b.accessory).length).toBe(20);
  });

  it('has no Previous on the first page and no Next on the last', () => {
    expect(navValues(problemListBlocks(translator('en'), pageOf(query)))).toEqual([{ ...query, offset: 20 }]);
    const last = problemListBlocks(translator('en'), pageOf({ ...query, offset: 1980 }));
    expect(JSON.stringify(last)).toContain('Showing 1,981–2,000 of 2,000');
    expect(navValues(last)).toEqual([{ ...query, offset: 1960 }]);
  });

  it('every page of the 2,000 stays within Slack limits', () => {
    for (let offset = 0; offset < TOTAL; offset += LIST_PAGE_SIZE) {
      const blocks = problemListBlocks(translator('zh-CN'), pageOf({ ...query, offset }, 'zh-CN'));
      expect(limitProblems({ surface: 'message', method: 'test', blocks })).toEqual([]);
    }
  });

  it('groups a page by standing and flags overdue lines', () => {
    const text = JSON.stringify(problemListBlocks(translator('en'), pageOf(query)));
    expect(text).toContain('*Overdue*');
    expect(text).toContain('*Waiting for closeout sign-off*');
    expect(text).toContain('*OVERDUE 5 days*');
    expect(text).toContain('due Nov 20');
  });

  it('says so when nothing matches', () => {
    const blocks = problemListBlocks(translator('zh-CN'), {
      lang: 'zh-CN',
      today: '2026-11-25',
      page: { view: 'overdue', offset: 0 },
      pageSize: 20,
      total: 0,
      items: [],
    });
    expect(JSON.stringify(blocks)).toContain('逾期问题');
    expect(JSON.stringify(blocks)).toContain('没有符合条件的问题');
  });
});
