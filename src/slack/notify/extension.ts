import { extensionDecisionMessage, extensionRequestMessages } from '../../jobs/outbox/extension-messages.js';
import { owedOn } from '../../jobs/outbox/notify-messages.js';
import { deliveryRow } from '../../jobs/types.js';
import type { Owed } from '../../services/deliveries.js';
import type { DecidedExtension, RequestedExtension } from '../../services/extensions.js';
import type { SlackContext } from '../context.js';
import { decidersOf } from './closeout-request.js';

/** Each decider's DM with the request for more time (Approve / Refuse), recorded with the request. */
export function owedExtensionRequest(ctx: SlackContext): Owed<RequestedExtension> {
  const now = ctx.deps.clock.now();
  return ({ request, problem, leaderIds }, board) =>
    extensionRequestMessages(owedOn(problem.teamId, board, now), decidersOf(ctx, leaderIds), {
      requestId: request.id,
      key: problem.key,
      title: problem.title,
      requestedBy: request.requestedBy,
      fromDate: request.fromDate,
      toDate: request.toDate,
      reason: request.reason,
    }).map(deliveryRow);
}

/** The owner's DM with the decision, recorded with it. */
export function owedExtensionDecision(ctx: SlackContext): Owed<DecidedExtension> {
  const now = ctx.deps.clock.now();
  return ({ request, problem }, board) => [
    deliveryRow(
      extensionDecisionMessage(owedOn(problem.teamId, board, now), problem.ownerId, {
        requestId: request.id,
        key: problem.key,
        title: problem.title,
        state: request.state,
        decidedBy: request.decidedBy,
        toDate: request.toDate,
      }),
    ),
  ];
}
