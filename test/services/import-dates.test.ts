import { describe, expect, it } from 'vitest';
import { parseDateCell } from '../../src/services/import-dates.js';

describe('parseDateCell', () => {
  it('reads year-first dates however they are written, and Excel serial dates', () => {
    for (const cell of [
      '2023-08-31',
      '2023/8/31',
      '2023.8.31',
      '2023年8月31日',
      '2023 年 8 月 31 日',
      '2023-8-31 0:00:00',
      '45169',
    ]) {
      expect(parseDateCell(cell)).toEqual({ ok: true, date: '2023-08-31' });
    }
    expect(parseDateCell('  ')).toEqual({ ok: true, date: null });
  });

  it('reads day-first or month-first only when told which', () => {
    expect(parseDateCell('31/08/2023', 'dmy')).toEqual({ ok: true, date: '2023-08-31' });
    expect(parseDateCell('08/31/2023', 'mdy')).toEqual({ ok: true, date: '2023-08-31' });
    expect(parseDateCell('03/04/2023', 'dmy')).toEqual({ ok: true, date: '2023-04-03' });
    const unsure = parseDateCell('31/08/2023');
    expect(unsure.ok).toBe(false);
    expect(!unsure.ok && unsure.message).toContain('--date-format dmy');
    expect(parseDateCell('12')).toMatchObject({ ok: false });
    // Left to the shared schema, which refuses it in its usual words.
    expect(parseDateCell('soon')).toEqual({ ok: true, date: 'soon' });
    expect(parseDateCell('2023/2/30')).toEqual({ ok: true, date: '2023-02-30' });
  });
});
