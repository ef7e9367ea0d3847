import { boardLanguage } from '../../i18n/index.js';
import { closeoutRequestMessages, owedOn } from '../../jobs/outbox/notify-messages.js';
import { deliveryRow } from '../../jobs/types.js';
import type { RequestedCloseout } from '../../services/closeout.js';
import type { Owed } from '../../services/deliveries.js';
import type { SlackContext } from '../context.js';
import { closeoutRequestData } from '../blocks/closeout-request.js';

/** Who decides a request: the board's leaders, or the admins when it has none. */
export function decidersOf(ctx: SlackContext, leaderIds: readonly string[]): string[] {
  return leaderIds.length > 0 ? [...leaderIds] : [...ctx.deps.admins];
}

/**
 * Each decider's copy of a new closeout request, with Approve and Return: handed to requestCloseout, which
 * records them with the request itself (then `ctx.followUps.kick()` sends them, each in its reader's
 * language; retried while Slack fails, shown to leaders if one cannot go). A decision finds every copy by
 * its key to show the decision on it.
 */
export function owedCloseoutRequest(ctx: SlackContext): Owed<RequestedCloseout> {
  const now = ctx.deps.clock.now();
  return ({ request, problem, leaderIds, deputyIds = [], measures }, board) => {
    const data = closeoutRequestData({ ...problem, board, measures }, request, {
      lang: boardLanguage(board.language),
      now,
    });
    return closeoutRequestMessages(owedOn(problem.teamId, board, now), [...decidersOf(ctx, leaderIds), ...deputyIds], {
      requestId: request.id,
      key: data.key,
      title: data.title,
      ownerId: data.ownerId,
      requestedBy: data.requestedBy,
      requestedAt: data.requestedAt.toISOString(),
      evidence: data.evidence,
      files: (data.files ?? []).map((f) => ({ name: f.name, permalink: f.permalink })),
      deadline: data.deadline,
      percent: data.percent,
      measures: data.measures,
    }).map(deliveryRow);
  };
}
