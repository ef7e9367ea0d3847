import type { WebClient } from '@slack/web-api';
import { requestCopies } from '../../services/request-copies.js';
import type { SlackContext } from '../context.js';
import { renderDecision } from '../refresh/card.js';

/** Re-renders the other leaders' copies with the decision, each in its reader's language. Never throws. */
export async function updateRequestCopies(
  client: WebClient,
  ctx: SlackContext,
  request: { teamId: string; requestId: number; key: string; except?: { channel?: string; ts?: string } },
): Promise<void> {
  const copies = await requestCopies(ctx.deps, request.teamId, request.requestId);
  const { except } = request;
  await Promise.all(
    copies.map(async ({ recipient, channelId, slackTs }) => {
      if (!channelId || !slackTs || (channelId === except?.channel && slackTs === except?.ts)) return;
      try {
        const lang = await ctx.locale.forUser(client, recipient);
        const message = await renderDecision(ctx, request.teamId, request.key, lang);
        if (message)
          await client.chat.update({ channel: channelId, ts: slackTs, text: message.text, blocks: message.blocks });
      } catch (error) {
        ctx.logger.warn(
          { err: error, leader: recipient, key: request.key },
          'could not update a leader’s copy of a closeout request',
        );
      }
    }),
  );
}
