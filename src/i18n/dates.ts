import { DateTime } from 'luxon';
import type { Language } from './language.js';

/** A calendar date (YYYY-MM-DD) in the reader's language; the year only when it is not this year's. */
export function formatDate(lang: Language, date: string, today: string): string {
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(lang)
    .toLocaleString(
      sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' },
    );
}
