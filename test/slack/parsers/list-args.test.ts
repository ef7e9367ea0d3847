import { describe, expect, it } from 'vitest';
import { decodeListPage, encodeListPage, parseListArgs } from '../../../src/slack/parsers/list-args.js';

describe('parseListArgs', () => {
  it('reads a view, a mention and filters in any order', () => {
    expect(parseListArgs('')).toEqual({ ok: true, query: {} });
    expect(parseListArgs('overdue <@U123ABC|wang> board:rect category:"Livelihood services" unit:Traffic')).toEqual({
      ok: true,
      query: { view: 'overdue', owner: 'U123ABC', board: 'RECT', category: 'Livelihood services', unit: 'Traffic' },
    });
    expect(parseListArgs('<@U123ABC> ALL')).toEqual({ ok: true, query: { owner: 'U123ABC', view: 'all' } });
    expect(parseListArgs('"category:Business environment"')).toEqual({
      ok: true,
      query: { category: 'Business environment' },
    });
  });

  it('understands the Chinese words and full-width colons', () => {
    expect(parseListArgs('逾期 清单：RECT 类别:“民生服务”')).toEqual({
      ok: true,
      query: { view: 'overdue', board: 'RECT', category: '民生服务' },
    });
  });

  it('reports unknown words with the closest usage', () => {
    expect(parseListArgs('overdeu')).toEqual({
      ok: false,
      error: { kind: 'unknown', arg: 'overdeu', suggestion: 'overdue' },
    });
    expect(parseListArgs('bord:RECT')).toEqual({
      ok: false,
      error: { kind: 'unknown', arg: 'bord:RECT', suggestion: 'board:RECT' },
    });
    expect(parseListArgs('banana')).toEqual({ ok: false, error: { kind: 'unknown', arg: 'banana', suggestion: null } });
  });

  it('refuses bad values and repeats', () => {
    expect(parseListArgs('board:R')).toEqual({ ok: false, error: { kind: 'value', arg: 'board:R', what: 'board' } });
    expect(parseListArgs(`category:${'x'.repeat(76)}`)).toMatchObject({
      ok: false,
      error: { kind: 'value', what: 'category' },
    });
    expect(parseListArgs('open closed')).toEqual({ ok: false, error: { kind: 'twice', arg: 'closed', what: 'view' } });
    expect(parseListArgs('<@U1AA> <@U2BB>')).toEqual({
      ok: false,
      error: { kind: 'twice', arg: '<@U2BB>', what: 'owner' },
    });
  });
});

describe('list page values', () => {
  it('round-trip and stay within a button value, whatever the filters', () => {
    const page = {
      view: 'open' as const,
      owner: 'U123ABC',
      board: 'RECT',
      category: '类'.repeat(75),
      unit: '"'.repeat(200),
      offset: 1980,
    };
    const value = encodeListPage(page);
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeListPage(value)).toEqual(page);
  });

  it('reject anything we did not write', () => {
    expect(decodeListPage('not json')).toBeNull();
    expect(decodeListPage(JSON.stringify({ view: 'bogus', offset: 0 }))).toBeNull();
    expect(decodeListPage(JSON.stringify({ view: 'open', offset: -1 }))).toBeNull();
    expect(decodeListPage(undefined)).toBeNull();
  });
});
