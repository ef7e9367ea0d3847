import type { ServiceDeps } from './deps.js';

const keyPrefix = (requestId: number) => `closeout-request:${requestId}:`;

/**
 * Each leader's DM copy of a closeout request is remembered (as a sent delivery), so that once one leader
 * decides, every other copy shows the decision instead of live Approve/Return buttons.
 */
export async function recordRequestCopy(
  deps: Pick<ServiceDeps, 'db'>,
  copy: { teamId: string; requestId: number; boardId: number; userId: string },
  landed: { channelId: string; ts: string },
): Promise<void> {
  const now = new Date();
  await deps.db.delivery.upsert({
    where: { dedupeKey: `${keyPrefix(copy.requestId)}${copy.userId}` },
    create: {
      teamId: copy.teamId,
      dedupeKey: `${keyPrefix(copy.requestId)}${copy.userId}`,
      job: 'closeout-request',
      boardId: copy.boardId,
      recipient: copy.userId,
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

/** Where each leader's copy of a request landed. */
export async function requestCopies(deps: Pick<ServiceDeps, 'db'>, teamId: string, requestId: number) {
  return deps.db.delivery.findMany({
    where: { teamId, dedupeKey: { startsWith: keyPrefix(requestId) } },
    select: { recipient: true, channelId: true, slackTs: true },
  });
}
