import { DomainError } from '../../../domain/errors.js';
import { requireOpenCheck } from '../../../services/effectiveness.js';
import { requireCheckValue } from '../../parsers/block-action.js';
import { encodeMetadata } from '../../parsers/modal-metadata.js';
import { showCheck } from '../../refresh/check-message.js';
import { recurrenceModal } from '../../blocks/effectiveness.js';
import { checkDmOf } from './support/answer-check.js';
import type { ClickContext } from './support/on-click.js';

/**
 * *It came back* on an effectiveness check's DM: the modal asking what came back opens (the problem is
 * reopened on its submission, views/save-recurrence.ts). A stale check is told why, as the other answers are.
 */
export async function reportRecurrence({ ctx, click, actor, lang, tr, client }: ClickContext): Promise<void> {
  const { checkId, round } = requireCheckValue(click.value);
  const dm = checkDmOf(click, round);
  let check;
  try {
    check = await requireOpenCheck(ctx.deps, actor, checkId, round);
  } catch (error) {
    if (dm && error instanceof DomainError && error.code === 'conflict')
      await showCheck(client, ctx, actor.teamId, checkId, dm, { userId: actor.userId, lang });
    throw error;
  }
  await client.views.open({
    trigger_id: click.triggerId,
    view: recurrenceModal(tr, {
      key: check.problem.key,
      title: check.problem.title,
      metadata: encodeMetadata({
        lang,
        key: check.problem.key,
        ...(dm && { channel: dm.channel }),
        check: { id: checkId, round, ...(dm && { channel: dm.channel, ts: dm.ts }) },
      }),
    }),
  });
}
