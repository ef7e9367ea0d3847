import { formatDate } from '../../i18n/dates.js';
import type { Translator } from '../../i18n/index.js';
import type { Language } from '../../domain/types.js';
import type { CalendarOverview } from '../../services/calendar-admin.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';

/** Days listed in one answer; the rest are counted. */
const MAX_DAYS_LISTED = 40;

/** `/closeout calendar`: the board's calendar, its coming days off and extra workdays, and the next dates. */
export function calendarOverviewText(tr: Translator, lang: Language, o: CalendarOverview): string {
  const day = (date: string) => formatDate(lang, date, o.today);
  const name =
    o.board.calendar === 'none'
      ? tr('cal.name.none')
      : o.board.calendar === 'weekends'
        ? tr('cal.name.weekends')
        : tr('cal.name.country', { country: o.board.calendar });
  const lines = [tr('cal.title', { board: mrkdwnText(o.board.name, 100), calendar: name })];
  const window = o.window;
  if (!o.daysOff.length) lines.push(tr('cal.upcoming_none', { days: window }));
  else {
    lines.push(tr('cal.upcoming', { days: window }));
    for (const d of o.daysOff.slice(0, MAX_DAYS_LISTED))
      lines.push(
        `• ${d.reason ? tr('cal.day.closed', { date: day(d.date), reason: mrkdwnText(d.reason, 100) }) : tr('cal.day.weekend', { date: day(d.date) })}`,
      );
    if (o.daysOff.length > MAX_DAYS_LISTED) lines.push(tr('cal.more', { count: o.daysOff.length - MAX_DAYS_LISTED }));
  }
  if (o.extraWorkdays.length) {
    lines.push(tr('cal.workdays', { days: window }));
    for (const d of o.extraWorkdays.slice(0, MAX_DAYS_LISTED))
      lines.push(`• ${tr('cal.day.workday', { date: day(d.date), reason: mrkdwnText(d.reason, 100) })}`);
  }
  const when = (date: string | null) => (date ? day(date) : tr('cal.next_none'));
  lines.push(tr('cal.next', { prompt: when(o.next.prompt), nudge: when(o.next.nudge), digest: when(o.next.digest) }));
  for (const year of o.missingYears)
    lines.push(tr('cal.missing_year', { year, board: mrkdwnText(o.board.name, 100), code: o.board.code }));
  return truncate(lines.join('\n'), LIMITS.messageText);
}
