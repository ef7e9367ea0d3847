import { notFound } from '../../../domain/errors.js';
import { dismissReply } from '../../../services/chat-replies.js';
import { replaceQuestion } from '../../answer/replace-question.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { idValue } from '../../parsers/chat-reply.js';
import { dismissedBlocks } from '../../blocks/chat-reply.js';
import type { ClickContext } from './support/on-click.js';

/** *None of these* under "which problem?": the chat reply is set aside, nothing recorded. */
export async function dismissChatReply(clicked: ClickContext): Promise<void> {
  const { ctx, click, actor, tr } = clicked;
  const replyId = idValue(click.value);
  if (replyId === null) throw notFound('chat.reply_not_found');
  const { text } = await dismissReply(ctx.deps, actor, replyId);
  await replaceQuestion(clicked, tr('chat.dismissed'), dismissedBlocks(tr, text));
  // Asked on the App Home (no message to replace): the Home drops the question.
  if (click.container.kind !== 'message') refreshHomesLater(clicked.client, ctx, actor.teamId, [actor.userId]);
}
