import fs from 'node:fs';
import { cycleAt, cycleByIndex } from '../domain/cycle.js';
import type { Clock } from '../domain/clock.js';
import { nudgeSlot, openingAt, type ScheduleBoard } from '../domain/schedule.js';

export type TravelTarget = 'round' | 'nudge' | 'day';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The playground's clock: the wall clock plus an offset that only grows as the user travels forward.
 * The offset is kept beside the database so a restarted playground does not go back in time.
 */
export class TravelClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      const saved: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      const offset = typeof saved === 'object' && saved !== null && 'offsetMs' in saved ? Number(saved.offsetMs) : 0;
      this.offsetMs = Number.isFinite(offset) && offset > 0 ? offset : 0;
    } catch {
      // No saved offset yet: the playground starts at the real time.
    }
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward to `at` (never back). */
  async travelTo(at: Date): Promise<void> {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - Date.now());
    if (this.file) await fs.promises.writeFile(this.file, JSON.stringify({ offsetMs: this.offsetMs }));
  }
}

/**
 * Where each time-travel button goes, from the board's cadence and working-day calendar: the next round's
 * prompt (on the round's first working day: a round that starts on a holiday is prompted after it), the
 * next update nudge, or a day later.
 */
export function travelTargets(board: ScheduleBoard, now: Date): Record<TravelTarget, Date> {
  const current = cycleAt(board, now);
  const next = cycleByIndex(board, current.index + 1);
  const nudges = [nudgeSlot(board, current), nudgeSlot(board, next)].filter((s) => s !== null);
  const nudge = nudges.find((s) => s.at > now)?.at ?? new Date(now.getTime() + DAY_MS);
  return {
    round: [openingAt(board, current).at, openingAt(board, next).at].find((at) => at > now) ?? next.promptAt,
    nudge,
    day: new Date(now.getTime() + DAY_MS),
  };
}
