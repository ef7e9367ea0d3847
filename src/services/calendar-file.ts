import type { DayKind } from '../domain/calendar.js';

/**
 * Reads an official schedule that the holiday packages do not have yet (issue 22: e.g. China's next year,
 * published by the State Council late in the year before), for `closeout calendar import`:
 *  - ICS: all-day VEVENTs (DTSTART/DTEND as dates, DTEND exclusive) with a SUMMARY. An event whose summary
 *    marks a working day (班, 上班, 调休上班, "workday", "make-up", "working day") opens those days; any other
 *    closes them. chinese-days' own files write "春节(休)" and "春节(班)".
 *  - CSV: `date,kind,reason` lines (kind `closed` or `workday`), an optional header line.
 * Bounded: the file size, the days one event may span and the days in all; each line is read once.
 */

export const MAX_SCHEDULE_BYTES = 1_000_000;
/** A holiday run longer than this is a mistake in the file (the longest official ones are about 10 days). */
const MAX_EVENT_DAYS = 60;
const MAX_SCHEDULE_DAYS = 1_000;
const REASON_MAX = 200;

interface ScheduleDay {
  date: string;
  kind: DayKind;
  reason: string;
}

interface ScheduleRead {
  days: ScheduleDay[];
  /** Line-numbered problems; when any, nothing should be written. */
  errors: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WORKDAY_SUMMARY = /班|workday|working day|make-?up/i;

export function isRealDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Reads a schedule by its file name's extension (.ics or .csv). */
export async function readSchedule(name: string, bytes: Buffer): Promise<ScheduleRead> {
  if (bytes.length > MAX_SCHEDULE_BYTES)
    return { days: [], errors: [`the file is larger than ${MAX_SCHEDULE_BYTES / 1_000_000} MB`] };
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (/\.ics$/i.test(name)) return readIcs(text);
  if (/\.csv$/i.test(name)) return readCsv(text);
  return { days: [], errors: ['the file must be .ics (iCalendar) or .csv (date,kind,reason)'] };
}

async function readIcs(text: string): Promise<ScheduleRead> {
  const { default: ICAL } = await import('ical.js');
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return {
      days: [],
      errors: [`not a readable iCalendar file (${error instanceof Error ? error.message : 'parse error'})`],
    };
  }
  const days: ScheduleDay[] = [];
  const errors: string[] = [];
  root.getAllSubcomponents('vevent').forEach((event, i) => {
    const start = event.getFirstPropertyValue('dtstart');
    const end = event.getFirstPropertyValue('dtend');
    const summary = String(event.getFirstPropertyValue('summary') ?? '').trim();
    const where = `event ${i + 1}${summary ? ` (${summary.slice(0, 40)})` : ''}`;
    if (!(start instanceof ICAL.Time) || !start.isDate) {
      errors.push(`${where}: DTSTART must be an all-day date`);
      return;
    }
    if (end !== null && !(end instanceof ICAL.Time && end.isDate)) {
      errors.push(`${where}: DTEND must be an all-day date`);
      return;
    }
    const first = start.toString().slice(0, 10);
    const last = end ? addDay(end.toString().slice(0, 10), -1) : first;
    const span = (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
    if (span < 1 || span > MAX_EVENT_DAYS) {
      errors.push(`${where}: spans ${span} days (1 to ${MAX_EVENT_DAYS} allowed)`);
      return;
    }
    const kind: DayKind = WORKDAY_SUMMARY.test(summary) ? 'workday' : 'closed';
    for (let d = first; d <= last && days.length <= MAX_SCHEDULE_DAYS; d = addDay(d, 1))
      days.push({ date: d, kind, reason: summary.slice(0, REASON_MAX) });
  });
  return finish(days, errors);
}

function readCsv(text: string): ScheduleRead {
  const days: ScheduleDay[] = [];
  const errors: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && days.length <= MAX_SCHEDULE_DAYS; i++) {
    const line = lines[i]!.trim();
    if (!line || (i === 0 && /^date\s*,/i.test(line))) continue;
    const comma1 = line.indexOf(',');
    const comma2 = comma1 < 0 ? -1 : line.indexOf(',', comma1 + 1);
    const date = (comma1 < 0 ? line : line.slice(0, comma1)).trim();
    const kind = (comma1 < 0 ? '' : comma2 < 0 ? line.slice(comma1 + 1) : line.slice(comma1 + 1, comma2)).trim();
    const reason = (comma2 < 0 ? '' : line.slice(comma2 + 1)).trim().replace(/^"(.*)"$/, '$1');
    if (!isRealDate(date)) errors.push(`line ${i + 1}: "${date.slice(0, 20)}" is not a date (YYYY-MM-DD)`);
    else if (kind !== 'closed' && kind !== 'workday')
      errors.push(`line ${i + 1}: the kind must be closed or workday, not "${kind.slice(0, 20)}"`);
    else days.push({ date, kind, reason: reason.slice(0, REASON_MAX) });
  }
  return finish(days, errors);
}

function finish(days: ScheduleDay[], errors: string[]): ScheduleRead {
  if (days.length > MAX_SCHEDULE_DAYS) errors.push(`more than ${MAX_SCHEDULE_DAYS} days in one file`);
  if (!days.length && !errors.length) errors.push('no days found in the file');
  const seen = new Map<string, ScheduleDay>();
  for (const day of days) seen.set(day.date, day); // a later line for the same date wins
  return { days: [...seen.values()], errors };
}

function addDay(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
