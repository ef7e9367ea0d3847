import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { restore } from '../../modals/upkeep-changes.js';
import { upkeepView, type UpkeepModal } from '../../modals/upkeep-views.js';
import { read } from '../../parsers/view-state.js';
import { failureText } from '../../answer/ephemeral.js';
import { UPKEEP_PICK } from '../../views/modals/upkeep-pick.js';
import { readSubmission } from './submission.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const MODALS: ReadonlySet<string> = new Set<UpkeepModal>(['edit', 'reassign', 'measures', 'reopen', 'withdraw']);

/** "Which problem?" answered: the command's modal replaces the picker (restore happens at once). */
export function pickUpkeepProblem(ctx: SlackContext) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
    const key = read.selected(values, UPKEEP_PICK.problem);
    if (!key) {
      await ack({ response_action: 'errors', errors: { [UPKEEP_PICK.problem]: tr('modal.error.required') } });
      return;
    }
    if (meta.mode === 'restore') {
      await ack({ response_action: 'clear' });
      await afterSubmit({ client, ctx, lang: meta.lang, to, written: '' }, async () => {
        await tellUser(client, ctx.logger, to, await restore({ ctx, client, actor, lang: meta.lang, key }));
      });
      return;
    }
    try {
      if (!meta.mode || !MODALS.has(meta.mode)) throw new Error(`unknown picker mode ${meta.mode}`);
      const next = await upkeepView(meta.mode as UpkeepModal, {
        ctx,
        actor,
        lang: meta.lang,
        key,
        ...(meta.channel && { channel: meta.channel }),
      });
      await ack({ response_action: 'update', view: next });
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: { [UPKEEP_PICK.problem]: failureText(meta.lang, error, ctx.logger) },
      });
    }
  };
}
