import { describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../../src/slack/parsers/export-args.js';
import { parseSummaryArgs } from '../../../src/slack/parsers/summary-args.js';

describe('parseSummaryArgs', () => {
  it('takes a board, a breakdown and post, in any order, each at most once', () => {
    expect(parseSummaryArgs([])).toEqual({ ok: true, code: null, by: 'category', post: false });
    expect(parseSummaryArgs(['rect'])).toEqual({ ok: true, code: 'RECT', by: 'category', post: false });
    expect(parseSummaryArgs(['by:unit', 'post'])).toEqual({ ok: true, code: null, by: 'unit', post: true });
    expect(parseSummaryArgs(['POST', 'board:ops', 'By=Owner'])).toEqual({
      ok: true,
      code: 'OPS',
      by: 'owner',
      post: true,
    });
    expect(parseSummaryArgs(['清单：RECT', '按：责任单位', '发布'])).toEqual({
      ok: true,
      code: 'RECT',
      by: 'unit',
      post: true,
    });
    expect(parseSummaryArgs(['按责任人'])).toEqual({ ok: true, code: null, by: 'owner', post: false });
    expect(parseSummaryArgs(['bypass'])).toEqual({ ok: true, code: 'BYPASS', by: 'category', post: false });
  });

  it('refuses anything else', () => {
    for (const args of [
      ['by:colour'],
      ['RECT', 'OPS'],
      ['post', 'post'],
      ['by:unit', 'by:owner'],
      ['rect-1'],
      ['by:'],
    ]) {
      expect(parseSummaryArgs(args), args.join(' ')).toEqual({ ok: false });
    }
  });
});

describe('parseExportArgs', () => {
  it('takes at most a board code', () => {
    expect(parseExportArgs([])).toEqual({ ok: true, code: null, format: null });
    expect(parseExportArgs(['board:rect'])).toEqual({ ok: true, code: 'RECT', format: null });
    expect(parseExportArgs(['RECT', 'extra'])).toEqual({ ok: false });
    expect(parseExportArgs(['RECT-1'])).toEqual({ ok: false });
  });
});
