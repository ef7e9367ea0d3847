import { isRealDate } from '../../../services/calendar-file.js';
import { addBoardCalendarDay, calendarOverview, removeBoardCalendarDay } from '../../../services/calendar-admin.js';
import { CalendarLimitError, MAX_CALENDAR_DAYS } from '../../../services/calendar.js';
import { viewerOf } from '../../channel-members.js';
import { boardArg } from '../../parsers/summary-args.js';
import { calendarOverviewText } from '../../blocks/calendar.js';
import { mrkdwnText } from '../../blocks/limits.js';
import { boardNamedOrLed } from './support/board-named-or-led.js';
import type { SubcommandArgs, SubcommandHandler } from './support/types.js';

/** A reason is a short note shown in lists and messages. */
const REASON_MAX = 200;

const ADD_WORDS = new Set(['add', '添加', '增加']);
const REMOVE_WORDS = new Set(['remove', 'rm', 'delete', '删除', '移除']);

/**
 * `/closeout calendar [board:CODE]`: the board's coming days off and its next prompt, nudge and digest.
 * `/closeout calendar add YYYY-MM-DD closed|workday "reason"` and `calendar remove YYYY-MM-DD`: leaders
 * close a day or open one (issue 22). Every mistake gets its own answer and changes nothing.
 */
export const calendar: SubcommandHandler = async (call) => {
  const boardWords = call.args.filter((a) => /^(?:board|清单)[:：]/i.test(a));
  const args = call.args.filter((a) => !boardWords.includes(a));
  const named = boardWords.length ? boardArg.safeParse(boardWords[0]) : null;
  if (named && !named.success) return say(call, call.tr('cal.usage'));
  const code = await boardNamedOrLed(call, named?.data ?? null, {
    sub: 'calendar',
    notLeader: 'cal.not_leader_any',
    noBoards: 'cal.no_boards',
    choose: 'cal.choose',
  });
  if (!code) return;
  const [verb, date, kind, reason] = args;
  if (verb === undefined) {
    const overview = await calendarOverview(call.ctx.deps, call.actor, code, viewerOf(call.actor, call.ctx.members));
    return say(call, calendarOverviewText(call.tr, call.lang, overview));
  }
  const adding = ADD_WORDS.has(verb.toLowerCase());
  if (!adding && !REMOVE_WORDS.has(verb.toLowerCase())) return say(call, call.tr('cal.usage'));
  if (date === undefined) return say(call, call.tr('cal.usage'));
  if (!isRealDate(date)) return say(call, call.tr('cal.bad_date', { input: mrkdwnText(date.slice(0, 30), 30) }));
  if (!adding) {
    const { board, removed } = await removeBoardCalendarDay(call.ctx.deps, call.actor, code, date);
    return say(
      call,
      call.tr(removed ? 'cal.removed' : 'cal.remove_none', { date, board: mrkdwnText(board.name, 100) }),
    );
  }
  const dayKind = kind?.toLowerCase();
  if (dayKind !== 'closed' && dayKind !== 'workday')
    return say(call, call.tr('cal.bad_kind', { input: mrkdwnText((kind ?? '').slice(0, 30), 30) }));
  const why = (reason ?? '').trim();
  if (!why) return say(call, call.tr('cal.reason_required', { date }));
  if (why.length > REASON_MAX) return say(call, call.tr('cal.reason_too_long', { max: REASON_MAX }));
  try {
    const board = await addBoardCalendarDay(call.ctx.deps, call.actor, code, { date, kind: dayKind, reason: why });
    const key = dayKind === 'closed' ? 'cal.added.closed' : 'cal.added.workday';
    return say(call, call.tr(key, { date, board: mrkdwnText(board.name, 100), reason: mrkdwnText(why, REASON_MAX) }));
  } catch (error) {
    if (error instanceof CalendarLimitError) return say(call, call.tr('cal.too_many', { max: MAX_CALENDAR_DAYS }));
    throw error;
  }
};

async function say(call: SubcommandArgs, text: string): Promise<void> {
  await call.respond({ response_type: 'ephemeral', text });
}
