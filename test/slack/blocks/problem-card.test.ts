import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { translator } from '../../../src/i18n/index.js';
import { ACTION } from '../../../src/slack/ids.js';
import { problemCardBlocks, type CardData } from '../../../src/slack/blocks/problem-card.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const at = new Date('2026-11-25T02:00:00Z');

function card(overrides: Partial<CardData> = {}): CardData {
  return {
    lang: 'en',
    today: '2026-11-25',
    problem: {
      key: 'RECT-12',
      title: 'Backlog of unprocessed traffic violations',
      description: 'Cases pile up at the desk.',
      category: 'Traffic enforcement',
      source: 'Complaints hotline',
      ownerId: 'UOWNER',
      unit: 'Traffic police brigade',
      deadline: '2026-11-22',
      status: 'in_progress',
      health: 'at_risk',
      percent: 40,
      closedAt: null,
      closedBy: null,
    },
    board: { code: 'RECT', name: 'Rectification list', timezone: 'Asia/Shanghai' },
    flags: { deadline: '2026-11-22', overdue: true, stale: false, closedLate: false, daysOverdue: 3 },
    measures: [
      { number: 1, text: 'Hire two clerks', status: 'done', ownerId: null, deadline: null },
      { number: 2, text: 'Open a second window', status: 'doing', ownerId: 'UOTHER', deadline: '2026-12-20' },
    ],
    updates: [{ authorId: 'UOWNER', createdAt: at, health: 'at_risk', percent: 40, note: 'Hired one clerk' }],
    request: null,
    viewer: { isOwner: true, canLead: false },
    ...overrides,
  };
}

const problemsOf = (blocks: KnownBlock[]) => {
  const payload = { surface: 'message' as const, method: 'test', blocks };
  return [...limitProblems(payload), ...schemaProblems(payload)];
};
const json = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const actionIds = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));

describe('problemCardBlocks', () => {
  it('shows what the problem is, where it stands and the owner’s buttons', () => {
    const blocks = problemCardBlocks(translator('en'), card());
    expect(problemsOf(blocks)).toEqual([]);
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'RECT-12 · Backlog of unprocessed traffic violations' },
    });
    const text = json(blocks);
    for (const s of [
      '<@UOWNER>',
      'Traffic police brigade',
      'Traffic enforcement',
      'Complaints hotline',
      'OVERDUE 3 days',
      'In progress',
      'At risk',
      '40%',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Corrective measures* (1/2 done)');
    expect(text).toContain('Hired one clerk');
    expect(actionIds(blocks)).toEqual([
      ACTION.reportProgress,
      ACTION.noChange,
      ACTION.requestCloseout,
      ACTION.requestExtension,
    ]);
  });

  it('offers a leader Approve and Return on a pending request, and nothing to someone else', () => {
    const pending = card({
      problem: { ...card().problem, status: 'closeout_requested' },
      request: {
        id: 7,
        state: 'pending',
        requestedBy: 'UOWNER',
        evidence: 'All measures done',
        createdAt: at,
        decidedBy: null,
        decidedAt: null,
        reason: null,
      },
    });
    const leader = problemCardBlocks(translator('en'), { ...pending, viewer: { isOwner: false, canLead: true } });
    // Leaders also get the ⋯ menu of list-keeping changes.
    expect(actionIds(leader)).toEqual([ACTION.approve, ACTION.returnRequest, ACTION.problemMenu]);
    expect(json(leader)).toContain('Closeout requested* by <@UOWNER>');
    expect(json(leader)).toContain('All measures done');
    const other = problemCardBlocks(translator('en'), { ...pending, viewer: { isOwner: false, canLead: false } });
    expect(actionIds(other)).toEqual([]);
    // The owner waits for the decision: nothing left to click.
    expect(actionIds(problemCardBlocks(translator('en'), pending))).toEqual([]);
  });

  it('shows who closed it, when, and that it was late', () => {
    const blocks = problemCardBlocks(
      translator('en'),
      card({
        problem: { ...card().problem, status: 'closed', closedAt: at, closedBy: 'ULEADER', percent: 100 },
        flags: { deadline: '2026-11-22', overdue: false, stale: false, closedLate: true, daysOverdue: 0 },
      }),
    );
    expect(json(blocks)).toContain('signed off by <@ULEADER>');
    expect(json(blocks)).toContain('Closed after its deadline');
    expect(actionIds(blocks)).toEqual([]);
  });

  it('stays within Slack’s limits with 60 long measures, 3,000-character notes and 5 updates', () => {
    const long = (n: number, ch = 'x') => `${ch.repeat(n - 6)} <&> !`;
    const d = card({
      problem: {
        ...card().problem,
        title: 'T'.repeat(150),
        description: long(5000),
        unit: long(200),
        source: long(200),
        category: long(75),
      },
      measures: Array.from({ length: 60 }, (_, i) => ({
        number: i + 1,
        text: long(1000),
        status: 'todo' as const,
        ownerId: 'UOTHER',
        deadline: '2027-01-31',
      })),
      updates: Array.from({ length: 5 }, () => ({
        authorId: 'UOWNER',
        createdAt: at,
        health: 'blocked' as const,
        percent: 10,
        note: long(3000, '\n'),
      })),
      request: {
        id: 1,
        state: 'returned',
        requestedBy: 'UOWNER',
        evidence: long(3000),
        createdAt: at,
        decidedBy: 'ULEADER',
        decidedAt: at,
        reason: long(3000),
      },
      note: ':ballot_box_with_check: <@UOWNER> reported no change',
    });
    for (const lang of ['en', 'zh-CN'] as const) {
      const blocks = problemCardBlocks(translator(lang), { ...d, lang });
      expect(problemsOf(blocks)).toEqual([]);
      expect(blocks.length).toBeLessThanOrEqual(50);
      const shown = (json(blocks).match(/\*\d+\.\*/g) ?? []).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(60);
      expect(json(blocks)).toContain(lang === 'en' ? `… and ${60 - shown} more` : `……另有 ${60 - shown} 条`);
      // User text is escaped: no stray "<&>" reaches Slack as markup.
      expect(json(blocks)).not.toContain('<&>');
    }
  });

  it('speaks natural Chinese', () => {
    const text = json(problemCardBlocks(translator('zh-CN'), { ...card(), lang: 'zh-CN' }));
    for (const s of ['责任单位', '完成时限', '整改措施', '已逾期 3 天', '汇报进展', '申请销号', '11月22日'])
      expect(text).toContain(s);
  });
});
