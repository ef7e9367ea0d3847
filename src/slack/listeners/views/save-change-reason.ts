import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { reopenAndTell, withdraw } from '../../notify/changes.js';
import { read } from '../../parsers/view-state.js';
import { CHANGE_REASON } from '../../blocks/modals/change-reason.js';
import { readSubmission, type SubmittedArgs } from './support/on-submit.js';

/** The reason modal of `reopen` (reason required; the owner is told) and `withdraw` (reason optional). */
export async function saveChangeReason({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
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
}
