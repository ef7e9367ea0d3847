import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  cycleAt,
  cycleByIndex,
  daysBetween,
  localDate,
  localInstant,
  type Cadence,
} from '../../src/domain/cycle.js';

const HOUR = 3_600_000;
const cadence = (timezone: string, anchorDate: string, promptTime = '09:00', cycleDays = 14): Cadence => ({
  timezone,
  anchorDate,
  cycleDays,
  promptTime,
});
const iso = (d: Date) => d.toISOString();
const hours = (c: { start: Date; end: Date }) => (c.end.getTime() - c.start.getTime()) / HOUR;
const wallClock = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');

describe('cycles in Asia/Shanghai (no DST)', () => {
  const rect = cadence('Asia/Shanghai', '2026-11-16');

  it('cycle 0 runs from local midnight on the anchor for 14 days, prompting at 09:00 local', () => {
    const c = cycleByIndex(rect, 0);
    expect({ ...c, start: iso(c.start), end: iso(c.end), promptAt: iso(c.promptAt) }).toEqual({
      index: 0,
      start: '2026-11-15T16:00:00.000Z',
      end: '2026-11-29T16:00:00.000Z',
      startDate: '2026-11-16',
      endDate: '2026-11-29',
      promptAt: '2026-11-16T01:00:00.000Z',
    });
    expect(hours(c)).toBe(336);
  });

  it('cycle n covers [anchor + n·14 days, anchor + (n+1)·14 days)', () => {
    const c = cycleByIndex(rect, 24);
    expect([c.startDate, c.endDate, iso(c.start), iso(c.promptAt)]).toEqual([
      '2027-10-18',
      '2027-10-31',
      '2027-10-17T16:00:00.000Z',
      '2027-10-18T01:00:00.000Z',
    ]);
  });

  it('finds the cycle of an instant by the local date, boundaries exact', () => {
    expect(cycleAt(rect, new Date('2026-11-15T16:00:00Z')).index).toBe(0); // 00:00 Nov 16 local
    expect(cycleAt(rect, new Date('2026-11-29T15:59:59.999Z')).index).toBe(0);
    expect(cycleAt(rect, new Date('2026-11-29T16:00:00Z')).index).toBe(1);
    expect(cycleAt(rect, new Date('2026-11-25T02:00:00Z'))).toEqual(cycleByIndex(rect, 0));
    expect(cycleAt(rect, new Date('2027-10-20T00:00:00Z')).index).toBe(24);
  });

  it('instants before the anchor fall in negative cycles', () => {
    const before = cycleAt(rect, new Date('2026-11-15T15:59:59Z')); // 23:59 Nov 15 local
    expect([before.index, before.startDate, before.endDate]).toEqual([-1, '2026-11-02', '2026-11-15']);
    expect(iso(before.end)).toBe(iso(cycleByIndex(rect, 0).start));
    expect(cycleAt(rect, new Date('2026-11-01T12:00:00Z')).index).toBe(-2);
    expect(cycleAt(rect, new Date('2026-10-18T16:00:00Z')).startDate).toBe('2026-10-19'); // 00:00 Oct 19 local: cycle −2 starts
    expect(cycleAt(rect, new Date('2026-10-18T16:00:00Z')).index).toBe(-2);
    expect(cycleAt(rect, new Date('2026-10-18T15:59:00Z')).index).toBe(-3);
  });

  it('supports other cycle lengths', () => {
    const weekly = cadence('Asia/Shanghai', '2026-11-16', '17:30', 7);
    const c = cycleAt(weekly, new Date('2026-11-30T03:00:00Z'));
    expect([c.index, c.startDate, c.endDate, iso(c.promptAt)]).toEqual([
      2,
      '2026-11-30',
      '2026-12-06',
      '2026-11-30T09:30:00.000Z',
    ]);
  });

  it('rejects an invalid anchor or zone loudly', () => {
    expect(() => cycleByIndex(cadence('Mars/Olympus', '2026-11-16'), 0)).toThrow(/Invalid anchor/);
    expect(() => cycleByIndex(cadence('UTC', '2026-02-30'), 0)).toThrow(/Invalid anchor/);
  });
});

