import { notFound } from '../../../domain/errors.js';
import { problemKeyOfUpdate } from '../../../services/updates.js';
import { openReportModal } from '../../open-modal/owner.js';
import { idValue } from '../../parsers/chat-reply.js';
import type { ClickContext } from './support/on-click.js';

/**
 * *Edit* on a chat reply's confirmation. Updates are append-only: it opens the report form for the same
 * problem, and what is submitted becomes the latest update (the confirmation is then refreshed in place as
 * the problem's card).
 */
export async function editChatReply({ ctx, click, actor, lang, client }: ClickContext): Promise<void> {
  const updateId = idValue(click.value);
  const key = updateId === null ? null : await problemKeyOfUpdate(ctx.deps, actor.teamId, updateId);
  if (!key) throw notFound('chat.reply_not_found');
  const origin =
    click.container.kind === 'message'
      ? {
          kind: 'card' as const,
          channel: click.container.channel,
          ...(click.container.ts && { ts: click.container.ts }),
          ...(click.responseUrl && { responseUrl: click.responseUrl }),
        }
      : undefined;
  await openReportModal({ client, triggerId: click.triggerId, ctx, actor, lang, key, ...(origin && { origin }) });
}
