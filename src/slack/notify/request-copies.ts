import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/client.js';
import type { SlackContext } from '../context.js';
import { renderDecision } from '../refresh/card.js';

const keyPrefix = (requestId: number) => `closeout-request:${requestId}:`;

/**
 * Each leader's DM copy of a closeout request is remembered (as a sent delivery), so that once one leader
 * decides, every other copy shows the decision instead of live Approve/Return buttons.
 */
export async function recordRequestCopy(
  db: Db,
  r: { teamId: string; requestId: number; boardId: number; userId: string },
  landed: { channelId: string; ts: string },
): Promise<void> {
  const now = new Date();
  await db.delivery.upsert({
    where: { dedupeKey: `${keyPrefix(r.requestId)}${r.userId}` },
    create: {
      teamId: r.teamId,
      dedupeKey: `${keyPrefix(r.requestId)}${r.userId}`,
      job: 'closeout-request',
      boardId: r.boardId,
      recipient: r.userId,
      state: 'sent',
      attempts: 1,
      channelId: landed.channelId,
      slackTs: landed.ts,
      // No problem keys: a leader chatting in this DM's thread is not reporting progress.
      problemKeys: '[]',
      sentAt: now,
    },
    update: { channelId: landed.channelId, slackTs: landed.ts, sentAt: now },
  });
}

/** Re-renders the other leaders' copies with the decision, each in its reader's language. Never throws. */
export async function updateRequestCopies(
  client: WebClient,
  ctx: SlackContext,
  a: { teamId: string; requestId: number; key: string; except?: { channel?: string; ts?: string } },
): Promise<void> {
  const copies = await ctx.deps.db.delivery.findMany({
    where: { teamId: a.teamId, dedupeKey: { startsWith: keyPrefix(a.requestId) } },
  });
  await Promise.all(
    copies
      .filter((c) => c.channelId && c.slackTs && !(c.channelId === a.except?.channel && c.slackTs === a.except?.ts))
      .map(async (c) => {
        try {
          const lang = await ctx.locale.forUser(client, c.recipient);
          const message = await renderDecision(ctx, a.teamId, a.key, lang);
          if (message)
            await client.chat.update({
              channel: c.channelId!,
              ts: c.slackTs!,
              text: message.text,
              blocks: message.blocks,
            });
        } catch (error) {
          ctx.logger.warn(
            { err: error, leader: c.recipient, key: a.key },
            'could not update a leader’s copy of a closeout request',
          );
        }
      }),
  );
}
