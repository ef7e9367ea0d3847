import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Actor, Language } from '../../../domain/types.js';
import { t, translator } from '../../../i18n/index.js';
import { isSchedulerThread, receiveReply, type ReplyOutcome } from '../../../services/chat-replies.js';
import { markAnswered, unansweredReplies } from '../../../services/chat-reply-answers.js';
import type { SlackContext } from '../../context.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { refreshOrigin } from '../../refresh/origin.js';
import { parseUserMessage, type UserMessage } from '../../parsers/chat-reply.js';
import { parseSharedListFile } from '../../parsers/import-file.js';
import { failureText } from '../../answer/ephemeral.js';
import type { EventArgs } from './support/on-event.js';
import { evidenceShareOf } from './support/evidence-share.js';
import { askBlocks, askText, recordedBlocks, recordedText, recordedView } from '../../blocks/chat-reply.js';

/** What to say back, in the reply's thread; refusals in a shared channel are for the author's eyes only. */
function answerFor(
  lang: Language,
  outcome: ReplyOutcome,
  ctx: SlackContext,
): { text: string; blocks: KnownBlock[]; private: boolean } | null {
  const tr = translator(lang);
  switch (outcome.kind) {
    case 'duplicate':
    case 'ignored':
      return null;
    case 'recorded': {
      const view = recordedView(outcome);
      return { text: recordedText(tr, view), blocks: recordedBlocks(tr, view), private: false };
    }
    case 'ask': {
      const data = { replyId: outcome.replyId, text: outcome.text, candidates: outcome.candidates, lead: [] };
      return { text: askText(tr, data), blocks: askBlocks(tr, data), private: false };
    }
    case 'refused': {
      const next = outcome.candidates.length ? tr('chat.refused.pick') : tr('chat.refused.name_key');
      const lead = [failureText(lang, outcome.error, ctx.logger), `${tr('chat.refused.kept')} ${next}`];
      const data = { replyId: outcome.replyId, text: outcome.text, candidates: outcome.candidates, lead };
      return { text: askText(tr, data), blocks: askBlocks(tr, data), private: true };
    }
  }
}

async function handle(client: WebClient, ctx: SlackContext, teamId: string, m: UserMessage): Promise<void> {
  const actor: Actor = { teamId, userId: m.userId };
  const threadTs = m.threadTs ?? m.ts;
  let outcome: ReplyOutcome;
  try {
    outcome = await receiveReply(ctx.deps, actor, {
      channelId: m.channel,
      ts: m.ts,
      threadTs: m.threadTs,
      text: m.text,
      inChannel: !m.direct,
    });
  } catch (err) {
    ctx.logger.error({ err, channel: m.channel, ts: m.ts }, 'could not handle a chat reply');
    const lang = await ctx.locale.forUser(client, m.userId);
    const text = t(lang, 'common.unexpected');
    await (m.direct
      ? client.chat.postMessage({ channel: m.channel, thread_ts: threadTs, text })
      : client.chat.postEphemeral({ channel: m.channel, user: m.userId, thread_ts: threadTs, text }));
    return;
  }
  const lang = await ctx.locale.forUser(
    client,
    m.userId,
    outcome.kind === 'recorded' ? outcome.boardLanguage : undefined,
  );
  const answer = answerFor(lang, outcome, ctx);
  if (answer) {
    const { text, blocks } = answer;
    await (answer.private && !m.direct
      ? client.chat.postEphemeral({ channel: m.channel, user: m.userId, thread_ts: threadTs, text, blocks })
      : client.chat.postMessage({ channel: m.channel, thread_ts: threadTs, text, blocks }));
  }
  // Answered (or nothing to say): a redelivery of this message is a duplicate from now on.
  if (outcome.kind !== 'duplicate') await markAnswered(ctx.deps, outcome.replyId);
  if (outcome.kind === 'recorded') {
    refreshHomesLater(client, ctx, teamId, outcome.affected);
    // A reply in the thread of a prompt shows on the prompt too, as a button press would; the thread of any
    // other bot message ("assigned to you", a decision) is left as it is.
    if (m.threadTs && !outcome.already) {
      const health = translator(lang)(`health.${outcome.update.health}`);
      await refreshOrigin({
        client,
        ctx,
        origin: { kind: 'prompt', channel: m.channel, ts: m.threadTs },
        scheduledOnly: true,
        teamId,
        key: outcome.problem.key,
        lang,
        note: translator(lang)('report.origin_note', { user: m.userId, percent: outcome.update.percent, health }),
      });
    }
  }
}

/**
 * Progress typed in chat: any message in the user's DM with the bot, and replies in the thread of a message
 * the scheduler sent to a channel (a prompt or the update-round post). Other channel chatter is ignored.
 */
export async function receiveChatReply({ ctx, event, body, context, client }: EventArgs<'message'>): Promise<void> {
  const m = parseUserMessage(event);
  if (!m || m.userId === context.botUserId || parseSharedListFile(event)) return; // a list file: events/import-shared-file.ts
  const teamId = context.teamId ?? body.team_id;
  try {
    if (await evidenceShareOf(ctx, teamId, event)) return; // evidence files: events/attach-evidence.ts
    if (!m.direct && !(m.threadTs && (await isSchedulerThread(ctx.deps, teamId, m.channel, m.threadTs)))) return;
    await handle(client, ctx, teamId, m);
  } catch (err) {
    ctx.logger.error({ err, channel: m.channel, ts: m.ts }, 'could not answer a chat reply');
  }
}

/**
 * At start: replies stored but never answered (the process died in between, after Slack's event had been
 * acknowledged, so Slack will not send it again) are handled again from what was stored: a recorded one is
 * answered as recorded, a pending one decided and answered. A reply another process is still answering (its
 * lease not lapsed) is left to it.
 */
export async function resumeChatReplies(client: WebClient, ctx: SlackContext): Promise<number> {
  const replies = await unansweredReplies(ctx.deps);
  for (const r of replies) {
    // A DM's channel ID starts with D; a reply elsewhere was stored only when it was in a scheduler thread.
    const m: UserMessage = {
      userId: r.userId,
      channel: r.channelId,
      ts: r.ts,
      ...(r.threadTs && { threadTs: r.threadTs }),
      text: r.text,
      direct: r.channelId.startsWith('D'),
    };
    try {
      await handle(client, ctx, r.teamId, m);
    } catch (err) {
      ctx.logger.error({ err, channel: r.channelId, ts: r.ts }, 'could not answer a stored chat reply');
    }
  }
  if (replies.length) ctx.logger.info({ count: replies.length }, 'answered chat replies stored before a restart');
  return replies.length;
}
