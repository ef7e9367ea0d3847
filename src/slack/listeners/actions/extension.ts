import { localDate } from '../../../domain/cycle.js';
import { effectiveDeadline } from '../../../domain/problem-state.js';
import { decideExtension, extensionRequestOf } from '../../../services/extensions.js';
import { requireOwnerOrLeaderNow } from '../../../services/access.js';
import { ensureNotClosed, getProblemDetail } from '../../../services/problems.js';
import { owedExtensionDecision } from '../../notify/extension.js';
import { requireKeyValue, requireRequestIdValue } from '../../parsers/block-action.js';
import { encodeMetadata } from '../../parsers/modal-metadata.js';
import { extensionModal, extensionRequestBlocks, extensionRequestText } from '../../blocks/extension.js';
import type { ClickContext } from './support/on-click.js';

/** *Request more time* on a card or prompt: the modal for the new date and the reason opens. */
export async function requestMoreTime({ ctx, click, actor, lang, tr, client }: ClickContext): Promise<void> {
  const key = requireKeyValue(click.value);
  const problem = await getProblemDetail(ctx.deps, actor.teamId, key);
  await requireOwnerOrLeaderNow(ctx.deps, actor, problem);
  ensureNotClosed(problem);
  const channel = click.container.kind === 'message' ? click.container.channel : undefined;
  await client.views.open({
    trigger_id: click.triggerId,
    view: extensionModal(tr, {
      key: problem.key,
      title: problem.title,
      deadline: effectiveDeadline(problem, problem.board),
      today: localDate(ctx.deps.clock.now(), problem.board.timezone),
      lang,
      metadata: encodeMetadata({ lang, key: problem.key, ...(channel && { channel }) }),
    }),
  });
}

/**
 * *Approve* / *Refuse* on a leader's DM: decided once (separation of duties, first decision wins), the owner
 * told through the outbox, the clicked message re-rendered with the decision.
 */
async function decide(clicked: ClickContext, approve: boolean): Promise<void> {
  const { ctx, click, actor, lang, tr, client } = clicked;
  const requestId = requireRequestIdValue(click.value);
  await decideExtension(ctx.deps, actor, requestId, approve, owedExtensionDecision(ctx));
  ctx.followUps.kick();
  const request = await extensionRequestOf(ctx.deps, actor.teamId, requestId);
  if (!request || click.container.kind !== 'message' || !click.container.ts) return;
  const view = {
    requestId,
    key: request.problem.key,
    title: request.problem.title,
    requestedBy: request.requestedBy,
    fromDate: request.fromDate,
    toDate: request.toDate,
    reason: request.reason,
    today: request.toDate,
    lang,
    decision: { state: approve ? ('approved' as const) : ('refused' as const), by: actor.userId },
  };
  await client.chat.update({
    channel: click.container.channel,
    ts: click.container.ts,
    text: extensionRequestText(tr, view),
    blocks: extensionRequestBlocks(tr, view),
  });
}

export const approveExtension = (clicked: ClickContext) => decide(clicked, true);
export const refuseExtension = (clicked: ClickContext) => decide(clicked, false);
