import { notFound } from '../../../domain/errors.js';
import { extensionInput } from '../../../domain/inputs.js';
import { requestExtension } from '../../../services/extensions.js';
import { deadlineWarning } from '../../answer/deadline-warning.js';
import { decidersOf } from '../../notify/closeout-request.js';
import { owedExtensionRequest } from '../../notify/extension.js';
import { parseForm } from '../../parsers/inline-errors.js';
import { read } from '../../parsers/view-state.js';
import { EXTENSION } from '../../blocks/extension.js';
import { parseThenWork } from './support/on-submit.js';

/**
 * The "Request more time" modal: date and reason checked inline; then saved and sent to the leaders, the
 * requester told (and warned when the date is not a working day of the board). One submission, one result.
 */
export const saveExtension = parseThenWork({
  parse: ({ tr, values }) =>
    parseForm(
      tr,
      extensionInput,
      { toDate: read.date(values, EXTENSION.date) ?? '', reason: read.text(values, EXTENSION.reason) },
      {
        toDate: { block: EXTENSION.date, invalid: 'modal.error.date' },
        reason: { block: EXTENSION.reason },
      },
    ),
  written: ({ reason }) => reason,
  work: async ({ ctx, actor, meta, tr, form }) => {
    if (!meta.key) throw notFound('error.problem_not_found', { key: '?' });
    const { problem, leaderIds } = await requestExtension(ctx.deps, actor, meta.key, form, owedExtensionRequest(ctx));
    ctx.followUps.kick();
    const deciders = decidersOf(ctx, leaderIds);
    const date = form.toDate;
    return (
      (deciders.length
        ? tr('extension.sent', { key: problem.key, date, leaders: deciders.map((u) => `<@${u}>`).join(', ') })
        : tr('extension.sent_nobody', { key: problem.key, date })) +
      // A new deadline on a day the board does not work is warned of, as one set anywhere else (issue 22).
      (await deadlineWarning(ctx.deps.db, tr, problem.boardId, date))
    );
  },
  // Submit pressed again (after Slack's 3 s error): told "sent" again, not "a request is already waiting".
  once: true,
});
