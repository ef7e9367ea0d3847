import { applyMeasureChanges, problemVersion } from '../../../services/measure-changes.js';
import { failureText } from '../../answer/ephemeral.js';
import { MEASURES } from '../../blocks/modals/measures.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { parseMeasures, type MeasuresForm } from '../../parsers/measures.js';
import { readSubmission, type SubmittedArgs } from './support/on-submit.js';

function written(form: MeasuresForm): string {
  return [...form.changes.map((c) => `${c.number}. ${c.text ?? ''}`), ...form.added.texts].join('\n');
}

/**
 * The measures modal: all its changes in one transaction; the user is told what was added, changed, retired.
 * Before the ack (one local read), the optimistic version check: if someone changed the problem or its
 * measures since the modal opened, nothing is saved and the modal stays open with an inline note to reopen
 * it (its measure fields would otherwise write back what the other person changed).
 */
export async function saveMeasures({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const parsed = parseMeasures(tr, values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  const form = parsed.data;
  const key = meta.key ?? '';
  const at = Object.keys(values)[0] ?? MEASURES.newTexts;
  if (meta.version !== undefined) {
    let current: number;
    try {
      current = await problemVersion(ctx.deps, actor.teamId, key);
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [at]: failureText(meta.lang, error, ctx.logger) } });
      return;
    }
    if (current !== meta.version) {
      await ack({ response_action: 'errors', errors: { [at]: tr('upkeep.measures.stale', { key }) } });
      return;
    }
  }
  await ack({ response_action: 'clear' });
  await afterSubmit({ client, ctx, lang: meta.lang, to, written: written(form) }, async () => {
    const result = await applyMeasureChanges(ctx.deps, actor, key, form.changes, form.added, {
      ...(meta.version !== undefined && { expectedVersion: meta.version }),
    });
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
