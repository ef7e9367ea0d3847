import type { Actor } from '../../domain/types.js';
import { assignedMessage, owedOn } from '../../jobs/outbox/notify-messages.js';
import { deliveryRow } from '../../jobs/types.js';
import type { Owed } from '../../services/deliveries.js';
import type { CreatedProblem } from '../../services/problems.js';
import type { SlackContext } from '../context.js';

/**
 * A new problem's owner (when someone else created it) is owed a DM, in their language: handed to
 * createProblem, which records it with the problem itself, so a Slack outage or a crash delays it but never
 * loses it.
 */
export function owedAssigned(ctx: SlackContext, creator: Actor): Owed<CreatedProblem> {
  const now = ctx.deps.clock.now();
  return (problem, board) =>
    problem.ownerId === creator.userId
      ? []
      : [
          deliveryRow(
            assignedMessage(owedOn(creator.teamId, board, now), problem.ownerId, {
              key: problem.key,
              title: problem.title,
              assignedBy: creator.userId,
              deadline: problem.deadline ?? board.deadline,
              unit: problem.unit,
              measures: problem.measures.map((m) => m.text),
            }),
          ),
        ];
}
