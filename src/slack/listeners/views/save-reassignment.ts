import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { reassignAndTell } from '../../notify/changes.js';
import { read } from '../../parsers/view-state.js';
import { REASSIGN } from '../../blocks/modals/reassign.js';
import { readSubmission, type SubmittedArgs } from './support/on-submit.js';

/** The reassign modal: the new owner is required; both owners are told by DM. */
export async function saveReassignment({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const ownerId = read.user(values, REASSIGN.owner);
  if (!ownerId) {
    await ack({ response_action: 'errors', errors: { [REASSIGN.owner]: tr('modal.error.user') } });
    return;
  }
  await ack({ response_action: 'clear' });
  const note = read.text(values, REASSIGN.note).trim();
  await afterSubmit({ client, ctx, lang: meta.lang, to, written: note }, async () => {
    const text = await reassignAndTell({ ctx, client, actor, lang: meta.lang, key: meta.key ?? '' }, ownerId, note);
    await tellUser(client, ctx.logger, to, text);
  });
}
