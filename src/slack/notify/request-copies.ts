import type { WebClient } from '@slack/web-api';
import type { Language } from '../../domain/types.js';
import { getProblemDetail } from '../../services/problems.js';
import { requestCopies } from '../../services/request-copies.js';
import type { SlackContext } from '../context.js';
import { decisionFrom, type ProblemDetail, type RenderedMessage } from '../refresh/card.js';

/**
 * Re-renders the other leaders' copies with the decision, each in its reader's language. The problem is
 * read once (or not at all when the caller has it), and each language rendered once. Never throws.
 */
export async function updateRequestCopies(
  client: WebClient,
  ctx: SlackContext,
  request: {
    teamId: string;
    requestId: number;
    key: string;
    except?: { channel?: string; ts?: string };
    detail?: ProblemDetail;
  },
): Promise<void> {
  const copies = await requestCopies(ctx.deps, request.teamId, request.requestId);
  const { except } = request;
  let detail: Promise<ProblemDetail> | undefined = request.detail && Promise.resolve(request.detail);
  const rendered = new Map<Language, RenderedMessage | null>();
  const render = async (lang: Language) => {
    if (!rendered.has(lang)) {
      detail ??= getProblemDetail(ctx.deps, request.teamId, request.key, 0);
      rendered.set(lang, decisionFrom(ctx, await detail, lang));
    }
    return rendered.get(lang) ?? null;
  };
  await Promise.all(
    copies.map(async ({ recipient, channelId, slackTs }) => {
      if (!channelId || !slackTs || (channelId === except?.channel && slackTs === except?.ts)) return;
      try {
        const lang = await ctx.locale.forUser(client, recipient);
        const message = await render(lang);
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
