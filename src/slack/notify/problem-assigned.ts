import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import type { SlackContext } from '../context.js';
import { problemAssignedBlocks, problemAssignedText } from '../views/problem-assigned.js';

interface AssignedProblem {
  key: string;
  title: string;
  ownerId: string;
  deadline: string | null;
  unit: string | null;
  measures: { text: string }[];
}

/** A new problem's owner (when someone else created it) is told by DM, in their language; never throws. */
export async function tellOwnerAssigned(
  client: WebClient,
  ctx: SlackContext,
  creator: Actor,
  problem: AssignedProblem,
  board: { name: string; language: string | null; deadline: string | null },
  today: string,
): Promise<void> {
  if (problem.ownerId === creator.userId) return;
  const lang = await ctx.locale.forUser(client, problem.ownerId, board.language);
  const tr = translator(lang);
  const data = {
    key: problem.key,
    title: problem.title,
    boardName: board.name,
    assignedBy: creator.userId,
    deadline: problem.deadline ?? board.deadline,
    today,
    unit: problem.unit,
    measures: problem.measures.map((m) => m.text),
    lang,
  };
  await client.chat
    .postMessage({
      channel: problem.ownerId,
      text: problemAssignedText(tr, data),
      blocks: problemAssignedBlocks(tr, data),
    })
    .catch((error: unknown) =>
      ctx.logger.warn({ err: error, key: problem.key }, 'could not tell the owner about a new problem'),
    );
}
