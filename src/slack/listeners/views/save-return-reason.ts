import type { Actor } from '../../../domain/types.js';
import { returnCloseout } from '../../../services/closeout.js';
import { owedDecision } from '../../notify/decision.js';
import { typedReason, validReason } from '../../parsers/return-reason.js';
import { REASON_INPUT } from '../../blocks/closeout-decision.js';
import { onDecision } from './support/on-decision.js';

/**
 * The Return modal's submission: a blank reason is refused inline (nothing saved); otherwise the request
 * is returned, the clicked message updated and the owner told why. If another leader decided first, the
 * leader is told who, with the reason they typed so nothing is lost.
 */
export const saveReturnReason = onDecision('Return modal', ({ ctx, view }, tr, meta) => {
  const typed = typedReason(view.state.values);
  const reason = validReason(typed);
  if (reason === null) return { ok: false, errors: { [REASON_INPUT.block]: tr('error.reason_required') } };
  const decide = (actor: Actor) =>
    returnCloseout(ctx.deps, actor, meta.requestId, reason, owedDecision(ctx), { viewId: view.id });
  return { ok: true, data: { typed, decide } };
});
