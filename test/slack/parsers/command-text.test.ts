import { describe, expect, it } from 'vitest';
import { parseCommandText, tokenize } from '../../../src/slack/parsers/command-text.js';
import { cutToSlackLimit, SLACK_INPUT_MAX } from '../../../src/slack/parsers/slack-input.js';

describe('tokenize', () => {
  it('splits on white space and keeps quoted phrases, straight or curly, together', () => {
    expect(tokenize('  list  overdue\tboard:RECT\n')).toEqual(['list', 'overdue', 'board:RECT']);
    expect(tokenize('show "backlog of cases" “办证 窗口”')).toEqual(['show', 'backlog of cases', '办证 窗口']);
    expect(tokenize('a"b c" "" x')).toEqual(['a"b', 'c"', '', 'x']);
    expect(tokenize('"ab"cd')).toEqual(['ab', 'cd']);
  });

  it('leaves an unclosed quote in its word', () => {
    expect(tokenize('show "backlog of')).toEqual(['show', '"backlog', 'of']);
    expect(tokenize('“a “b ”c')).toEqual(['a “b ', 'c']);
    expect(tokenize('“ “ x')).toEqual(['“', '“', 'x']);
    expect(tokenize('"'.repeat(5))).toEqual(['', '', '"']);
  });
});

describe('parseCommandText', () => {
  it('routes, and suggests for a near miss but not for a long word', () => {
    expect(parseCommandText('LIST overdue')).toEqual({ ok: true, sub: 'list', args: ['overdue'] });
    expect(parseCommandText('')).toEqual({ ok: true, sub: 'help', args: [] });
    expect(parseCommandText('shwo RECT-1')).toEqual({ ok: false, input: 'shwo', suggestion: 'show' });
    expect(parseCommandText('x'.repeat(5_000))).toMatchObject({ ok: false, suggestion: null });
  });

  it('reads no further than Slack sends', () => {
    // 60,005 characters typed; the first 40,000 are `show ` and 19,998 words `a` (the last without its space).
    const words = parseCommandText(`show ${'a '.repeat(30_000)}`);
    expect(SLACK_INPUT_MAX.commandText).toBe(40_000);
    expect(words.ok && words.args.length).toBe(19_998);
  });
});

describe('cutToSlackLimit', () => {
  it('keeps text within the limit as it is and never splits a surrogate pair', () => {
    expect(cutToSlackLimit('short', 10)).toBe('short');
    expect(cutToSlackLimit('abc🙂', 4)).toBe('abc');
    expect(cutToSlackLimit('ab🙂', 4)).toBe('ab🙂');
    expect(cutToSlackLimit('x'.repeat(50_000), SLACK_INPUT_MAX.messageText)).toHaveLength(40_000);
  });
});
