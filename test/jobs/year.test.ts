import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEADER, seedBoard } from '../support/fixtures.js';
import { harness, problem, type Harness } from '../support/jobs.js';

/**
 * A year of 14-day rounds for boards in four zones, with prompt times chosen so that rounds start on DST
 * changes: a skipped local time (New York 02:30 on Mar 8, Lord Howe 02:15 on Oct 4 — a half-hour shift)
 * and a repeated one (London 01:30 on Oct 25). The runner is driven every 6 hours all year, every 15
 * minutes around each DST change, and a minute before and at each expected prompt time.
 */
const BOARDS = [
  { code: 'SHA', timezone: 'Asia/Shanghai', anchorDate: '2026-01-05', promptTime: '09:00' },
  { code: 'NYC', timezone: 'America/New_York', anchorDate: '2026-01-11', promptTime: '02:30' },
  { code: 'LON', timezone: 'Europe/London', anchorDate: '2026-01-04', promptTime: '01:30' },
  { code: 'LHI', timezone: 'Australia/Lord_Howe', anchorDate: '2026-01-11', promptTime: '02:15' },
] as const;
const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-01-01T00:00:00Z');
const DST_CHANGES = [
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-10-03T15:30:00Z',
];

interface Expected {
  code: string;
  cycle: number;
  date: string;
  /** The local prompt time on the round's first day, as an instant. */
  at: number;
}

/** Expected prompt instants, from the calendar alone (not from the code under test). */
function expectedPrompts(): Expected[] {
  const out: Expected[] = [];
  for (const b of BOARDS) {
    const [hour, minute] = b.promptTime.split(':').map(Number) as [number, number];
    for (let n = 0; ; n++) {
      const date = DateTime.fromISO(b.anchorDate, { zone: 'UTC' }).plus({ days: 14 * n });
      const wall = DateTime.fromObject(
        { year: date.year, month: date.month, day: date.day, hour, minute },
        { zone: b.timezone },
      );
      // A wall time skipped by DST moves forward by the gap; a repeated one is due at its first occurrence.
      let at = wall.toMillis();
      const text = `${date.toISODate()} ${b.promptTime}`;
      for (const back of [60, 30]) {
        if (DateTime.fromMillis(at - back * 60_000, { zone: b.timezone }).toFormat('yyyy-MM-dd HH:mm') === text)
          at -= back * 60_000;
      }
      if (at >= TO) break;
      out.push({ code: b.code, cycle: n, date: date.toISODate()!, at });
    }
  }
  return out;
}

let h: Harness;
const sentAt = new Map<string, number>();

beforeAll(async () => {
  h = await harness('2025-12-01T00:00:00Z');
  for (const b of BOARDS) {
    await seedBoard(h.deps, { ...b, name: `Board ${b.code}`, channelId: 'C0YEAR', leaders: [LEADER.userId] });
    await problem(h.deps, `UA${b.code}`, {}, b.code);
    await problem(h.deps, `UB${b.code}`, {}, b.code);
  }
  const ticks = new Set<number>();
  for (let t = FROM; t < TO; t += 6 * 3_600_000) ticks.add(t);
  for (const change of DST_CHANGES) {
    for (let t = Date.parse(change) - 3 * 3_600_000; t <= Date.parse(change) + 3 * 3_600_000; t += 15 * 60_000)
      ticks.add(t);
  }
  for (const e of expectedPrompts()) {
    ticks.add(e.at - 60_000);
    ticks.add(e.at);
  }
  for (const t of [...ticks].sort((a, b) => a - b)) {
    const report = await h.run(new Date(t), 'cycle-prompts');
    for (const key of report.sent) {
      expect(sentAt.has(key), `${key} sent twice`).toBe(false);
      sentAt.set(key, t);
    }
  }
}, 60_000);
afterAll(() => h.stop());

describe('a simulated year in four time zones', () => {
  it('prompts every owner exactly once per round, at the local prompt time, DST changes included', () => {
    const expected = expectedPrompts();
    expect(expected.length).toBeGreaterThanOrEqual(4 * 25);
    const wanted = new Map<string, number>();
    for (const e of expected) {
      for (const owner of [`UA${e.code}`, `UB${e.code}`])
        wanted.set(`prompt:${e.code}:cycle-${e.cycle}:${owner}`, e.at);
    }
    expect([...sentAt.keys()].sort()).toEqual([...wanted.keys()].sort());
    for (const [key, at] of wanted)
      expect({ key, at: new Date(sentAt.get(key)!).toISOString() }).toEqual({ key, at: new Date(at).toISOString() });
    // Slack received exactly these messages, once each.
    expect(h.fake.messages).toHaveLength(wanted.size);
  });

  it('keeps the local wall time: 09:00 in Shanghai all year, and the shifted or first-of-two times on DST days', () => {
    const local = (code: string, cycle: number) => {
      const b = BOARDS.find((x) => x.code === code)!;
      return DateTime.fromMillis(sentAt.get(`prompt:${code}:cycle-${cycle}:UA${code}`)!, { zone: b.timezone }).toFormat(
        'yyyy-MM-dd HH:mm ZZ',
      );
    };
    expect(
      new Set(
        [...sentAt.keys()]
          .filter((k) => k.startsWith('prompt:SHA'))
          .map((k) => DateTime.fromMillis(sentAt.get(k)!, { zone: 'Asia/Shanghai' }).toFormat('HH:mm')),
      ),
    ).toEqual(new Set(['09:00']));
    // New York, Mar 8: 02:30 does not exist (02:00 → 03:00); Nov 1: 02:30 happens once, after 01:00–02:00 repeats.
    expect(local('NYC', 4)).toBe('2026-03-08 03:30 -04:00');
    expect(local('NYC', 21)).toBe('2026-11-01 02:30 -05:00');
    // London, Mar 29: 01:30 does not exist (moved on by the hour); Oct 25: 01:30 happens twice, the prompt goes at the first.
    expect(local('LON', 6)).toBe('2026-03-29 02:30 +01:00');
    expect(local('LON', 21)).toBe('2026-10-25 01:30 +01:00');
    // Lord Howe moves by half an hour: Oct 4 02:00 → 02:30 skips 02:15 (moved on by the half hour); Apr 5 02:15 happens once.
    expect(local('LHI', 19)).toBe('2026-10-04 02:45 +11:00');
    expect(local('LHI', 6)).toBe('2026-04-05 02:15 +10:30');
  });
});
