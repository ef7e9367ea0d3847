import { applyMeasureChanges } from '../../../services/measure-changes.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { parseMeasures, type MeasuresForm } from '../../parsers/measures.js';
import { readSubmission, type SubmittedArgs } from './support/on-submit.js';

function written(form: MeasuresForm): string {
  return [...form.changes.map((c) => `${c.number}. ${c.text ?? ''}`), ...form.added.texts].join('\n');
}

/** The measures modal: all its changes in one transaction; the user is told what was added, changed, retired. */
export async function saveMeasures({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
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
}
