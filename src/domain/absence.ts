import { DateTime } from 'luxon';
import { SLACK_USER_PATTERN } from './keys.js';

/**
 * People away (issue 22). An absence is a span of local dates, inclusive; while a board's "today" is inside
 * it, the person's prompts and nudges go to their delegate, naming them, or pause when there is none.
 */
export interface Absence {
  userId: string;
  startDate: string;
  endDate: string;
  delegateId: string | null;
}

/** The longest absence one command sets: a year. Longer is a typo more often than a plan. */
const MAX_ABSENCE_DAYS = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(text: string): string | null {
  if (!ISO_DATE.test(text)) return null;
  const d = DateTime.fromISO(text, { zone: 'utc' });
  return d.isValid && d.toISODate() === text ? text : null;
}

type AbsenceRange = { ok: true; startDate: string; endDate: string } | { ok: false; problem: AbsenceProblem };
export type AbsenceProblem = 'bad_range' | 'backwards' | 'too_long' | 'in_past' | 'self_delegate' | 'bad_delegate';

/** `2026-12-20..2027-01-03` (also `～`, `~` or `至` between), or one date for a single day. Linear, bounded. */
export function parseAbsenceRange(text: string): AbsenceRange {
  if (text.length > 40) return { ok: false, problem: 'bad_range' };
  const parts = text.split(/\.\.|～|~|至/);
  if (parts.length > 2) return { ok: false, problem: 'bad_range' };
  const start = realDate(parts[0]!.trim());
  const end = realDate((parts[1] ?? parts[0]!).trim());
  if (!start || !end) return { ok: false, problem: 'bad_range' };
  return { ok: true, startDate: start, endDate: end };
}

/** What is wrong with an absence, checked the same way whichever way it is set (command, App Home). */
export function absenceProblem(a: Absence, today: string): AbsenceProblem | null {
  if (!realDate(a.startDate) || !realDate(a.endDate)) return 'bad_range';
  if (a.endDate < a.startDate) return 'backwards';
  if (a.endDate < today) return 'in_past';
  const days = DateTime.fromISO(a.endDate).diff(DateTime.fromISO(a.startDate), 'days').days + 1;
  if (days > MAX_ABSENCE_DAYS) return 'too_long';
  if (a.delegateId === a.userId) return 'self_delegate';
  // A member ID, bounded: it is shown as <@…> in DMs and the Home, so anything else would be mrkdwn.
  if (a.delegateId !== null && (a.delegateId.length > 30 || !SLACK_USER_PATTERN.test(a.delegateId)))
    return 'bad_delegate';
  return null;
}

/** Whether the person is away on `date` (a board's local date). */
export function awayOn(a: Pick<Absence, 'startDate' | 'endDate'> | undefined, date: string): boolean {
  return Boolean(a && a.startDate <= date && date <= a.endDate);
}
