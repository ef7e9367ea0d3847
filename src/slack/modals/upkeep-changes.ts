import type { WebClient } from '@slack/web-api';
import { localDate } from '../../domain/cycle.js';
import { effectiveDeadline } from '../../domain/problem-state.js';
import type { Actor, Language } from '../../domain/types.js';
import { languageFromLocale, translator } from '../../i18n/index.js';
import { reassignmentMessages, reopenMessages, type ProblemChange } from '../../jobs/follow-ups.js';
import { getBoard } from '../../services/boards.js';
import { reopenProblem } from '../../services/closeout.js';
import { restoreProblem, withdrawProblem } from '../../services/problem-changes.js';
import { reassignProblem } from '../../services/problems.js';
import type { SlackContext } from '../context.js';
import { refreshHomesLater } from '../refresh/homes.js';

/**
 * Leaders' one-step changes (from a command, a modal or the card's menu): the service does the change,
 * the people concerned are told through the durable follow-up path, Homes are refreshed, and the
 * confirmation for the leader comes back as text.
 */
export interface ChangeArgs {
  ctx: SlackContext;
  client: WebClient;
  actor: Actor;
  lang: Language;
  key: string;
}

type Changed = { key: string; title: string; ownerId: string; deadline: string | null; version: number };

async function changeOf(a: ChangeArgs, p: Changed, note: string): Promise<ProblemChange> {
  const board = await getBoard(a.ctx.deps, a.actor.teamId, p.key.slice(0, p.key.lastIndexOf('-')));
  return {
    teamId: a.actor.teamId,
    boardId: board.id,
    board: {
      code: board.code,
      name: board.name,
      timezone: board.timezone,
      language: languageFromLocale(board.language) ?? 'en',
    },
    today: localDate(a.ctx.deps.clock.now(), board.timezone),
    key: p.key,
    title: p.title,
    version: p.version,
    by: a.actor.userId,
    ownerId: p.ownerId,
    deadline: effectiveDeadline(p, board),
    note,
  };
}

/** Gives the problem to `ownerId`; both owners are told by DM. */
export async function reassignAndTell(a: ChangeArgs, ownerId: string, note: string): Promise<string> {
  const tr = translator(a.lang);
  const { before, after, changed } = await reassignProblem(a.ctx.deps, a.actor, a.key, ownerId, note);
  if (!changed) return tr('upkeep.reassign.same', { key: after.key, owner: after.ownerId });
  await tellOwners(a, reassignmentMessages(await changeOf(a, after, note), before.ownerId));
  refreshHomesLater(a.client, a.ctx, a.actor.teamId, [before.ownerId, after.ownerId]);
  return tr('upkeep.reassign.done', { key: after.key, owner: after.ownerId, previous: before.ownerId });
}

/** Reopens a closed problem; its owner is told. */
export async function reopenAndTell(a: ChangeArgs, reason: string): Promise<string> {
  const after = await reopenProblem(a.ctx.deps, a.actor, a.key, reason);
  await tellOwners(a, reopenMessages(await changeOf(a, after, reason)));
  refreshHomesLater(a.client, a.ctx, a.actor.teamId, [after.ownerId]);
  return translator(a.lang)('upkeep.reopen.done', { key: after.key, owner: after.ownerId });
}

export async function withdraw(a: ChangeArgs, reason: string): Promise<string> {
  const after = await withdrawProblem(a.ctx.deps, a.actor, a.key, reason);
  refreshHomesLater(a.client, a.ctx, a.actor.teamId, [after.ownerId, a.actor.userId]);
  return translator(a.lang)('upkeep.withdraw.done', { key: after.key });
}

export async function restore(a: ChangeArgs): Promise<string> {
  const tr = translator(a.lang);
  const after = await restoreProblem(a.ctx.deps, a.actor, a.key);
  refreshHomesLater(a.client, a.ctx, a.actor.teamId, [after.ownerId, a.actor.userId]);
  return tr('upkeep.restore.done', { key: after.key, status: tr(`status.${after.status}`) });
}

/** The owners' DMs, recorded and sent through the delivery ledger (retried by the scheduler if need be). */
async function tellOwners(a: ChangeArgs, messages: Parameters<SlackContext['followUps']['deliver']>[0]) {
  await a.ctx.followUps.deliver(messages);
}
