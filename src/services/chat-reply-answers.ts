import type { ServiceDeps } from './deps.js';

/**
 * A chat reply's answer is owed until the bot has posted it. The reply is stored first (services/
 * chat-replies.ts); if the process dies before answering, Slack's retry of the event, or the next start,
 * answers it. The answer is claimed for a lease so two deliveries of one message answer it once.
 */

/**
 * How long the handler of a reply has to answer it before a redelivered event or a restart may answer it
 * instead (its process died between storing the reply and answering it).
 */
export const ANSWER_LEASE_MS = 30_000;

/** Takes the answer of a stored reply: unanswered, and nobody answering it within the lease. */
export async function claimAnswer(deps: ServiceDeps, replyId: number): Promise<boolean> {
  const now = deps.clock.now();
  const { count } = await deps.db.chatReply.updateMany({
    where: {
      id: replyId,
      answeredAt: null,
      OR: [{ answerClaimedAt: null }, { answerClaimedAt: { lt: new Date(now.getTime() - ANSWER_LEASE_MS) } }],
    },
    data: { answerClaimedAt: now },
  });
  return count > 0;
}

/** The bot answered the reply (or saw that nothing needed saying): a redelivery of it is a duplicate now. */
export async function markAnswered(deps: ServiceDeps, replyId: number): Promise<void> {
  await deps.db.chatReply.update({ where: { id: replyId }, data: { answeredAt: deps.clock.now() } });
}

/**
 * Replies stored but never answered, whose handler's lease has lapsed (its process died): to be handled
 * again at start, oldest first, a bounded number at a time.
 */
export async function unansweredReplies(deps: ServiceDeps, take = 100) {
  const lapsed = new Date(deps.clock.now().getTime() - ANSWER_LEASE_MS);
  return deps.db.chatReply.findMany({
    where: { answeredAt: null, OR: [{ answerClaimedAt: null }, { answerClaimedAt: { lt: lapsed } }] },
    select: { teamId: true, userId: true, channelId: true, ts: true, threadTs: true, text: true },
    orderBy: { id: 'asc' },
    take,
  });
}
