import { translator } from '../../../i18n/index.js';
import { categories } from '../../../services/boards.js';
import { lastChangedBy } from '../../../services/problem-history.js';
import { editProblem, getProblemDetail } from '../../../services/problems.js';
import { deadlineWarning } from '../../answer/deadline-warning.js';
import { afterSubmit } from '../../answer/tell-user.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { differing, parseEditProblem, type EditForm } from '../../parsers/edit-problem.js';
import { failureText } from '../../answer/ephemeral.js';
import { editProblemModal, EDIT_PROBLEM, type EditableFields } from '../../blocks/modals/edit-problem.js';
import { formatDate } from '../../../i18n/dates.js';
import { answerOnce, readSubmission, type SubmittedArgs } from './support/on-submit.js';

function written(form: EditForm): string {
  return [form.fields.title, form.fields.description, form.reason].filter(Boolean).join('\n\n');
}

function shown(field: keyof EditableFields, value: string | null, lang: 'en' | 'zh-CN', none: string): string {
  if (value === null || value === '') return none;
  return field === 'deadline' ? formatDate(lang, value, '') : value;
}

/**
 * Saving the edit modal. Before the ack (one local read): inline errors, the reason a moved deadline
 * needs, and the optimistic version check — if someone else changed the problem since the modal opened,
 * the modal comes back with their values and the user's own answers, to save again or cancel.
 */
export async function saveProblemEdit({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const parsed = parseEditProblem(tr, values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  const form = parsed.data;
  const key = meta.key ?? '';
  let current;
  try {
    current = await getProblemDetail(ctx.deps, actor.teamId, key, 0);
  } catch (error) {
    const first = Object.keys(values)[0] ?? EDIT_PROBLEM.description;
    await ack({ response_action: 'errors', errors: { [first]: failureText(meta.lang, error, ctx.logger) } });
    return;
  }
  const changed = differing(current, form.fields);
  if (meta.version !== undefined && current.version !== meta.version && changed.length > 0) {
    const by = (await lastChangedBy(ctx.deps, current)) ?? actor.userId;
    const none = tr('card.none');
    await ack({
      response_action: 'update',
      view: editProblemModal(translator(meta.lang), {
        key: current.key,
        values: { ...current, ...form.fields },
        reason: form.reason,
        categories: categories(current.board),
        canLead: EDIT_PROBLEM.title in values,
        conflict: {
          by,
          changed: changed.map((f) => ({ field: f, value: shown(f, current[f], meta.lang, none) })),
        },
        metadata: { ...meta, version: current.version },
      }),
    });
    return;
  }
  if (changed.includes('deadline') && !form.reason) {
    await ack({ response_action: 'errors', errors: { [EDIT_PROBLEM.reason]: tr('error.deadline_reason_required') } });
    return;
  }
  await ack({ response_action: 'clear' });
  // Once a view (answerOnce): Submit pressed again is told the first answer, not "unchanged" or a conflict.
  const once = { ctx, client, actor, view, to };
  await afterSubmit({ client, ctx, lang: meta.lang, to, written: written(form) }, () =>
    answerOnce(once, async () => {
      const after = await editProblem(ctx.deps, actor, key, form.fields, {
        expectedVersion: current.version,
        ...(form.reason && { reason: form.reason }),
      });
      const names = changed.map((f) => tr(`changes.field.${f}`)).join(', ');
      refreshHomesLater(client, ctx, actor.teamId, [after.ownerId]);
      return changed.length
        ? tr('changes.edit.saved', { key: after.key, fields: names }) +
            (changed.includes('deadline') ? await deadlineWarning(ctx.deps.db, tr, after.boardId, after.deadline) : '')
        : tr('changes.edit.unchanged', { key: after.key });
    }),
  );
}
