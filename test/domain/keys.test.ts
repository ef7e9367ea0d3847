import { describe, expect, it } from 'vitest';
import {
  BOARD_CODE_PATTERN,
  boardCodeWord,
  boardCodeWords,
  LEADING_USER_MENTION,
  PROBLEM_KEY_PATTERN,
  SLACK_USER_PATTERN,
  USER_MENTION,
} from '../../src/domain/keys.js';

describe('identifier patterns (the one copy of each)', () => {
  it('board codes: 2–10 letters or digits, starting with a letter', () => {
    expect(['RECT', 'A1', 'ABCDEFGHIJ'].every((c) => BOARD_CODE_PATTERN.test(c))).toBe(true);
    expect(['R', '1RECT', 'ABCDEFGHIJK', 'RE-CT', 'rect'].some((c) => BOARD_CODE_PATTERN.test(c))).toBe(false);
  });

  it('problem keys: CODE-n', () => {
    expect(['RECT-1', 'A1-123456789'].every((k) => PROBLEM_KEY_PATTERN.test(k))).toBe(true);
    expect(['RECT', 'RECT-', 'RECT-1234567890', 'R-1', 'rect-1'].some((k) => PROBLEM_KEY_PATTERN.test(k))).toBe(false);
  });

  it('member IDs and mentions share one ID rule', () => {
    expect(SLACK_USER_PATTERN.test('U0123ABCD')).toBe(true);
    expect(SLACK_USER_PATTERN.test('W0123ABCD')).toBe(true);
    expect(SLACK_USER_PATTERN.test('C0123ABCD')).toBe(false);
    expect(USER_MENTION.exec('<@U0123ABCD|wang>')?.[1]).toBe('U0123ABCD');
    expect(USER_MENTION.exec('<@U0123ABCD>')?.[1]).toBe('U0123ABCD');
    expect(USER_MENTION.test('<@U0123ABCD> and more')).toBe(false);
    expect(LEADING_USER_MENTION.exec('<@U0123ABCD|wang> please take it')?.[1]).toBe('U0123ABCD');
  });
});

/** The board code a word names, or null: what a parser of a command's words makes of boardCodeWord. */
function boardCodeArg(word: string): string | null {
  const { code } = boardCodeWord(word);
  return BOARD_CODE_PATTERN.test(code) ? code : null;
}

describe('a board code as typed', () => {
  it('is RECT, rect, board:RECT or 清单：RECT, upper-cased without its prefix', () => {
    for (const word of ['RECT', 'rect', ' board:RECT ', 'BOARD:rect', 'board：RECT', '清单:RECT', '清单：rect'])
      expect(boardCodeArg(word)).toBe('RECT');
    expect(boardCodeWord('board:RECT')).toEqual({ code: 'RECT', prefixed: true });
    expect(boardCodeWord('RECT')).toEqual({ code: 'RECT', prefixed: false });
    // `board: RECT` (a space after the colon) arrives as two words: still board RECT.
    expect(boardCodeWords(['board:', 'rect'])).toEqual({ code: 'RECT', prefixed: true });
    expect(boardCodeWords(['清单：', 'RECT', 'more'])).toEqual({ code: 'RECT', prefixed: true });
    expect(boardCodeWords(['RECT', 'more'])).toEqual({ code: 'RECT', prefixed: false });
    expect(boardCodeWords(['board:'])).toEqual({ code: '', prefixed: true });
    expect(boardCodeWords([])).toBeUndefined();
  });

  it('names nothing when what is left is not a code (it is still given back, to be named in the answer)', () => {
    for (const word of ['board:', 'board:R', 'board:board:RECT', 'RECT-1', '1RECT', 'bord:RECT'])
      expect(boardCodeArg(word)).toBeNull();
    expect(boardCodeWord('board:nope!')).toEqual({ code: 'NOPE!', prefixed: true });
  });
});
