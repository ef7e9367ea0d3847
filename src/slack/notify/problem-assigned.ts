import type { Actor } from '../../domain/types.js';
import { assignedMessage, owedOn } from '../../jobs/notify-messages.js';
import type { SlackContext } from '../context.js';

interface AssignedProblem {
  key: string;
  title: string;
  ownerId: string;
  deadline: string | null;
  unit: string | null;
  measures: { text: string }[];
}

interface AssignedBoard {
  id: number;
  code: string;
  name: string;
  timezone: string;
  language: string | null;
  deadline: string | null;
}

/**
 * A new problem's owner (when someone else created it) is owed a DM, in their language: recorded as a keyed
 * delivery before this resolves, so a Slack outage or a restart delays it but never loses it.
 */
export async function tellOwnerAssigned(
  ctx: SlackContext,
  creator: Actor,
  problem: AssignedProblem,
  board: AssignedBoard,
): Promise<void> {
  if (problem.ownerId === creator.userId) return;
  await ctx.followUps.deliver([
    assignedMessage(owedOn(creator.teamId, board, ctx.deps.clock.now()), problem.ownerId, {
      key: problem.key,
      title: problem.title,
      assignedBy: creator.userId,
      deadline: problem.deadline ?? board.deadline,
      unit: problem.unit,
      measures: problem.measures.map((m) => m.text),
    }),
  ]);
}
