import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { ACTION } from '../../../src/slack/ids.js';
import {
  closeoutRequestBlocks,
  closeoutRequestText,
  type CloseoutRequestData,
} from '../../../src/slack/blocks/closeout-request.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const en = translator('en');
const zh = translator('zh-CN');

function problemsOf(blocks: KnownBlock[]): string[] {
  const p = { surface: 'message' as const, method: 'chat.postMessage', blocks: blocks as unknown[] };
  return [...limitProblems(p), ...schemaProblems(p)];
}

const data: CloseoutRequestData = {
  requestId: 42,
  key: 'RECT-12',
  title: 'Backlog of unprocessed traffic violations',
  board: { code: 'RECT', name: 'Rectification list', timezone: 'Asia/Shanghai' },
  ownerId: 'UOWNER',
  requestedBy: 'UOWNER',
  requestedAt: new Date('2026-11-25T02:00:00Z'),
  evidence: 'Two clerks hired; backlog down from 900 to 12 cases.',
  deadline: '2026-11-20',
  today: '2026-11-25',
  percent: 100,
  measures: { done: 3, total: 3 },
  lang: 'en',
};

const buttons = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) => (e.type === 'button' ? [{ id: e.action_id, value: e.value }] : []))
      : [],
  );

describe('closeout request message', () => {
  it('shows the problem, the evidence, and Approve/Return carrying the request id', () => {
    const blocks = closeoutRequestBlocks(en, data);
    const text = JSON.stringify(blocks);
    expect(text).toContain('Closeout request · RECT-12');
    expect(text).toContain('backlog down from 900 to 12');
    expect(text).toContain('overdue');
    expect(buttons(blocks)).toEqual([
      { id: ACTION.approve, value: '42' },
      { id: ACTION.approveLongTerm, value: '42' },
      { id: ACTION.notRectifiable, value: '42' },
      { id: ACTION.returnRequest, value: '42' },
    ]);
    expect(closeoutRequestText(en, data)).toContain('RECT-12');
    expect(problemsOf(blocks)).toEqual([]);
  });

  it('fits a 3,000-character evidence note and a 150-character title, escaped', () => {
    const blocks = closeoutRequestBlocks(en, {
      ...data,
      title: 'T'.repeat(150),
      evidence: `<@U123> & ${'e'.repeat(3000)}`,
    });
    expect(JSON.stringify(blocks)).toContain('&lt;@U123&gt; &amp;');
    expect(problemsOf(blocks)).toEqual([]);
  });

  it('once decided, shows who decided and drops the buttons', () => {
    const approved = closeoutRequestBlocks(en, {
      ...data,
      decision: { state: 'approved', by: 'ULEADER', at: new Date('2026-11-26T02:00:00Z') },
    });
    expect(buttons(approved)).toEqual([]);
    expect(JSON.stringify(approved)).toContain('*Approved* by <@ULEADER>');
    const returned = closeoutRequestBlocks(en, {
      ...data,
      decision: { state: 'returned', by: 'ULEADER', at: new Date('2026-11-26T02:00:00Z'), reason: 'r'.repeat(3000) },
    });
    expect(JSON.stringify(returned)).toContain('*Returned* by <@ULEADER>');
    expect(problemsOf(approved)).toEqual([]);
    expect(problemsOf(returned)).toEqual([]);
  });

  it('speaks Chinese', () => {
    const blocks = closeoutRequestBlocks(zh, { ...data, lang: 'zh-CN' });
    const text = JSON.stringify(blocks);
    expect(text).toContain('销号申请 · RECT-12');
    expect(text).toContain('批准销号');
    expect(text).toContain('整改佐证');
  });
});
