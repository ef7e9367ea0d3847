import { formatDate } from '../../../i18n/dates.js';
import { absenceInputProblem, setAbsence, type AbsenceInput } from '../../../services/absences.js';
import { tellUser } from '../../answer/tell-user.js';
import { ABSENCE } from '../../blocks/modals/absence.js';
import { delegateRefusal } from '../../delegate-check.js';
import type { Parsed } from '../../parsers/inline-errors.js';
import { read } from '../../parsers/view-state.js';
import { refreshHomes } from '../../refresh/homes.js';
import { parseThenWork } from './support/on-submit.js';

/** Which field each of the service's refusals belongs beside. */
const FIELD_OF = {
  bad_range: ABSENCE.from,
  backwards: ABSENCE.to,
  in_past: ABSENCE.to,
  too_long: ABSENCE.to,
  self_delegate: ABSENCE.delegate,
  bad_delegate: ABSENCE.delegate,
} as const;

/**
 * The App Home's "I'll be away" modal (issue 22): checked inline by the same rules as `/closeout away` (the
 * service's, and Slack's word on the delegate), then saved by the same service, the Home republished.
 */
export const saveAbsence = parseThenWork<AbsenceInput>({
  parse: async ({ ctx, client, actor, tr, values }): Promise<Parsed<AbsenceInput>> => {
    const startDate = read.date(values, ABSENCE.from);
    const endDate = read.date(values, ABSENCE.to);
    const input = {
      startDate: startDate ?? '',
      endDate: endDate ?? '',
      delegateId: read.user(values, ABSENCE.delegate),
    };
    if (!startDate || !endDate) {
      const errors: Record<string, string> = {};
      if (!startDate) errors[ABSENCE.from] = tr('modal.error.date');
      if (!endDate) errors[ABSENCE.to] = tr('modal.error.date');
      return { ok: false, errors };
    }
    const problem = absenceInputProblem(ctx.deps, actor, input);
    if (problem) return { ok: false, errors: { [FIELD_OF[problem]]: tr(`away.${problem}`) } };
    // One users.info, bounded, before the ack: whether the delegate is a person only Slack can say.
    const refused = await delegateRefusal(client, ctx.logger, input.delegateId);
    if (refused) return { ok: false, errors: { [ABSENCE.delegate]: tr(`away.${refused}`) } };
    return { ok: true, data: input };
  },
  written: () => '',
  work: async ({ ctx, client, actor, meta, tr, to, form }) => {
    const saved = await setAbsence(ctx.deps, actor, form);
    await refreshHomes(client, ctx, actor.teamId, [actor.userId]);
    const date = (d: string) => formatDate(meta.lang, d, '0000-01-01');
    await tellUser(
      client,
      ctx.logger,
      to,
      tr('away.set', {
        start: date(saved.startDate),
        until: date(saved.endDate),
        delegate: saved.delegateId ?? 'none',
      }),
    );
  },
});
