import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { ACTION } from '../../../src/slack/ids.js';
import { askBlocks, dismissedBlocks, MAX_CANDIDATES, recordedBlocks } from '../../../src/slack/blocks/chat-reply.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const en = translator('en');
const zh = translator('zh-CN');

function problemsOf(blocks: KnownBlock[]): string[] {
  const p = { surface: 'message' as const, method: 'chat.postMessage', blocks };
  return [...limitProblems(p), ...schemaProblems(p)];
}

interface ButtonLike {
  action_id: string;
  value: string;
  text: { text: string };
}
const buttons = (blocks: KnownBlock[]): ButtonLike[] =>
  blocks.flatMap((b): unknown[] =>
    b.type === 'actions' ? b.elements : b.type === 'section' && b.accessory ? [b.accessory] : [],
  ) as ButtonLike[];

describe('recordedBlocks', () => {
  it('shows key, title, percent, health and the note, with an Edit button carrying the update id', () => {
    const blocks = recordedBlocks(en, {
      key: 'RECT-3',
      title: 'Queue times',
      percent: 60,
      health: 'at_risk',
      note: 'hired two clerks',
      updateId: 42,
    });
    const text = JSON.stringify(blocks);
    expect(text).toContain('*RECT-3*');
    expect(text).toContain('Queue times');
    expect(text).toContain('60%');
    expect(text).toContain('At risk');
    expect(text).toContain('> hired two clerks');
    expect(buttons(blocks)).toEqual([
      expect.objectContaining({
        action_id: ACTION.chatEdit,
        value: '42',
        text: expect.objectContaining({ text: 'Edit' }),
      }),
    ]);
    expect(problemsOf(blocks)).toEqual([]);
  });

  it('speaks Chinese', () => {
    const blocks = recordedBlocks(zh, {
      key: 'RECT-3',
      title: '窗口排队',
      percent: 60,
      health: 'at_risk',
      note: '已招聘两名办事员',
      updateId: 1,
    });
    const text = JSON.stringify(blocks);
    expect(text).toContain('已记录到');
    expect(text).toContain('有风险');
    expect(text).toContain('修改');
  });

  it('stays within limits with a 3,000-character note, a 150-character title and <tags> in the title', () => {
    const blocks = recordedBlocks(en, {
      key: 'RECT-3',
      title: `<!channel> ${'t'.repeat(150)}`,
      percent: 100,
      health: 'on_track',
      note: 'n\n'.repeat(1500),
      updateId: 7,
    });
    expect(problemsOf(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
  });
});

describe('askBlocks', () => {
  const candidates = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      key: `RECT-${i + 1}`,
      title: `Problem ${i + 1} ${'long title '.repeat(20)}`,
    }));

  it('offers one button per candidate (value replyId:KEY) and "None of these", quoting the text', () => {
    const blocks = askBlocks(en, { replyId: 9, text: '80% nearly there', candidates: candidates(2), lead: [] });
    expect(buttons(blocks).map((b) => [b.action_id, b.value])).toEqual([
      [`${ACTION.chatPick}:0`, '9:RECT-1'],
      [`${ACTION.chatPick}:1`, '9:RECT-2'],
      [ACTION.chatDismiss, '9'],
    ]);
    expect(JSON.stringify(blocks)).toContain('> 80% nearly there');
    expect(JSON.stringify(blocks)).toContain('Which problem');
    expect(problemsOf(blocks)).toEqual([]);
  });

  it('paginates 2,000 candidates into actions blocks of at most 25 and says how many more', () => {
    const blocks = askBlocks(en, {
      replyId: 1,
      text: 'x'.repeat(3000),
      candidates: candidates(2000),
      lead: ['Refused because.'],
    });
    expect(problemsOf(blocks)).toEqual([]);
    expect(buttons(blocks)).toHaveLength(MAX_CANDIDATES + 1);
    expect(JSON.stringify(blocks)).toContain(`and ${2000 - MAX_CANDIDATES} more`);
    const ids = blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('with no candidates shows only the explanation and the quoted text', () => {
    const blocks = askBlocks(zh, { replyId: 1, text: '都正常', candidates: [], lead: ['原因'] });
    expect(buttons(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('> 都正常');
  });
});

describe('dismissedBlocks', () => {
  it('keeps the quoted text and drops the buttons', () => {
    const blocks = dismissedBlocks(en, 'some news');
    expect(buttons(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('> some news');
    expect(problemsOf(blocks)).toEqual([]);
  });
});
