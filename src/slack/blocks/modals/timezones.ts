import { IANAZone } from 'luxon';
import { LIMITS } from '../limits.js';

/**
 * Time zones offered in the board modal. A select rather than free text: a typo in a zone name would
 * silently shift every reminder, and a select cannot be mistyped. The board's current zone (or the
 * workspace default) is always offered first, so a zone set from the CLI survives an edit.
 */
export const COMMON_TIMEZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Urumqi',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Manila',
  'Asia/Jakarta',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dhaka',
  'Asia/Karachi',
  'Asia/Kathmandu',
  'Asia/Dubai',
  'Asia/Riyadh',
  'Asia/Tehran',
  'Asia/Almaty',
  'Asia/Tashkent',
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Honolulu',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/Zurich',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Kyiv',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Cairo',
  'Africa/Lagos',
  'Africa/Nairobi',
  'Africa/Johannesburg',
  'America/St_Johns',
  'America/Halifax',
  'America/New_York',
  'America/Toronto',
  'America/Chicago',
  'America/Mexico_City',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Vancouver',
  'America/Anchorage',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
] as const;

/** Minutes east of UTC at `now`; IANAZone caches its formatter, so this stays cheap for 65 zones. */
function offsetOf(zone: string, now: Date): number {
  return IANAZone.create(zone).offset(now.getTime());
}

export function zoneLabel(zone: string, now: Date): string {
  const minutes = offsetOf(zone, now);
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `(UTC${minutes < 0 ? '-' : '+'}${hhmm}) ${zone}`;
}

/** The current zone first, then the common ones from west to east; at most 100 (Slack's limit). */
export function timezoneChoices(current: string, now: Date): string[] {
  const rest = COMMON_TIMEZONES.filter((z) => z !== current)
    .map((zone) => ({ zone, offset: offsetOf(zone, now) }))
    .sort((a, b) => a.offset - b.offset)
    .map((z) => z.zone);
  return [current, ...rest].slice(0, LIMITS.selectOptions);
}
