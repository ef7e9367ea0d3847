import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Actor } from '../../../../domain/types.js';
import { translator, type Translator } from '../../../../i18n/index.js';
import type { SlackContext } from '../../../context.js';
import type { Audience } from '../../../answer/tell-user.js';
import { decodeMetadata, type ModalMetadata } from '../../../parsers/modal-metadata.js';
import { parseViewValues, type ViewValues } from '../../../parsers/view-state.js';

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** What every submission handler starts from; computed without any Web API call, so it fits before the ack. */
export interface Submission {
  actor: Actor;
  meta: ModalMetadata;
  tr: Translator;
  values: ViewValues;
  /** Where confirmations and refusals go. */
  to: Audience;
}

export function readSubmission(ctx: SlackContext, { body, view }: Pick<SubmitArgs, 'body' | 'view'>): Submission {
  const meta = decodeMetadata(view.private_metadata, ctx.env.CLOSEOUT_LANGUAGE);
  const actor = { teamId: body.team?.id ?? body.user.team_id ?? view.team_id, userId: body.user.id };
  return {
    actor,
    meta,
    tr: translator(meta.lang),
    values: parseViewValues(view.state.values),
    to: { userId: actor.userId, ...(meta.channel && { channel: meta.channel }) },
  };
}

/** A submission handler's arguments: Bolt's, and the app's context. */
export type SubmittedArgs = SubmitArgs & { ctx: SlackContext };

/**
 * Hands the app's context to a submission handler along with Bolt's arguments. Each handler acks itself:
 * with inline errors, a next view or a clear, before anything slow.
 */
export function onSubmit(ctx: SlackContext, handler: (args: SubmittedArgs) => Promise<void>) {
  return (args: SubmitArgs): Promise<void> => handler({ ...args, ctx });
}
