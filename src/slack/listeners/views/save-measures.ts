import { applyMeasureChanges, problemVersion } from '../../../services/measure-changes.js';
import { failureText } from '../../answer/ephemeral.js';
import { MEASURES } from '../../blocks/modals/measures.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { parseMeasures, type MeasuresForm } from '../../parsers/measures.js';
import { parseThenWork } from './support/on-submit.js';

function written(form: MeasuresForm): string {
  return [...form.changes.map((c) => `${c.number}. ${c.text ?? ''}`), ...form.added.texts].join('\n');
}

/**
 * The measures modal: all its changes in one transaction; the user is told what was added, changed, retired.
 * Before the ack (one local read), the optimistic version check: if someone changed the problem or its
 * measures since the modal opened, nothing is saved and the modal stays open with an inline note to reopen
 * it (its measure fields would otherwise write back what the other person changed).
 */
export const saveMeasures = parseThenWork({
  parse: async ({ ctx, actor, meta, tr, values }) => {
    const parsed = parseMeasures(tr, values);
    if (!parsed.ok || meta.version === undefined) return parsed;
    const key = meta.key ?? '';
    const at = Object.keys(values)[0] ?? MEASURES.newTexts;
    let current: number;
    try {
      current = await problemVersion(ctx.deps, actor.teamId, key);
    } catch (error) {
      return { ok: false, errors: { [at]: failureText(meta.lang, error, ctx.logger) } };
    }
    if (current !== meta.version) return { ok: false, errors: { [at]: tr('changes.measures.stale', { key }) } };
    return parsed;
  },
  written,
  once: true,
  work: async ({ ctx, client, actor, meta, tr, form }) => {
    const key = meta.key ?? '';
    const result = await applyMeasureChanges(ctx.deps, actor, key, form.changes, form.added, {
      ...(meta.version !== undefined && { expectedVersion: meta.version }),
    });
    refreshHomesLater(client, ctx, actor.teamId, [actor.userId]);
    return tr('changes.measures.saved', {
      key,
      added: result.added.length,
      edited: result.edited.length,
      retired: result.retired.length,
    });
  },
});
