import { boardLanguage } from '../../i18n/index.js';
import { closeoutRequestMessages, owedOn } from '../../jobs/notify-messages.js';
import type { SlackContext } from '../context.js';
import type { ProblemDetail } from '../refresh/card.js';
import { closeoutRequestData } from '../views/closeout-request.js';

/**
 * Owes each decider a copy of a new closeout request, with Approve and Return: recorded as keyed
 * deliveries before this resolves, then sent (each in its reader's language), retried while Slack fails,
 * and shown to leaders if it cannot go. A decision finds every copy by its key to show the decision on it.
 */
export async function sendCloseoutRequest(
  ctx: SlackContext,
  deciders: string[],
  problem: ProblemDetail,
  request: { id: number; requestedBy: string; createdAt: Date; evidence: string },
): Promise<void> {
  const now = ctx.deps.clock.now();
  const { board } = problem;
  const data = closeoutRequestData(problem, request, { lang: boardLanguage(board.language), now });
  await ctx.followUps.deliver(
    closeoutRequestMessages(owedOn(problem.teamId, board, now), deciders, {
      requestId: request.id,
      key: data.key,
      title: data.title,
      ownerId: data.ownerId,
      requestedBy: data.requestedBy,
      requestedAt: data.requestedAt.toISOString(),
      evidence: data.evidence,
      deadline: data.deadline,
      percent: data.percent,
      measures: data.measures,
    }),
  );
}
