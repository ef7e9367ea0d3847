import { failureText } from '../../answer/ephemeral.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { VIEW } from '../../ids.js';
import { reportView } from '../../open-modal/owner.js';
import { restore } from '../../notify/changes.js';
import { changeView, type ChangeModal } from '../../open-modal/change-views.js';
import { read } from '../../parsers/view-state.js';
import { PICK_PROBLEM } from '../../blocks/modals/pick-problem.js';
import { readSubmission, type SubmittedArgs } from './support/on-submit.js';

const CHANGE_MODALS: ReadonlySet<string> = new Set<ChangeModal>(['edit', 'reassign', 'measures', 'reopen', 'withdraw']);

/**
 * *Next* in a "which problem?" picker: the next modal replaces the picker, or the pick is refused on its
 * field. The report picker turns into the progress modal (picking already does so through the select's
 * action, actions/pick-report-problem.ts; this is the fallback); a leader's command's picker into that
 * command's modal, and `restore` happens at once.
 */
export async function pickProblem({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const key = read.selected(values, PICK_PROBLEM.problem);
  if (!key) {
    await ack({ response_action: 'errors', errors: { [PICK_PROBLEM.problem]: tr('modal.error.required') } });
    return;
  }
  const forReport = view.callback_id === VIEW.pickProblem;
  if (!forReport && meta.mode === 'restore') {
    await ack({ response_action: 'clear' });
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: '' }, async () => {
      await tellUser(client, ctx.logger, to, await restore({ ctx, client, actor, lang: meta.lang, key }));
    });
    return;
  }
  // A quick local read, so the answer can carry the next view instead of a second Web API call.
  try {
    const where = { ctx, actor, lang: meta.lang, key, ...(meta.channel && { channel: meta.channel }) };
    let next;
    if (forReport) next = await reportView(where);
    else if (meta.mode && CHANGE_MODALS.has(meta.mode)) next = await changeView(meta.mode as ChangeModal, where);
    else throw new Error(`unknown picker mode ${meta.mode}`);
    await ack({ response_action: 'update', view: next });
  } catch (error) {
    await ack({
      response_action: 'errors',
      errors: { [PICK_PROBLEM.problem]: failureText(meta.lang, error, ctx.logger) },
    });
  }
}
