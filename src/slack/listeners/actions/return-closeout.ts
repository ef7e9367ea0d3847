import { conflict } from '../../../domain/errors.js';
import { requestForLeader } from '../../../services/closeout-requests.js';
import { showExistingDecision } from '../../notify/decision.js';
import { originOf, requireRequestIdValue } from '../../parsers/block-action.js';
import { encodeReturnMetadata } from '../../parsers/return-reason.js';
import { returnReasonModal } from '../../blocks/closeout-decision.js';
import type { ClickContext } from './support/on-click.js';

/**
 * *Return* on a closeout request: the modal asking why opens (the decision is saved on its submission,
 * views/save-return-reason.ts). A request already decided is shown with its decision instead.
 */
export async function returnCloseout({ ctx, click, actor, lang, tr, client }: ClickContext): Promise<void> {
  const requestId = requireRequestIdValue(click.value);
  const origin = originOf(click, 'request');
  // Refuse before the leader types a reason that could not be used (the service checks again on submit).
  const request = await requestForLeader(ctx.deps, actor, requestId);
  if (request.state !== 'pending') {
    await showExistingDecision({ client, ctx, actor, lang, origin, requestId });
    throw conflict('error.already_decided', { state: request.state, user: request.decidedBy ?? '?' });
  }
  const metadata = encodeReturnMetadata({ requestId, lang, origin });
  await client.views.open({
    trigger_id: click.triggerId,
    view: returnReasonModal(tr, {
      key: request.problem.key,
      title: request.problem.title,
      ownerId: request.problem.ownerId,
      metadata,
    }),
  });
}