describe('cycles across DST changes', () => {
  const cases = [
    // [zone, anchor, expected hours of cycle 0, UTC start, UTC end]
    ['America/New_York', '2026-03-01', 14 * 24 - 1, '2026-03-01T05:00:00.000Z', '2026-03-15T04:00:00.000Z'], // springs forward Mar 8
    ['America/New_York', '2026-10-25', 14 * 24 + 1, '2026-10-25T04:00:00.000Z', '2026-11-08T05:00:00.000Z'], // falls back Nov 1
    ['Europe/London', '2026-03-23', 14 * 24 - 1, '2026-03-23T00:00:00.000Z', '2026-04-05T23:00:00.000Z'], // BST from Mar 29
    ['Europe/London', '2026-10-19', 14 * 24 + 1, '2026-10-18T23:00:00.000Z', '2026-11-02T00:00:00.000Z'], // GMT from Oct 25
    ['Australia/Lord_Howe', '2026-09-28', 14 * 24 - 0.5, '2026-09-27T13:30:00.000Z', '2026-10-11T13:00:00.000Z'], // +10:30 → +11 on Oct 4
    ['Australia/Lord_Howe', '2026-03-30', 14 * 24 + 0.5, '2026-03-29T13:00:00.000Z', '2026-04-12T13:30:00.000Z'], // +11 → +10:30 on Apr 5
  ] as const;

  for (const [zone, anchor, length, start, end] of cases) {
    it(`${zone} from ${anchor}: starts at local midnight, prompts at local 09:00, lasts ${length} h`, () => {
      const c = cadence(zone, anchor);
      const c0 = cycleByIndex(c, 0);
      const c1 = cycleByIndex(c, 1);
      expect([iso(c0.start), iso(c0.end)]).toEqual([start, end]);
      expect(hours(c0)).toBe(length);
      expect(hours(c1)).toBe(336); // the next cycle has no change in it
      for (const cycle of [c0, c1]) {
        expect(wallClock(cycle.start, zone)).toBe(`${cycle.startDate} 00:00`);
        expect(wallClock(cycle.promptAt, zone)).toBe(`${cycle.startDate} 09:00`);
      }
      expect(iso(c0.end)).toBe(iso(c1.start));
      // The last millisecond of the cycle is still in it, and the cycle's own start maps back to it.
      expect(cycleAt(c, new Date(c0.end.getTime() - 1)).index).toBe(0);
      expect(cycleAt(c, c0.end).index).toBe(1);
      expect(cycleAt(c, c0.start).index).toBe(0);
    });
  }

  it('New York, cycle 1 after the spring change prompts at 09:00 EDT (13:00Z), not EST', () => {
    const c = cycleByIndex(cadence('America/New_York', '2026-03-01'), 1);
    expect(iso(c.promptAt)).toBe('2026-03-15T13:00:00.000Z');
    expect(iso(cycleByIndex(cadence('America/New_York', '2026-03-01'), 0).promptAt)).toBe('2026-03-01T14:00:00.000Z');
  });

  it('a prompt time inside the spring-forward gap resolves to one real instant, just after the gap', () => {
    const ny = cadence('America/New_York', '2026-03-08', '02:30'); // 02:00–03:00 does not exist that day
    const c = cycleByIndex(ny, 0);
    expect(iso(c.promptAt)).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(wallClock(c.promptAt, 'America/New_York')).toBe('2026-03-08 03:30');
    expect(c.promptAt.getTime()).toBeGreaterThan(c.start.getTime());
    expect(iso(cycleAt(ny, c.promptAt).promptAt)).toBe(iso(c.promptAt)); // stable, and inside its own cycle
    expect(iso(localInstant('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(localInstant('2026-10-04', '02:15', 'Australia/Lord_Howe'))).toBe('2026-10-03T15:45:00.000Z'); // 02:45 +11
  });

  it('a prompt time that happens twice on the fall-back day is the first occurrence, once', () => {
    expect(iso(localInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso(localInstant('2026-04-05', '01:45', 'Australia/Lord_Howe'))).toBe('2026-04-04T14:45:00.000Z'); // 01:45 +11
  });

  it('a day whose midnight is skipped starts at its first real instant (America/Santiago, Sep 6 2026)', () => {
    const c = cycleByIndex(cadence('America/Santiago', '2026-09-06', '00:00'), 0);
    expect(wallClock(c.start, 'America/Santiago')).toBe('2026-09-06 01:00');
    expect(iso(c.promptAt)).toBe(iso(c.start));
    expect(cycleAt(cadence('America/Santiago', '2026-09-06'), c.start).index).toBe(0);
  });
});

describe('calendar helpers', () => {
  it('localDate is the date on the wall calendar of the zone', () => {
    const at = new Date('2026-11-24T16:30:00Z');
    expect(localDate(at, 'Asia/Shanghai')).toBe('2026-11-25');
    expect(localDate(at, 'America/New_York')).toBe('2026-11-24');
    expect(localDate(at, 'Pacific/Kiritimati')).toBe('2026-11-25');
    expect(localDate(at, 'Pacific/Pago_Pago')).toBe('2026-11-24');
  });

  it('daysBetween counts calendar days, negative backwards, unaffected by DST', () => {
    expect(daysBetween('2026-11-16', '2026-11-30')).toBe(14);
    expect(daysBetween('2026-11-30', '2026-11-16')).toBe(-14);
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14); // spans New York's and Europe's changes
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-11-24', '2026-11-24')).toBe(0);
  });

  it('addDays moves over month, year and leap-day boundaries both ways', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-16', 14 * 24)).toBe('2027-10-18');
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
  });
});
