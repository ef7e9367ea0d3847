import { DomainError } from '../../../domain/errors.js';
import { translator } from '../../../i18n/index.js';
import { returnCloseout } from '../../../services/closeout.js';
import type { SubmittedArgs } from './support/on-submit.js';
import { announceDecision, owedDecision, showExistingDecision } from '../../notify/decision.js';
import { decodeReturnMetadata, typedReason, validReason } from '../../parsers/return-reason.js';
import { failureText, replyEphemeral } from '../../answer/ephemeral.js';
import { REASON_INPUT } from '../../blocks/closeout-decision.js';
import { mrkdwnText } from '../../blocks/limits.js';

/**
 * The Return modal's submission: a blank reason is refused inline (nothing saved); otherwise the request
 * is returned, the clicked message updated and the owner told why. If another leader decided first, the
 * leader is told who, with the reason they typed so nothing is lost.
 */
export async function saveReturnReason({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const meta = decodeReturnMetadata(view.private_metadata);
  const typed = typedReason(view.state.values);
  const reason = validReason(typed);
  if (!meta) {
    await ack();
    ctx.logger.warn('Return modal submitted without readable metadata');
    return;
  }
  const tr = translator(meta.lang);
  if (reason === null) {
    await ack({ response_action: 'errors', errors: { [REASON_INPUT.block]: tr('error.reason_required') } });
    return;
  }
  await ack();

  const actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
  const args = { client, ctx, actor, lang: meta.lang, origin: meta.origin, requestId: meta.requestId };
  try {
    const decided = await returnCloseout(ctx.deps, actor, meta.requestId, reason, owedDecision(ctx), {
      viewId: view.id,
    });
    await announceDecision(args, decided);
  } catch (error) {
    if (error instanceof DomainError && error.key === 'error.already_decided')
      await showExistingDecision(args).catch(() => undefined);
    const text = tr('signoff.not_saved', {
      refusal: failureText(meta.lang, error, ctx.logger),
      text: mrkdwnText(typed, 2500).replace(/\n/g, '\n> '),
    });
    const channel = meta.origin.channel ?? actor.userId;
    try {
      await replyEphemeral({ kind: 'post', client, channel, user: actor.userId }, text);
    } catch (replyError) {
      ctx.logger.error({ err: replyError }, 'could not tell the leader their Return was not saved');
    }
  }
}
