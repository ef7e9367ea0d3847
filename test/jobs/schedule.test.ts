import { describe, expect, it } from 'vitest';
import { cycleByIndex } from '../../src/domain/cycle.js';
import {
  digestDue,
  escalationDue,
  nudgeDue,
  nudgeSlot,
  promptDue,
  reminderDue,
  reportByDate,
  weeklyDue,
  weeklySlot,
} from '../../src/domain/schedule.js';

const board = {
  timezone: 'Asia/Shanghai',
  anchorDate: '2026-11-16',
  cycleDays: 14,
  promptTime: '09:00',
  nudgeDaysBefore: 2,
};
const at = (iso: string) => new Date(iso);

describe('what is due when', () => {
  it('prompts from the prompt time of a round’s first day until the round ends; nothing before the anchor', () => {
    expect(promptDue(board, at('2026-11-16T00:59:00Z'))).toBeNull();
    expect(promptDue(board, at('2026-11-16T01:00:00Z'))?.index).toBe(0);
    expect(promptDue(board, at('2026-11-29T15:59:00Z'))?.index).toBe(0);
    expect(promptDue(board, at('2026-11-29T16:00:00Z'))).toBeNull(); // Nov 30 00:00 local: round 1, before its prompt
    expect(promptDue(board, at('2026-11-01T01:00:00Z'))).toBeNull();
  });

  it('nudges N days before the last day, which is the report-by date; never in a round too short for it', () => {
    const cycle = cycleByIndex(board, 0);
    expect(reportByDate(board, cycle)).toBe('2026-11-27');
    expect(nudgeDue(board, at('2026-11-27T00:59:00Z'))).toBeNull();
    expect(nudgeDue(board, at('2026-11-27T01:00:00Z'))?.date).toBe('2026-11-27');
    const short = { ...board, cycleDays: 2, nudgeDaysBefore: 2 };
    expect(nudgeSlot(short, cycleByIndex(short, 0))).toBeNull();
    expect(reportByDate(short, cycleByIndex(short, 0))).toBe('2026-11-17');
  });

  it('sends a round’s digest when the next round opens, until the one after', () => {
    expect(digestDue(board, at('2026-11-30T00:59:00Z'))).toBeNull();
    expect(digestDue(board, at('2026-11-30T01:00:00Z'))?.index).toBe(0);
    expect(digestDue(board, at('2026-12-14T00:59:00Z'))?.index).toBe(0);
    expect(digestDue(board, at('2026-12-14T01:00:00Z'))?.index).toBe(1);
  });

  it('picks the latest reminder offset due, none before the first or after the deadline day', () => {
    const offsets = [7, 3, 1, 0];
    expect(reminderDue('2026-12-10', offsets, board, at('2026-12-03T00:59:00Z'))).toBeNull();
    expect(reminderDue('2026-12-10', offsets, board, at('2026-12-03T01:00:00Z'))).toBe(7);
    expect(reminderDue('2026-12-10', offsets, board, at('2026-12-08T12:00:00Z'))).toBe(3);
    expect(reminderDue('2026-12-10', [0, 1, 3, 7], board, at('2026-12-09T01:00:00Z'))).toBe(1);
    expect(reminderDue('2026-12-10', offsets, board, at('2026-12-10T15:59:00Z'))).toBe(0);
    expect(reminderDue('2026-12-10', offsets, board, at('2026-12-10T16:00:00Z'))).toBeNull();
  });

  it('escalates from the prompt time of the day after the deadline, for a week', () => {
    expect(escalationDue('2026-11-20', board, at('2026-11-21T00:59:00Z'))).toBe(false);
    expect(escalationDue('2026-11-20', board, at('2026-11-21T01:00:00Z'))).toBe(true);
    expect(escalationDue('2026-11-20', board, at('2026-11-27T15:59:00Z'))).toBe(true);
    expect(escalationDue('2026-11-20', board, at('2026-11-27T16:00:00Z'))).toBe(false);
  });

  it('has weekly slots on Monday at the prompt time in the board’s zone', () => {
    expect(weeklySlot(board, at('2026-11-23T01:00:00Z'))).toEqual({
      week: '2026-W48',
      date: '2026-11-23',
      at: at('2026-11-23T01:00:00Z'),
    });
    expect(weeklySlot(board, at('2026-11-23T00:59:00Z')).week).toBe('2026-W47');
    expect(weeklySlot(board, at('2026-11-29T15:59:00Z')).week).toBe('2026-W48');
    // Sunday evening in New York is already Monday in Shanghai.
    expect(weeklySlot({ timezone: 'America/New_York', promptTime: '09:00' }, at('2026-11-23T01:00:00Z')).week).toBe(
      '2026-W47',
    );
    expect(weeklySlot(board, at('2027-01-04T01:00:00Z')).week).toBe('2027-W01');
  });

  it('catches a missed weekly post up until Tuesday ends, then waits for next week', () => {
    expect(weeklyDue(board, at('2026-11-24T15:59:00Z'))?.week).toBe('2026-W48');
    expect(weeklyDue(board, at('2026-11-24T16:00:00Z'))).toBeNull();
  });
});
