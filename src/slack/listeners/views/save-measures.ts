import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { applyMeasureChanges } from '../../../services/measure-changes.js';
import type { SlackContext } from '../../context.js';
import { afterSubmit, refreshHomesLater, tellUser } from '../../answer/tell-user.js';
import { parseMeasures, type MeasuresForm } from '../../parsers/measures.js';
import { readSubmission } from './submission.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function written(form: MeasuresForm): string {
  return [...form.changes.map((c) => `${c.number}. ${c.text ?? ''}`), ...form.added.texts].join('\n');
}

/** The measures modal: all its changes in one transaction; the user is told what was added, changed, retired. */
export function saveMeasures(ctx: SlackContext) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
    const parsed = parseMeasures(tr, values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack({ response_action: 'clear' });
    const form = parsed.data;
    const key = meta.key ?? '';
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: written(form) }, async () => {
      const result = await applyMeasureChanges(ctx.deps, actor, key, form.changes, form.added);
      await tellUser(
        client,
        ctx.logger,
        to,
        tr('upkeep.measures.saved', {
          key,
          added: result.added.length,
          edited: result.edited.length,
          retired: result.retired.length,
        }),
      );
      refreshHomesLater(client, ctx, actor.teamId, [actor.userId]);
    });
  };
}
