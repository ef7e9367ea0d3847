import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Actor } from '../../../../domain/types.js';
import { translator, type Translator } from '../../../../i18n/index.js';
import type { SlackContext } from '../../../context.js';
import { afterSubmit, type Audience } from '../../../answer/tell-user.js';
import type { Parsed } from '../../../parsers/inline-errors.js';
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

/** What a submission's work gets: the submission, its parsed form, and Bolt's client and view. */
export type SubmittedForm<F> = Submission & Pick<SubmittedArgs, 'ctx' | 'client' | 'view' | 'body'> & { form: F };

/** A submission's two halves, for `parseThenWork`. */
export interface SubmissionSteps<F> {
  /**
   * Reads the form before the ack, without any Web API call (a quick local read at most): inline errors keep
   * the modal open with what was typed; a form closes it.
   */
  parse(s: Submission & { ctx: SlackContext }): Parsed<F> | Promise<Parsed<F>>;
  /** What the user typed, handed back with the refusal if the work fails after the modal closed. */
  written(form: F): string;
  /** The work, after the modal closed; a refusal or a crash reaches the user with their text (afterSubmit). */
  work(s: SubmittedForm<F>): Promise<void>;
}

/**
 * The common opening of a submission, like `onClick`'s for a button: read it, parse it, ack with the inline
 * errors or clear the modal, then do the work with failures answered. The routing table still names one
 * handler per callback id (`onSubmit(ctx, handler)`, loaded on first use); this builds that handler.
 */
export function parseThenWork<F>(steps: SubmissionSteps<F>): (args: SubmittedArgs) => Promise<void> {
  return async ({ ctx, ack, body, view, client }) => {
    const submission = readSubmission(ctx, { body, view });
    const parsed = await steps.parse({ ...submission, ctx });
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack({ response_action: 'clear' });
    const form = parsed.data;
    const { meta, to } = submission;
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: steps.written(form) }, () =>
      steps.work({ ...submission, ctx, client, view, body, form }),
    );
  };
}
