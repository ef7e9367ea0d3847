import { DateTime } from 'luxon';

/**
 * Deadlines as people write them in a spreadsheet. Year-first forms are unambiguous and always read:
 * 2023-08-31, 2023/8/31, 2023.8.31, 2023年8月31日, with an optional time after (Excel adds 0:00:00). Day-first
 * or month-first (31/08/2023, 08/31/2023) only when the operator says which (`--date-format dmy|mdy`), since
 * 03/04/2023 means two different days. A bare number is an Excel serial date (days since 1899-12-30).
 */
export const DATE_ORDERS = ['ymd', 'dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

type DateCell = { ok: true; date: string | null } | { ok: false; message: string };

const TIME = String.raw`(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
/** `(?:\s*日)?`, not `\s*日?`: the spaces before a time are TIME's, or the two would share them quadratically. */
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?${TIME}$`);
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})${TIME}$`);
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;
/** 1900-03-01 to 9999-12-31: below 61 Excel counts a 29 February 1900 that never was. */
const SERIAL_MIN = 61;
const SERIAL_MAX = 2_958_465;

export function parseDateCell(cell: string, order: DateOrder = 'ymd'): DateCell {
  const text = cell.trim();
  if (text === '') return { ok: true, date: null };
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  const first = YEAR_FIRST.exec(text);
  const last = first ? null : YEAR_LAST.exec(text);
  if (first) [, y, m, d] = first;
  else if (last && order === 'dmy') [, d, m, y] = last;
  else if (last && order === 'mdy') [, m, d, y] = last;
  else if (last) {
    return {
      ok: false,
      message: `"${text}" could be day/month or month/day; write it as YYYY-MM-DD, or import with --date-format dmy (31/08/2023) or mdy (08/31/2023)`,
    };
  } else if (SERIAL.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial < SERIAL_MIN || serial > SERIAL_MAX)
      return { ok: false, message: `"${text}" is not a date (as an Excel date number it is out of range)` };
    const date = DateTime.fromObject({ year: 1899, month: 12, day: 30 }, { zone: 'utc' }).plus({ days: serial });
    return { ok: true, date: date.toISODate()! };
  } else {
    // Left for the shared schema to refuse with its usual message.
    return { ok: true, date: text };
  }
  // 2023-02-30 goes on to the shared schema, which refuses it in the same words as everywhere else.
  return { ok: true, date: `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` };
}
