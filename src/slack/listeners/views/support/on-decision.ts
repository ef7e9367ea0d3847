import { DomainError } from '../../../../domain/errors.js';
import type { Actor } from '../../../../domain/types.js';
import { translator, type Translator } from '../../../../i18n/index.js';
import type { approveCloseout } from '../../../../services/closeout.js';
import { failureText, replyEphemeral } from '../../../answer/ephemeral.js';
import { mrkdwnText } from '../../../blocks/limits.js';
import { announceDecision, showExistingDecision } from '../../../notify/decision.js';
import type { Parsed } from '../../../parsers/inline-errors.js';
import { decodeReturnMetadata, type ReturnMetadata } from '../../../parsers/return-reason.js';
import type { SubmittedArgs } from './on-submit.js';

/** What a decision modal's form yields: the text typed (handed back if refused) and the decision to save. */
interface DecisionForm {
  typed: string;
  decide(actor: Actor): ReturnType<typeof approveCloseout>;
}

/**
 * The opening of a leader's decision modal (Return, long-term, not rectifiable), as `parseThenWork` is for
 * the others: read the request's metadata, parse before the ack (inline errors keep the modal open), ack,
 * then save the decision and announce it like Approve does. A refusal (someone decided first, separation of
 * duties) is told to the leader with what they typed, so nothing is lost.
 */
export function onDecision(
  modal: string,
  parse: (args: SubmittedArgs, tr: Translator, meta: ReturnMetadata) => Parsed<DecisionForm>,
): (args: SubmittedArgs) => Promise<void> {
  return async (args) => {
    const meta = decodeReturnMetadata(args.view.private_metadata);
    if (!meta) {
      await args.ack();
      args.ctx.logger.warn(`${modal} submitted without readable metadata`);
      return;
    }
    const parsed = parse(args, translator(meta.lang), meta);
    if (!parsed.ok) return args.ack({ response_action: 'errors', errors: parsed.errors });
    await args.ack();
    await saveDecision(args, meta, parsed.data);
  };
}

async function saveDecision(args: SubmittedArgs, meta: ReturnMetadata, form: DecisionForm): Promise<void> {
  const { ctx, body, client } = args;
  const actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
  const decision = { client, ctx, actor, lang: meta.lang, origin: meta.origin, requestId: meta.requestId };
  try {
    await announceDecision(decision, await form.decide(actor));
  } catch (error) {
    if (error instanceof DomainError && error.key === 'error.already_decided')
      await showExistingDecision(decision).catch(() => undefined);
    const text = translator(meta.lang)('signoff.not_saved', {
      refusal: failureText(meta.lang, error, ctx.logger),
      text: mrkdwnText(form.typed, 2500).replace(/\n/g, '\n> '),
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
