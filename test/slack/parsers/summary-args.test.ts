import { describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../../src/slack/parsers/export-args.js';
import { parseSummaryArgs } from '../../../src/slack/parsers/summary-args.js';

describe('parseSummaryArgs', () => {
  it('takes a board, a breakdown and post, in any order, each at most once', () => {
    expect(parseSummaryArgs([])).toEqual({ ok: true, code: null, by: 'category', post: false, unit: null, as: null });
    expect(parseSummaryArgs(['rect'])).toEqual({
      ok: true,
      code: 'RECT',
      by: 'category',
      post: false,
      unit: null,
      as: null,
    });
    expect(parseSummaryArgs(['by:unit', 'post'])).toEqual({
      ok: true,
      code: null,
      by: 'unit',
      post: true,
      unit: null,
      as: null,
    });
    expect(parseSummaryArgs(['POST', 'board:ops', 'By=Owner'])).toEqual({
      ok: true,
      code: 'OPS',
      by: 'owner',
      post: true,
      unit: null,
      as: null,
    });
    expect(parseSummaryArgs(['清单：RECT', '按：责任单位', '发布'])).toEqual({
      ok: true,
      code: 'RECT',
      by: 'unit',
      post: true,
      unit: null,
      as: null,
    });
    expect(parseSummaryArgs(['按责任人'])).toEqual({
      ok: true,
      code: null,
      by: 'owner',
      post: false,
      unit: null,
      as: null,
    });
    expect(parseSummaryArgs(['bypass'])).toEqual({
      ok: true,
      code: 'BYPASS',
      by: 'category',
      post: false,
      unit: null,
      as: null,
    });
  });

  it('takes unit:NAME and as:docx|pdf (in either language)', () => {
    expect(parseSummaryArgs(['RECT', 'unit:Permits office', 'as:PDF'])).toEqual({
      ok: true,
      code: 'RECT',
      by: 'category',
      post: false,
      unit: 'Permits office',
      as: 'pdf',
    });
    expect(parseSummaryArgs(['责任单位：市场监管局', '导出为:word'])).toMatchObject({ unit: '市场监管局', as: 'docx' });
    expect(parseSummaryArgs(['单位=窗口'])).toMatchObject({ unit: '窗口', as: null });
    // `unit:"Permits office annex"` as the command's words split it.
    expect(parseSummaryArgs(['unit:"Permits', 'office', 'annex"', 'rect'])).toMatchObject({
      code: 'RECT',
      unit: 'Permits office annex',
    });
    expect(parseSummaryArgs(['unit:“窗口”'])).toMatchObject({ unit: '窗口' });
  });

  it('refuses anything else', () => {
    for (const args of [
      ['by:colour'],
      ['RECT', 'OPS'],
      ['post', 'post'],
      ['by:unit', 'by:owner'],
      ['rect-1'],
      ['by:'],
      ['as:xlsx'],
      ['as:pdf', 'as:docx'],
      ['unit:'],
      ['unit:a', 'unit:b'],
      [`unit:${'x'.repeat(201)}`],
      ['post', 'as:pdf'],
      ['unit:"', 'RECT'],
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
