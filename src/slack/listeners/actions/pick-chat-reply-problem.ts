import { notFound } from '../../../domain/errors.js';
import { resolvePending } from '../../../services/chat-replies.js';
import { replaceQuestion } from '../../answer/replace-question.js';
import { pickValue } from '../../parsers/chat-reply.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { recordedBlocks, recordedText, recordedView } from '../../blocks/chat-reply.js';
import type { ClickContext } from './support/on-click.js';

/** A problem picked under "which problem?" after a chat reply: the reply is recorded as its update. */
export async function pickChatReplyProblem(clicked: ClickContext): Promise<void> {
  const { ctx, click, actor, tr, client } = clicked;
  const pick = pickValue(click.value);
  if (!pick) throw notFound('chat.reply_not_found');
  const recorded = await resolvePending(ctx.deps, actor, pick.replyId, pick.key);
  const view = recordedView(recorded);
  await replaceQuestion(clicked, recordedText(tr, view), recordedBlocks(tr, view));
  if (!recorded.already) refreshHomesLater(client, ctx, actor.teamId, recorded.affected);
}
