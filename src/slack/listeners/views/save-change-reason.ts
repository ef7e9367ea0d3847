import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { reopenAndTell, withdraw } from '../../modals/upkeep-changes.js';
import { read } from '../../parsers/view-state.js';
import { CHANGE_REASON } from '../../views/modals/change-reason.js';
import { readSubmission } from './submission.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The reason modal of `reopen` (reason required; the owner is told) and `withdraw` (reason optional). */
export function saveChangeReason(ctx: SlackContext) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
    const reason = read.text(values, CHANGE_REASON.reason).trim();
    const reopening = meta.mode === 'reopen';
    if (reopening && !reason) {
      await ack({ response_action: 'errors', errors: { [CHANGE_REASON.reason]: tr('error.reason_required') } });
      return;
    }
    await ack({ response_action: 'clear' });
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: reason }, async () => {
      const change = { ctx, client, actor, lang: meta.lang, key: meta.key ?? '' };
      const text = reopening ? await reopenAndTell(change, reason) : await withdraw(change, reason);
      await tellUser(client, ctx.logger, to, text);
    });
  };
}
