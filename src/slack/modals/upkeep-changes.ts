import type { WebClient } from '@slack/web-api';
import { effectiveDeadline } from '../../domain/problem-state.js';
import type { Actor, Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { reassignmentMessages, reopenMessages, type ProblemChange } from '../../jobs/follow-ups.js';
import { owedOn } from '../../jobs/notify-messages.js';
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
    ...owedOn(a.actor.teamId, board, a.ctx.deps.clock.now()),
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
export async function reassignAndTell(change: ChangeArgs, ownerId: string, note: string): Promise<string> {
  const tr = translator(change.lang);
  const { before, after, changed } = await reassignProblem(change.ctx.deps, change.actor, change.key, ownerId, note);
  if (!changed) return tr('upkeep.reassign.same', { key: after.key, owner: after.ownerId });
  await tellOwners(change, reassignmentMessages(await changeOf(change, after, note), before.ownerId));
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [before.ownerId, after.ownerId]);
  return tr('upkeep.reassign.done', { key: after.key, owner: after.ownerId, previous: before.ownerId });
}

/** Reopens a closed problem; its owner is told. */
export async function reopenAndTell(change: ChangeArgs, reason: string): Promise<string> {
  const after = await reopenProblem(change.ctx.deps, change.actor, change.key, reason);
  await tellOwners(change, reopenMessages(await changeOf(change, after, reason)));
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [after.ownerId]);
  return translator(change.lang)('upkeep.reopen.done', { key: after.key, owner: after.ownerId });
}

export async function withdraw(change: ChangeArgs, reason: string): Promise<string> {
  const after = await withdrawProblem(change.ctx.deps, change.actor, change.key, reason);
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [after.ownerId, change.actor.userId]);
  return translator(change.lang)('upkeep.withdraw.done', { key: after.key });
}

export async function restore(change: ChangeArgs): Promise<string> {
  const tr = translator(change.lang);
  const after = await restoreProblem(change.ctx.deps, change.actor, change.key);
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [after.ownerId, change.actor.userId]);
  return tr('upkeep.restore.done', { key: after.key, status: tr(`status.${after.status}`) });
}

/** The owners' DMs, recorded and sent through the delivery ledger (retried by the scheduler if need be). */
async function tellOwners(a: ChangeArgs, messages: Parameters<SlackContext['followUps']['deliver']>[0]) {
  await a.ctx.followUps.deliver(messages);
}
