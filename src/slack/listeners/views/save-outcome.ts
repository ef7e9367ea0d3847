import { DomainError } from '../../../domain/errors.js';
import type { Actor, Language } from '../../../domain/types.js';
import { translator, type Translator } from '../../../i18n/index.js';
import { approveCloseout, markNotRectifiable } from '../../../services/closeout.js';
import { failureText, replyEphemeral } from '../../answer/ephemeral.js';
import { announceDecision, owedDecision, showExistingDecision } from '../../notify/decision.js';
import { parseLongTerm } from '../../parsers/long-term.js';
import { decodeReturnMetadata, typedReason, validReason, type ReturnMetadata } from '../../parsers/return-reason.js';
import { parseViewValues } from '../../parsers/view-state.js';
import { REASON_INPUT } from '../../blocks/closeout-decision.js';
import { mrkdwnText } from '../../blocks/limits.js';
import type { SubmittedArgs } from './support/on-submit.js';

type Decide = (actor: Actor) => ReturnType<typeof approveCloseout>;

/**
 * Saves a decision taken in a modal, then announces it like Approve and Return do. A refusal (someone
 * decided first, separation of duties) is told to the leader with what they typed, so nothing is lost.
 */
async function saveDecision(args: SubmittedArgs, meta: ReturnMetadata, typed: string, decide: Decide): Promise<void> {
  const { ctx, body, client } = args;
  const actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
  const decision = { client, ctx, actor, lang: meta.lang, origin: meta.origin, requestId: meta.requestId };
  try {
    await announceDecision(decision, await decide(actor));
  } catch (error) {
    if (error instanceof DomainError && error.key === 'error.already_decided')
      await showExistingDecision(decision).catch(() => undefined);
    const text = translator(meta.lang)('signoff.not_saved', {
      refusal: failureText(meta.lang, error, ctx.logger),
      text: mrkdwnText(typed, 2500).replace(/\n/g, '\n> '),
    });
    try {
      await replyEphemeral(
        { kind: 'post', client, channel: meta.origin.channel ?? actor.userId, user: actor.userId },
        text,
      );
    } catch (replyError) {
      ctx.logger.error({ err: replyError }, 'could not tell the leader their decision was not saved');
    }
  }
}

function metadataOf(args: SubmittedArgs): { meta: ReturnMetadata; tr: Translator } | null {
  const meta = decodeReturnMetadata(args.view.private_metadata);
  if (!meta) args.ctx.logger.warn('outcome modal submitted without readable metadata');
  return meta ? { meta, tr: translator(meta.lang satisfies Language) } : null;
}

/** *Approve, long-term*: mechanisms and follow-up date checked inline, then the request is approved. */
export async function saveLongTerm(args: SubmittedArgs): Promise<void> {
  const opened = metadataOf(args);
  if (!opened) return args.ack();
  const parsed = parseLongTerm(opened.tr, parseViewValues(args.view.state.values));
  if (!parsed.ok) return args.ack({ response_action: 'errors', errors: parsed.errors });
  await args.ack();
  const { meta } = opened;
  const typed = parsed.data.mechanisms.join('\n');
  await saveDecision(args, meta, typed, (actor) =>
    approveCloseout(args.ctx.deps, actor, meta.requestId, owedDecision(args.ctx), {
      viewId: args.view.id,
      longTerm: parsed.data,
    }),
  );
}

/** *Not rectifiable*: a reason is required (inline), then the decision is saved; the problem stays open. */
export async function saveNotRectifiable(args: SubmittedArgs): Promise<void> {
  const opened = metadataOf(args);
  if (!opened) return args.ack();
  const typed = typedReason(args.view.state.values);
  const reason = validReason(typed);
  if (reason === null)
    return args.ack({
      response_action: 'errors',
      errors: { [REASON_INPUT.block]: opened.tr('error.reason_required') },
    });
  await args.ack();
  const { meta } = opened;
  await saveDecision(args, meta, typed, (actor) =>
    markNotRectifiable(args.ctx.deps, actor, meta.requestId, reason, owedDecision(args.ctx), { viewId: args.view.id }),
  );
}
