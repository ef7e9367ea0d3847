import type { Actor } from '../../../domain/types.js';
import { approveCloseout, markNotRectifiable } from '../../../services/closeout.js';
import { owedDecision } from '../../notify/decision.js';
import { parseLongTerm } from '../../parsers/long-term.js';
import { typedReason, validReason } from '../../parsers/return-reason.js';
import { parseViewValues } from '../../parsers/view-state.js';
import { REASON_INPUT } from '../../blocks/closeout-decision.js';
import { onDecision } from './support/on-decision.js';

/** *Approve, long-term*: mechanisms and follow-up date checked inline, then the request is approved. */
export const saveLongTerm = onDecision('outcome modal', ({ ctx, view }, tr, meta) => {
  const parsed = parseLongTerm(tr, parseViewValues(view.state.values));
  if (!parsed.ok) return parsed;
  const longTerm = parsed.data;
  const decide = (actor: Actor) =>
    approveCloseout(ctx.deps, actor, meta.requestId, owedDecision(ctx), { viewId: view.id, longTerm });
  return { ok: true, data: { typed: longTerm.mechanisms.join('\n'), decide } };
});

/** *Not rectifiable*: a reason is required (inline), then the decision is saved; the problem stays open. */
export const saveNotRectifiable = onDecision('outcome modal', ({ ctx, view }, tr, meta) => {
  const typed = typedReason(view.state.values);
  const reason = validReason(typed);
  if (reason === null) return { ok: false, errors: { [REASON_INPUT.block]: tr('error.reason_required') } };
  const decide = (actor: Actor) =>
    markNotRectifiable(ctx.deps, actor, meta.requestId, reason, owedDecision(ctx), { viewId: view.id });
  return { ok: true, data: { typed, decide } };
});
