import type { WebClient } from '@slack/web-api';
import { translator } from '../../i18n/index.js';
import { recordRequestCopy } from '../../services/request-copies.js';
import type { SlackContext } from '../context.js';
import type { ProblemDetail } from '../refresh/card.js';
import { closeoutRequestBlocks, closeoutRequestData, closeoutRequestText } from '../views/closeout-request.js';

/**
 * Sends a new closeout request to each decider in their own language, with Approve and Return, and
 * remembers each copy so a decision can update them all. Returns who actually got it.
 */
export async function sendCloseoutRequest(
  client: WebClient,
  ctx: SlackContext,
  deciders: string[],
  problem: ProblemDetail,
  request: { id: number; requestedBy: string; createdAt: Date; evidence: string },
): Promise<string[]> {
  const now = ctx.deps.clock.now();
  const sent = await Promise.all(
    deciders.map(async (userId) => {
      const lang = await ctx.locale.forUser(client, userId, problem.board.language);
      const data = closeoutRequestData(problem, request, { lang, now });
      const tr = translator(lang);
      try {
        const posted = await client.chat.postMessage({
          channel: userId,
          text: closeoutRequestText(tr, data),
          blocks: closeoutRequestBlocks(tr, data),
        });
        if (posted.channel && posted.ts) {
          await recordRequestCopy(
            ctx.deps,
            { teamId: problem.teamId, requestId: request.id, boardId: problem.boardId, userId },
            { channelId: posted.channel, ts: posted.ts },
          );
        }
        return userId;
      } catch (error) {
        ctx.logger.warn({ err: error, userId, key: problem.key }, 'could not send a closeout request to a leader');
        return null;
      }
    }),
  );
  return sent.filter((user): user is string => user !== null);
}
