import type { WebClient } from '@slack/web-api';
import type { Actor, Language, ProblemStatus } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { boardsLedBy } from '../../services/boards.js';
import { listProblems, type ListView } from '../../services/queries.js';
import type { SlackContext } from '../context.js';
import { changePickModal } from '../blocks/modals/pick-problem.js';
import { changeView, type ChangeModal } from './change-views.js';

/** Problems offered by the picker, per command: what the command can act on. */
const PICKABLE: Record<ChangeModal | 'restore', { view: ListView; status?: ProblemStatus }> = {
  edit: { view: 'all' },
  reassign: { view: 'open' },
  measures: { view: 'open' },
  reopen: { view: 'closed' },
  withdraw: { view: 'all' },
  restore: { view: 'all', status: 'withdrawn' },
};

const PICK_MAX = 100;

export interface OpenChangeArgs {
  ctx: SlackContext;
  client: WebClient;
  triggerId: string;
  actor: Actor;
  lang: Language;
  channel?: string;
}

/** Opens the change's modal for a problem; throws DomainError when the user may not make it. */
export async function openChangeModal(which: ChangeModal, key: string, opening: OpenChangeArgs, note?: string) {
  const view = await changeView(which, {
    ctx: opening.ctx,
    actor: opening.actor,
    lang: opening.lang,
    key,
    ...(opening.channel && { channel: opening.channel }),
    ...(note && { note }),
  });
  await opening.client.views.open({ trigger_id: opening.triggerId, view });
}

/**
 * A command typed without a key: "which problem?" among those of the boards the user leads (their own
 * problems for an owner's edit or measures). Returns false when there is nothing to pick from.
 */
export async function openChangePicker(which: ChangeModal | 'restore', opening: OpenChangeArgs): Promise<boolean> {
  const { view, status } = PICKABLE[which];
  const boards = await boardsLedBy(opening.ctx.deps, opening.actor);
  const ownerMay = which === 'edit' || which === 'measures';
  const filters = boards.length
    ? boards.map((b) => ({ teamId: opening.actor.teamId, view, boardCode: b.code, ...(status && { status }) }))
    : ownerMay
      ? [{ teamId: opening.actor.teamId, view: 'mine' as const, userId: opening.actor.userId }]
      : [];
  let total = 0;
  const problems: { key: string; title: string }[] = [];
  for (const filter of filters) {
    const page = await listProblems(opening.ctx.deps, filter, { offset: 0, limit: PICK_MAX });
    total += page.total;
    problems.push(...page.items.map((p) => ({ key: p.key, title: p.title })));
  }
  if (problems.length === 0) return false;
  const modal = changePickModal(translator(opening.lang), {
    sub: which,
    problems: problems.slice(0, PICK_MAX),
    total,
    metadata: { lang: opening.lang, ...(opening.channel && { channel: opening.channel }) },
  });
  await opening.client.views.open({ trigger_id: opening.triggerId, view: modal });
  return true;
}
