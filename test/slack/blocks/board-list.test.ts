import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { boardListBlocks, type BoardSummary } from '../../../src/slack/blocks/board-list.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const en = translator('en');

function problemsOf(blocks: KnownBlock[]): string[] {
  const p = { surface: 'message' as const, method: 'response_url', blocks: blocks as unknown[] };
  return [...limitProblems(p), ...schemaProblems(p)];
}

const board = (i: number): BoardSummary => ({
  code: `B${i}`,
  name: `Board ${i}`,
  channelId: i % 2 ? 'C0BOARD' : null,
  timezone: 'Asia/Shanghai',
  language: 'zh-CN',
  cycleDays: 14,
  anchorDate: '2026-11-16',
  promptTime: '09:00',
  deadline: '2027-06-30',
  leaders: Array.from({ length: 30 }, (_, j) => `UL${j}`),
  counts: { total: 31, closed: 19, overdue: 4 },
  today: '2026-11-25',
});

describe('board list', () => {
  it('shows channel, cadence, leaders and counts of each board', () => {
    const text = JSON.stringify(boardListBlocks(en, 'en', [board(1)]));
    expect(text).toContain('*B1* · Board 1');
    expect(text).toContain('<#C0BOARD> · 简体中文');
    expect(text).toContain('Every 14 days from Nov 16, prompts at 09:00 (Asia/Shanghai)');
    expect(text).toContain('<@UL0>');
    expect(text).toContain('… and 20 more');
    expect(text).toContain('31 problems · 12 open · 19 closed · 4 overdue');
  });

  it('stays within one message for 200 boards', () => {
    const blocks = boardListBlocks(
      en,
      'en',
      Array.from({ length: 200 }, (_, i) => board(i)),
    );
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toContain('… and 153 more');
    expect(problemsOf(blocks)).toEqual([]);
  });

  it('says how to start when there are no boards', () => {
    expect(JSON.stringify(boardListBlocks(en, 'en', []))).toContain('/closeout board new');
  });
});
