import { USER_MENTION } from '../../../domain/keys.js';
import { formatDate } from '../../../i18n/dates.js';
import { isRealDate } from '../../../services/calendar-file.js';
import { deputyOf, endDeputy, setDeputy } from '../../../services/deputies.js';
import { mrkdwnText } from '../../blocks/limits.js';
import { delegateRefusal } from '../../delegate-check.js';
import type { SubcommandArgs, SubcommandHandler } from './support/types.js';

const OFF_WORDS = new Set(['off', 'none', '取消', '无']);
const UNTIL_WORDS = new Set(['until', '至', '到']);

/**
 * `/closeout deputy @user [until YYYY-MM-DD]`, `/closeout deputy off`, `/closeout deputy` (issue 22): a
 * leader names who decides closeout requests for them while they are away.
 */
export const deputy: SubcommandHandler = async (call) => {
  const [first, second, third, ...rest] = call.args;
  const date = (d: string) => formatDate(call.lang, d, '0000-01-01');
  if (first === undefined) {
    const current = await deputyOf(call.ctx.deps, call.actor);
    if (!current) return say(call, call.tr('deputy.none'));
    const until = current.until ? date(current.until) : 'none';
    return say(call, call.tr('deputy.current', { deputy: current.deputyId, until }));
  }
  if (OFF_WORDS.has(first.toLowerCase())) {
    if (second !== undefined) return say(call, call.tr('deputy.usage'));
    return say(call, call.tr((await endDeputy(call.ctx.deps, call.actor)) ? 'deputy.off' : 'deputy.off_none'));
  }
  const mention = USER_MENTION.exec(first);
  if (!mention || rest.length) return say(call, call.tr('deputy.usage'));
  let until: string | null = null;
  if (second !== undefined) {
    if (!UNTIL_WORDS.has(second.toLowerCase()) || third === undefined) return say(call, call.tr('deputy.usage'));
    if (!isRealDate(third)) return say(call, call.tr('deputy.bad_date', { input: mrkdwnText(third.slice(0, 30), 30) }));
    until = third;
  }
  // A deputy decides closeout requests: a person, as a delegate must be (a bot, Slackbot or a deactivated
  // account would leave the requests undecided).
  const refused = await delegateRefusal(call.client, call.ctx.logger, mention[1]!);
  if (refused) return say(call, call.tr(`away.${refused}`));
  const saved = await setDeputy(call.ctx.deps, call.actor, { deputyId: mention[1]!, until });
  return say(call, call.tr('deputy.set', { deputy: saved.deputyId, until: saved.until ? date(saved.until) : 'none' }));
};

async function say(call: SubcommandArgs, text: string): Promise<void> {
  await call.respond({ response_type: 'ephemeral', text });
}
