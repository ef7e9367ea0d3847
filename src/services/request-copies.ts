import type { ServiceDeps } from './deps.js';

const keyPrefix = (requestId: number) => `closeout-request:${requestId}:`;

/**
 * Each decider's DM copy of a closeout request is a keyed delivery (jobs/outbox/notify-messages.ts): once one
 * leader decides, every other copy is found by this key and shows the decision instead of live buttons.
 */
export function requestCopyKey(requestId: number, leader: string): string {
  return `${keyPrefix(requestId)}${leader}`;
}

/** Where each leader's copy of a request landed (copies not sent yet have no channel and ts). */
export async function requestCopies(deps: Pick<ServiceDeps, 'db'>, teamId: string, requestId: number) {
  return deps.db.delivery.findMany({
    where: { teamId, dedupeKey: { startsWith: keyPrefix(requestId) } },
    select: { recipient: true, channelId: true, slackTs: true },
  });
}
