import type { WebClient } from '@slack/web-api';
import { effectiveDeadline } from '../../domain/problem-state.js';
import type { Actor, Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { reassignmentMessages, reopenMessages, type ProblemChange } from '../../jobs/outbox/follow-ups.js';
import { owedOn } from '../../jobs/outbox/notify-messages.js';
import { deliveryRow } from '../../jobs/types.js';
import { reopenProblem } from '../../services/closeout.js';
import type { OwedBoard } from '../../services/deliveries.js';
import { restoreProblem, withdrawProblem } from '../../services/problem-changes.js';
import { reassignProblem, type ChangedProblem } from '../../services/problem-changes.js';
import type { SlackContext } from '../context.js';
import { refreshHomesLater } from '../refresh/homes.js';

/**
 * Leaders' one-step changes (from a command, a modal or the card's menu): the service does the change and
 * records, in the same transaction, the DMs the people concerned are owed (sent once it committed, through
 * the durable follow-up path); Homes are refreshed, and the confirmation for the leader comes back as text.
 */
interface ChangeArgs {
  ctx: SlackContext;
  client: WebClient;
  actor: Actor;
  lang: Language;
  key: string;
}

function changeOf(a: ChangeArgs, p: ChangedProblem, note: string, board: OwedBoard, now: Date): ProblemChange {
  return {
    ...owedOn(a.actor.teamId, board, now),
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
  const now = change.ctx.deps.clock.now();
  const { before, after, changed } = await reassignProblem(
    change.ctx.deps,
    change.actor,
    change.key,
    ownerId,
    note,
    (c, board) => reassignmentMessages(changeOf(change, c.after, note, board, now), c.before.ownerId).map(deliveryRow),
  );
  if (!changed) return tr('changes.reassign.same', { key: after.key, owner: after.ownerId });
  change.ctx.followUps.kick();
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [before.ownerId, after.ownerId]);
  return tr('changes.reassign.done', { key: after.key, owner: after.ownerId, previous: before.ownerId });
}

/** Reopens a closed problem; its owner is told. */
export async function reopenAndTell(change: ChangeArgs, reason: string): Promise<string> {
  const now = change.ctx.deps.clock.now();
  const after = await reopenProblem(change.ctx.deps, change.actor, change.key, reason, (p, board) =>
    reopenMessages(changeOf(change, p, reason, board, now)).map(deliveryRow),
  );
  change.ctx.followUps.kick();
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [after.ownerId]);
  return translator(change.lang)('changes.reopen.done', { key: after.key, owner: after.ownerId });
}

export async function withdraw(change: ChangeArgs, reason: string): Promise<string> {
  const after = await withdrawProblem(change.ctx.deps, change.actor, change.key, reason);
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [after.ownerId, change.actor.userId]);
  return translator(change.lang)('changes.withdraw.done', { key: after.key });
}

export async function restore(change: ChangeArgs): Promise<string> {
  const tr = translator(change.lang);
  const after = await restoreProblem(change.ctx.deps, change.actor, change.key);
  refreshHomesLater(change.client, change.ctx, change.actor.teamId, [after.ownerId, change.actor.userId]);
  return tr('changes.restore.done', { key: after.key, status: tr(`status.${after.status}`) });
}
