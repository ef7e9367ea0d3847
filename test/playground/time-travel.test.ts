import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { travelTargets } from '../../src/playground/time-travel.js';
import { officialDays } from '../../src/services/official-days.js';

/** A fortnightly board in Shanghai whose round 1 starts on National Day 2026 (1–7 October are off). */
const board = {
  timezone: 'Asia/Shanghai',
  anchorDate: '2026-09-17',
  cycleDays: 14,
  promptTime: '09:00',
  nudgeDaysBefore: 2,
};

describe('the playground’s time-travel targets follow the board’s calendar (issue 22)', () => {
  it('"next round" skips the National Day holiday: the prompt is on Thursday 8 October at 09:00', async () => {
    const workCalendar = new WorkCalendar('CN', await officialDays('CN'));
    const now = new Date('2026-09-25T04:00:00Z'); // noon in Shanghai, in round 0
    expect(travelTargets({ ...board, workCalendar }, now).round.toISOString()).toBe('2026-10-08T01:00:00.000Z');
    // Without a calendar the round opens on the holiday itself, as before.
    expect(travelTargets(board, now).round.toISOString()).toBe('2026-10-01T01:00:00.000Z');
  });

  it('once the moved prompt is past, the next target is the following round', async () => {
    const workCalendar = new WorkCalendar('CN', await officialDays('CN'));
    const now = new Date('2026-10-08T02:00:00Z');
    expect(travelTargets({ ...board, workCalendar }, now).round.toISOString()).toBe('2026-10-15T01:00:00.000Z');
  });
});
