import { describe, expect, it } from 'vitest';
import { EVERY_DAY, WorkCalendar, type OfficialYear } from '../../src/domain/calendar.js';

/** A made-up country: one holiday on Thu 1 Oct 2026 and a make-up workday on Sat 10 Oct; data for 2026 only. */
const official = (year: number): OfficialYear | null =>
  year === 2026
    ? { off: new Map([['2026-10-01', 'Founding Day']]), work: new Map([['2026-10-10', 'Founding Day (make-up)']]) }
    : null;

describe('WorkCalendar', () => {
  const cal = new WorkCalendar('XX', official);

  it('follows the working week, official days off and make-up workdays', () => {
    expect(cal.isWorkingDay('2026-09-30')).toBe(true); // Wednesday
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // holiday
    expect(cal.isWorkingDay('2026-10-03')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-10-04')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
    expect(cal.closedReason('2026-10-01')).toBe('Founding Day');
    expect(cal.closedReason('2026-10-03')).toBe('');
    expect(cal.closedReason('2026-10-10')).toBeNull();
  });

  it('steps and counts in working days', () => {
    expect(cal.nextWorkingDay('2026-10-01')).toBe('2026-10-02');
    expect(cal.nextWorkingDay('2026-10-03')).toBe('2026-10-05');
    expect(cal.previousWorkingDay('2026-10-04')).toBe('2026-10-02');
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-02');
    expect(cal.addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-10-02', -1)).toBe('2026-09-30');
    expect(cal.addWorkingDays('2026-10-02', 0)).toBe('2026-10-02');
    // Thu 1 Oct and the weekend 3–4 Oct are not counted: 2, 5, 6, 7, 8, 9, 10.
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(7);
    expect(cal.workingDaysBetween('2026-10-10', '2026-09-30')).toBe(-7);
    // Across a year boundary (weekdays only in 2027: no data, weekends count).
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(2); // Fri 1 Jan, Mon 4 Jan
  });

  it('lets leaders close a day or open one, over the official data', () => {
    const own = new WorkCalendar('XX', official, [
      { date: '2026-10-01', kind: 'workday', reason: 'Audit', source: 'leader' },
      { date: '2026-10-02', kind: 'closed', reason: 'Office move', source: 'leader' },
    ]);
    expect(own.isWorkingDay('2026-10-01')).toBe(true);
    expect(own.isWorkingDay('2026-10-02')).toBe(false);
    expect(own.nonWorkingDays('2026-10-01', '2026-10-05')).toEqual([
      { date: '2026-10-02', reason: 'Office move' },
      { date: '2026-10-03', reason: '' },
      { date: '2026-10-04', reason: '' },
    ]);
  });

  it('names the years it has no official data for, until they are imported', () => {
    expect(cal.missingYears('2026-11-15', '2027-01-14')).toEqual([2027]);
    const imported = new WorkCalendar('XX', official, [
      { date: '2027-01-01', kind: 'closed', reason: 'New Year', source: 'import' },
    ]);
    expect(imported.missingYears('2026-11-15', '2027-01-14')).toEqual([]);
    expect(new WorkCalendar('weekends', null).missingYears('2026-11-15', '2027-01-14')).toEqual([]);
  });

  it('none counts every day, weekends only the working week', () => {
    expect(EVERY_DAY.isWorkingDay('2026-10-03')).toBe(true);
    expect(EVERY_DAY.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(10);
    const weekends = new WorkCalendar('weekends', null);
    expect(weekends.isWorkingDay('2026-10-01')).toBe(true);
    expect(weekends.isWorkingDay('2026-10-10')).toBe(false);
  });
});
