import { notFound } from '../../../domain/errors.js';
import { restore } from '../../notify/changes.js';
import { openChangeModal } from '../../open-modal/changes.js';
import { replyEphemeral } from '../../answer/ephemeral.js';
import { parseMenuValue } from '../../blocks/problem-menu.js';
import type { ClickContext } from './support/on-click.js';

/** A leader picked a change from a card's ⋯ menu: its modal opens (restoring needs none). */
export async function chooseProblemChange({ ctx, click, actor, lang, client, target }: ClickContext): Promise<void> {
  const choice = parseMenuValue(click.value);
  if (!choice) throw notFound('error.problem_not_found', { key: click.value });
  if (choice.change === 'restore') {
    await replyEphemeral(target, await restore({ ctx: ctx, client, actor, lang, key: choice.key }));
    return;
  }
  await openChangeModal(choice.change, choice.key, {
    ctx: ctx,
    client,
    triggerId: click.triggerId,
    actor,
    lang,
    ...(click.container.kind === 'message' && { channel: click.container.channel }),
  });
}
