import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { notFound } from '../../../domain/errors.js';
import { dismissReply, resolvePending } from '../../../services/chat-replies.js';
import type { SlackContext } from '../../context.js';
import { recordedView, refreshAfter } from '../../refresh/recorded-reply.js';
import { openReportModal } from '../../modals/owner-modals.js';
import { ACTION } from '../../ids.js';
import { idValue, pickValue } from '../../parsers/chat-reply.js';
import { dismissedBlocks, recordedBlocks, recordedText } from '../../views/chat-reply.js';
import { onClick, type ClickContext } from './click.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Candidate buttons carry `chat_reply.pick:<index>` so their action_ids are unique within the block. */
const PICK = new RegExp(`^${escapeRegExp(ACTION.chatPick)}(?::\\d+)?$`);

/** Replaces the "which problem?" question with the outcome: in place, or through the response_url if ephemeral. */
async function replaceQuestion(c: ClickContext, text: string, blocks: KnownBlock[]): Promise<void> {
  const { click } = c;
  if (click.container.kind === 'message' && click.container.ts) {
    await c.client.chat.update({ channel: click.container.channel, ts: click.container.ts, text, blocks });
  } else if (click.responseUrl) {
    await c.respond({ replace_original: true, text, blocks });
  }
}

/** Buttons under chat-reply answers: pick the problem, none of these, and *Edit* on a confirmation. */
export function register(app: App, ctx: SlackContext): void {
  app.action(
    PICK,
    onClick(ctx, async (c) => {
      const pick = pickValue(c.click.value);
      if (!pick) throw notFound('chat.reply_not_found');
      const recorded = await resolvePending(ctx.deps, c.actor, pick.replyId, pick.key);
      const view = recordedView(recorded);
      await replaceQuestion(c, recordedText(c.tr, view), recordedBlocks(c.tr, view));
      if (!recorded.already) refreshAfter(c.client, ctx, c.actor.teamId, recorded);
    }),
  );

  app.action(
    ACTION.chatDismiss,
    onClick(ctx, async (c) => {
      const replyId = idValue(c.click.value);
      if (replyId === null) throw notFound('chat.reply_not_found');
      const { text } = await dismissReply(ctx.deps, c.actor, replyId);
      await replaceQuestion(c, c.tr('chat.dismissed'), dismissedBlocks(c.tr, text));
    }),
  );

  // Updates are append-only: "Edit" opens the report form for the same problem, and what is submitted
  // becomes the latest update (the confirmation is then refreshed in place as the problem's card).
  app.action(
    ACTION.chatEdit,
    onClick(ctx, async ({ click, actor, lang, client }) => {
      const updateId = idValue(click.value);
      const update =
        updateId === null
          ? null
          : await ctx.deps.db.update.findUnique({ where: { id: updateId }, include: { problem: true } });
      if (!update || update.teamId !== actor.teamId) throw notFound('chat.reply_not_found');
      const origin =
        click.container.kind === 'message'
          ? {
              kind: 'card' as const,
              channel: click.container.channel,
              ...(click.container.ts && { ts: click.container.ts }),
              ...(click.responseUrl && { responseUrl: click.responseUrl }),
            }
          : undefined;
      await openReportModal({
        client,
        triggerId: click.triggerId,
        ctx,
        actor,
        lang,
        key: update.problem.key,
        ...(origin && { origin }),
      });
    }),
  );
}
