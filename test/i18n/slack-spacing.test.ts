import { parse, NodeType, type Node } from 'slack-message-parser';
import { describe, expect, it } from 'vitest';
import { t, type MessageKey } from '../../src/i18n/index.js';
import { areas } from '../../src/i18n/areas/index.js';
import { slackSpacing } from '../../src/i18n/slack-spacing.js';
import { zhCN } from '../../src/i18n/zh-CN.js';

/** The text a renderer left unformatted, through every level (bold holds code, quotes hold bold). */
function plainText(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (n.type === NodeType.Text) return n.text;
      if ('children' in n && Array.isArray(n.children)) return plainText(n.children as Node[]);
      return '';
    })
    .join('');
}

describe('zh-CN formatting where Slack needs a word boundary (issue 22)', () => {
  it('the summary footer shows both commands as code, the first one too (it follows "：")', () => {
    const footer = t('zh-CN', 'summary.footer' as MessageKey, { code: 'RECT' });
    const codes = parse(footer).children.filter((n) => n.type === NodeType.Code);
    expect(codes.map((n) => (n.type === NodeType.Code ? n.text : ''))).toEqual([
      '/closeout list overdue board:RECT',
      '/closeout list stale board:RECT',
    ]);
    expect(footer).not.toMatch(/：`/);
  });

  it('puts a space before an opening and after a closing delimiter that touch Chinese, and nowhere else', () => {
    expect(slackSpacing('完整列表：`/a` · `/b`')).toBe('完整列表： `/a` · `/b`');
    expect(slackSpacing('*逾期问题*（按逾期）')).toBe('*逾期问题* （按逾期）');
    expect(slackSpacing('或输入 `/closeout help`。')).toBe('或输入 `/closeout help` 。');
    expect(slackSpacing('已由 <@{user}> {state, select, approved {*批准*} other {退回}}')).toBe(
      '已由 <@{user}> {state, select, approved {*批准*} other {退回}}',
    );
    // Unpaired or fenced delimiters are not guessed at.
    expect(slackSpacing('文件 *.csv')).toBe('文件 *.csv');
    expect(slackSpacing('示例：```a```')).toBe('示例：```a```');
    expect(slackSpacing('Use `/closeout help`.')).toBe('Use `/closeout help`.');
  });

  it('every zh-CN template renders its code and bold in the playground renderer (Slack’s rule)', () => {
    const all: Record<string, string> = Object.assign({}, zhCN, ...areas.map((a) => a['zh-CN']));
    const literal: string[] = [];
    for (const [key, raw] of Object.entries(all)) {
      for (const line of slackSpacing(raw).split('\n')) {
        if (line.includes('```')) continue;
        const left = plainText(parse(line).children);
        const ticks = (line.match(/`/g) ?? []).length;
        if (ticks >= 2 && ticks % 2 === 0 && left.includes('`')) literal.push(`${key}: ${line}`);
        if (/(^|\s)\*[^*\s{][^*]*\*(?=\s|$)/.test(left)) literal.push(`${key}: ${line}`);
      }
    }
    expect(literal).toEqual([]);
  });
});
