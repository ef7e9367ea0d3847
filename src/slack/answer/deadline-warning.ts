import type { Db } from '../../db/client.js';
import type { Translator } from '../../i18n/index.js';
import { isDayOff } from '../../services/calendar.js';

/**
 * A deadline on a day the board does not work is kept as set, with a warning after the confirmation
 * (issue 22), or '' when the day is worked or there is no deadline.
 */
export async function deadlineWarning(
  db: Db,
  tr: Translator,
  boardId: number,
  deadline: string | null | undefined,
): Promise<string> {
  if (!deadline || !(await isDayOff(db, boardId, deadline))) return '';
  return `\n${tr('cal.deadline_not_working', { date: deadline })}`;
}
