import { describe, expect, it } from 'vitest';
import { stripNulDeep, withoutNul } from '../../src/domain/nul.js';

describe('NUL in request bodies', () => {
  it('is removed from every string and key, in place, however deep', () => {
    const body = {
      text: 'a\u0000b',
      view: { state: { values: { 'ti\u0000tle': { input: { value: '\u0000x\u0000' } } } } },
      actions: [{ value: 'v\u0000' }, ['\u0000', 3, null, { t: 'ok' }]],
      n: 1,
      flag: true,
    };
    const view = body.view;
    stripNulDeep(body);
    expect(body).toEqual({
      text: 'ab',
      view: { state: { values: { title: { input: { value: 'x' } } } } },
      actions: [{ value: 'v' }, ['', 3, null, { t: 'ok' }]],
      n: 1,
      flag: true,
    });
    expect(body.view).toBe(view); // the listener's `view` is the same object
  });

  it('leaves text without NUL as it is, and walks a deep body without recursion', () => {
    expect(withoutNul('整改 ok')).toBe('整改 ok');
    let deep: Record<string, unknown> = { v: 'end\u0000' };
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    expect(() => stripNulDeep(deep)).not.toThrow();
  });
});
