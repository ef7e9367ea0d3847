import { parseAbsenceRange } from '../../../domain/absence.js';
import { USER_MENTION } from '../../../domain/keys.js';
import { formatDate } from '../../../i18n/dates.js';
import { absenceOf, endAbsence, setAbsence } from '../../../services/absences.js';
import { delegateRefusal } from '../../delegate-check.js';
import type { SubcommandArgs, SubcommandHandler } from './support/types.js';

const OFF_WORDS = new Set(['off', 'end', 'back', '结束', '取消', '回来']);

/**
 * `/closeout away 2026-12-20..2027-01-03 [@delegate]`, `/closeout away off`, `/closeout away` (issue 22).
 * Each person sets their own absence; every mistake gets its own answer and changes nothing.
 */
export const away: SubcommandHandler = async (call) => {
  const [first, second, ...rest] = call.args;
  // With the year: an absence often spans the new year.
  const date = (d: string) => formatDate(call.lang, d, '0000-01-01');
  if (first === undefined) {
    const current = await absenceOf(call.ctx.deps, call.actor);
    if (!current) return say(call, call.tr('away.none'));
    return say(
      call,
      call.tr('away.current', {
        start: date(current.startDate),
        until: date(current.endDate),
        delegate: current.delegateId ?? 'none',
      }),
    );
  }
  if (OFF_WORDS.has(first.toLowerCase())) {
    if (second !== undefined) return say(call, call.tr('away.usage'));
    const ended = await endAbsence(call.ctx.deps, call.actor);
    return say(call, call.tr(ended ? 'away.off' : 'away.off_none'));
  }
  if (rest.length) return say(call, call.tr('away.usage'));
  const range = parseAbsenceRange(first);
  if (!range.ok) return say(call, call.tr(`away.${range.problem}`));
  let delegateId: string | null = null;
  if (second !== undefined) {
    const mention = USER_MENTION.exec(second);
    if (!mention) return say(call, call.tr('away.bad_delegate'));
    delegateId = mention[1]!;
  }
  const refused = await delegateRefusal(call.client, call.ctx.logger, delegateId);
  if (refused) return say(call, call.tr(`away.${refused}`));
  const saved = await setAbsence(call.ctx.deps, call.actor, {
    startDate: range.startDate,
    endDate: range.endDate,
    delegateId,
  });
  return say(
    call,
    call.tr('away.set', {
      start: date(saved.startDate),
      until: date(saved.endDate),
      delegate: saved.delegateId ?? 'none',
    }),
  );
};

async function say(call: SubcommandArgs, text: string): Promise<void> {
  await call.respond({ response_type: 'ephemeral', text });
}
