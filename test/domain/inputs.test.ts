import { describe, expect, it } from 'vitest';
import {
  boardEdit,
  boardInput,
  closeoutInput,
  isoDate,
  problemEdit,
  problemInput,
  timeOfDay,
  updateInput,
} from '../../src/domain/inputs.js';

describe('input schemas', () => {
  it('isoDate accepts real dates only', () => {
    expect(isoDate.parse(' 2028-02-29 ')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '26-11-01', '2026/11/01', 'tomorrow']) {
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('timeOfDay is 24-hour HH:MM', () => {
    expect(timeOfDay.parse('00:00')).toBe('00:00');
    expect(timeOfDay.parse('23:59')).toBe('23:59');
    for (const bad of ['24:00', '9:00', '09:60', '0900']) expect(timeOfDay.safeParse(bad).success, bad).toBe(false);
  });

  it('a new board gets defaults; an edit gets none, so unnamed fields stay as they are', () => {
    const board = boardInput.parse({
      code: 'rect',
      name: 'R',
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      anchorDate: '2026-11-16',
    });
    expect(board).toMatchObject({
      code: 'RECT',
      leaders: [],
      cycleDays: 14,
      promptTime: '09:00',
      nudgeDaysBefore: 2,
      reminderOffsets: [7, 3, 1, 0],
      categories: [],
    });
    expect(boardEdit.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
    expect(boardEdit.parse({ archived: true })).toEqual({ archived: true });
    expect(boardEdit.safeParse({ code: 'NEW' }).data).toEqual({}); // codes are immutable: ignored
  });

  it('a new problem gets an empty description and no measures; an edit names only what changes', () => {
    expect(problemInput.parse({ title: ' T ', ownerId: 'U1AB' })).toEqual({
      title: 'T',
      description: '',
      ownerId: 'U1AB',
      measures: [],
    });
    expect(problemEdit.parse({ title: 'New title' })).toEqual({ title: 'New title' });
    expect(problemEdit.parse({ unit: '  ' })).toEqual({ unit: null }); // blank clears
    expect(problemInput.safeParse({ title: 'x'.repeat(151), ownerId: 'U1AB' }).success).toBe(false);
    expect(problemInput.safeParse({ title: 'x', ownerId: 'bob' }).success).toBe(false);
  });

  it('updates and closeout requests', () => {
    expect(updateInput.parse({ health: 'at_risk', percent: 0 })).toEqual({
      health: 'at_risk',
      percent: 0,
      note: '',
      measuresDone: [],
    });
    for (const bad of [
      { health: 'fine', percent: 1 },
      { health: 'on_track', percent: -1 },
      { health: 'on_track', percent: 50.5 },
      { health: 'on_track', percent: 1, measuresDone: [0] },
    ]) {
      expect(updateInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(closeoutInput.safeParse({ evidence: ' \n ' }).success).toBe(false);
  });
});
