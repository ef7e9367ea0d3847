import { createRequire } from 'node:module';
import type { OfficialDays, OfficialYear } from '../domain/calendar.js';

/**
 * Countries' official days for the working-day calendars (issue 22). China comes from `chinese-days`
 * (holidays and make-up workdays, by year as the State Council publishes them); every other country from
 * `date-holidays` (public holidays, computed by rule for any year). date-holidays is large (about 12 MB of
 * rules), so it is imported only when a board uses a country other than China, and never at start.
 * Each country is loaded once per process, each year once per country.
 */

type ChineseDaysData = { holidays: Record<string, string>; workdays: Record<string, string> };

const loaded = new Map<string, Promise<OfficialDays | null>>();

/** The official days of a country (CN, US, GB…), or null for an unknown code. */
export function officialDays(country: string): Promise<OfficialDays | null> {
  let days = loaded.get(country);
  if (!days) {
    days = country === 'CN' ? Promise.resolve(chineseDays()) : holidaysOf(country);
    loaded.set(country, days);
  }
  return days;
}

/** Whether `name` is a calendar a board can use: none, weekends, or a country the packages know. */
export async function isKnownCalendar(name: string): Promise<boolean> {
  if (name === 'none' || name === 'weekends' || name === 'CN') return true;
  if (!/^[A-Z]{2}$/.test(name)) return false;
  return (await officialDays(name)) !== null;
}

/** "National Day,国庆节,3" → "National Day · 国庆节": both names, as the package gives them. */
const chineseName = (raw: string): string => raw.split(',').slice(0, 2).join(' · ');

function chineseDays(): OfficialDays {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const years = new Map<number, { off: Map<string, string>; work: Map<string, string> }>();
  const yearOf = (date: string) => {
    const y = Number(date.slice(0, 4));
    let entry = years.get(y);
    if (!entry) years.set(y, (entry = { off: new Map(), work: new Map() }));
    return entry;
  };
  for (const [date, raw] of Object.entries(data.holidays)) yearOf(date).off.set(date, chineseName(raw));
  for (const [date, raw] of Object.entries(data.workdays)) yearOf(date).work.set(date, chineseName(raw));
  return (year) => years.get(year) ?? null;
}

interface HolidaysApi {
  getCountries(): Record<string, string>;
  getHolidays(year: number): { date: string; name: string; type: string }[];
}

async function holidaysOf(country: string): Promise<OfficialDays | null> {
  const { default: Holidays } = (await import('date-holidays')) as unknown as {
    default: new (country?: string) => HolidaysApi;
  };
  if (!Object.hasOwn(new Holidays().getCountries(), country)) return null;
  const holidays = new Holidays(country);
  const years = new Map<number, OfficialYear>();
  return (year) => {
    let entry = years.get(year);
    if (!entry) {
      const off = new Map<string, string>();
      for (const h of holidays.getHolidays(year)) if (h.type === 'public') off.set(h.date.slice(0, 10), h.name);
      years.set(year, (entry = { off, work: new Map() }));
    }
    return entry;
  };
}
