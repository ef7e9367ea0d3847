import { describe, expect, it } from 'vitest';
import { matchUnitName } from '../../src/services/unit-match.js';

const UNITS = [
  'Permits office',
  'Permits office annex',
  'Traffic police',
  '市场监管局',
  '市场监管局东区分局',
  'ＡＢＣ Unit',
];

describe('matchUnitName', () => {
  it('finds a unit named exactly, ignoring case, width and spacing', () => {
    expect(matchUnitName('permits  OFFICE', UNITS)).toEqual({ kind: 'found', unit: 'Permits office', exact: true });
    expect(matchUnitName('abc unit', UNITS)).toEqual({ kind: 'found', unit: 'ＡＢＣ Unit', exact: true });
    expect(matchUnitName('市场监管局', UNITS)).toEqual({ kind: 'found', unit: '市场监管局', exact: true });
  });

  it('takes the one unit containing what was typed, or the one nearest by a few edits', () => {
    expect(matchUnitName('traffic', UNITS)).toEqual({ kind: 'found', unit: 'Traffic police', exact: false });
    expect(matchUnitName('Trafic polise', UNITS)).toEqual({ kind: 'found', unit: 'Traffic police', exact: false });
    expect(matchUnitName('东区分局', UNITS)).toEqual({ kind: 'found', unit: '市场监管局东区分局', exact: false });
  });

  it('names the candidates when several fit equally, and some units when none does', () => {
    expect(matchUnitName('permits', UNITS)).toEqual({
      kind: 'ambiguous',
      candidates: ['Permits office', 'Permits office annex'],
    });
    expect(matchUnitName('市场监管', UNITS)).toEqual({
      kind: 'ambiguous',
      candidates: ['市场监管局', '市场监管局东区分局'],
    });
    const none = matchUnitName('Harbour authority', UNITS);
    expect(none.kind).toBe('none');
    expect(none.kind === 'none' && none.candidates.length).toBeGreaterThan(0);
    expect(matchUnitName('', UNITS)).toEqual({ kind: 'none', candidates: [] });
  });

  it('matches long input only exactly (the edit distance costs length × length)', () => {
    expect(matchUnitName('x'.repeat(10_000), UNITS)).toEqual({ kind: 'none', candidates: [] });
    expect(matchUnitName(`${'Permits office'.repeat(5)}!`, UNITS)).toEqual({ kind: 'none', candidates: [] });
  });
});
