import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { isKnownCalendar, officialDays } from '../../src/services/official-days.js';

describe('official days', () => {
  it('China (chinese-days): the National Day holiday, its make-up Saturday, and no 2027 yet', async () => {
    const cn = new WorkCalendar('CN', await officialDays('CN'));
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07']) expect(cn.isWorkingDay(d)).toBe(false);
    expect(cn.isWorkingDay('2026-10-08')).toBe(true); // Thursday, back at work
    expect(cn.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up workday (调休)
    expect(cn.isWorkingDay('2026-09-20')).toBe(true); // Sunday, make-up workday
    expect(cn.isWorkingDay('2026-10-17')).toBe(false); // an ordinary Saturday
    expect(cn.closedReason('2026-10-01')).toContain('国庆节');
    expect(cn.missingYears('2026-12-01', '2027-01-30')).toEqual([2027]);
  });

  it('other countries (date-holidays): public holidays only', async () => {
    const us = new WorkCalendar('US', await officialDays('US'));
    expect(us.isWorkingDay('2026-11-26')).toBe(false); // Thanksgiving
    expect(us.isWorkingDay('2026-11-27')).toBe(true);
    expect(us.isWorkingDay('2026-12-25')).toBe(false);
    expect(us.missingYears('2026-12-01', '2027-01-30')).toEqual([]);
  });

  it('knows which calendar names a board may use', async () => {
    expect(await isKnownCalendar('CN')).toBe(true);
    expect(await isKnownCalendar('GB')).toBe(true);
    expect(await isKnownCalendar('weekends')).toBe(true);
    expect(await isKnownCalendar('none')).toBe(true);
    expect(await isKnownCalendar('QQ')).toBe(false);
    expect(await isKnownCalendar('mars')).toBe(false);
  });
});
