import { setTimeout as sleep } from 'node:timers/promises';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Actor } from '../../../../domain/types.js';
import { translator, type Translator } from '../../../../i18n/index.js';
import type { SlackContext } from '../../../context.js';
import { claimAnswer, keepAnswer, priorSubmission, releaseAnswer } from '../../../../services/view-submissions.js';
import { afterSubmit, tellUser, type Audience } from '../../../answer/tell-user.js';
import type { Parsed } from '../../../parsers/inline-errors.js';
import { decodeMetadata, type ModalMetadata } from '../../../parsers/modal-metadata.js';
import { parseViewValues, type ViewValues } from '../../../parsers/view-state.js';

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** What every submission handler starts from; computed without any Web API call, so it fits before the ack. */
interface Submission {
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
type SubmittedForm<F> = Submission & Pick<SubmittedArgs, 'ctx' | 'client' | 'view' | 'body'> & { form: F };

/** A submission's two halves, for `parseThenWork`. */
interface SubmissionSteps<F> {
  /**
   * Reads the form before the ack, without any Web API call (a quick local read at most; `client` only for a
   * check only Slack can make, bounded well inside the 3 s, e.g. delegate-check.ts): inline errors keep the
   * modal open with what was typed; a form closes it.
   */
  parse(s: Submission & Pick<SubmittedArgs, 'ctx' | 'client'>): Parsed<F> | Promise<Parsed<F>>;
  /** What the user typed, handed back with the refusal if the work fails after the modal closed. */
  written(form: F): string;
  /**
   * The work, after the modal closed; a refusal or a crash reaches the user with their text (afterSubmit).
   * What it returns is told to the user.
   */
  work(s: SubmittedForm<F>): Promise<string | void>;
  /** The work runs once a view: a second submission of it is told the first one's answer (answerOnce). */
  once?: true;
}

/** How long a second submission waits for the first one's answer (the first is still at work). */
const WAIT_FOR_FIRST_MS = 5_000;

/**
 * The answer of a view's submission, worked out once: a later submission of the same view (Submit pressed
 * again) is told the same answer, without writing again (view-submissions.ts, claimAnswer). If the first
 * is still at work after WAIT_FOR_FIRST_MS, or failed, the later one does the work itself.
 */
export async function answerOnce(
  { ctx, client, actor, view, to }: Pick<SubmittedForm<unknown>, 'ctx' | 'client' | 'actor' | 'view' | 'to'>,
  work: () => Promise<string>,
): Promise<void> {
  let claim = await claimAnswer(ctx.deps, actor, view.id);
  for (const end = Date.now() + WAIT_FOR_FIRST_MS; !claim.claimed && claim.answer === null && Date.now() < end;) {
    await sleep(100);
    claim = await claimAnswer(ctx.deps, actor, view.id);
  }
  if (!claim.claimed && claim.answer !== null) {
    await tellUser(client, ctx.logger, to, claim.answer);
    return;
  }
  let answer: string;
  try {
    answer = await work();
  } catch (error) {
    if (claim.claimed) await releaseAnswer(ctx.deps.db, view.id);
    throw error;
  }
  if (claim.claimed) await keepAnswer(ctx.deps.db, view.id, answer);
  await tellUser(client, ctx.logger, to, answer);
}

/**
 * The common opening of a submission, like `onClick`'s for a button: read it, parse it, ack with the inline
 * errors or clear the modal, then do the work with failures answered. The routing table still names one
 * handler per callback id (`onSubmit(ctx, handler)`, loaded on first use); this builds that handler.
 */
export function parseThenWork<F>(steps: SubmissionSteps<F>): (args: SubmittedArgs) => Promise<void> {
  return async ({ ctx, ack, body, view, client }) => {
    const submission = readSubmission(ctx, { body, view });
    const { meta, to } = submission;
    // Submit pressed again on a `once` modal: its checks before the ack (a board code now taken, a version
    // now moved on) would refuse what the first submission did; it gets the first one's answer instead.
    if (steps.once && (await priorSubmission(ctx.deps.db, view.id, 'answer')) !== null) {
      await ack({ response_action: 'clear' });
      const again = { ...submission, ctx, client, view };
      await afterSubmit({ client, ctx, lang: meta.lang, to, written: '' }, () =>
        answerOnce(again, async () => {
          // Only when the first submission failed meanwhile: this one is read and done afresh.
          const parsed = await steps.parse({ ...submission, ctx, client });
          if (!parsed.ok) return Object.values(parsed.errors).join('\n');
          return (await steps.work({ ...again, body, form: parsed.data })) ?? '';
        }),
      );
      return;
    }
    const parsed = await steps.parse({ ...submission, ctx, client });
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack({ response_action: 'clear' });
    const form = parsed.data;
    const args = { ...submission, ctx, client, view, body, form };
    const work = async () => (await steps.work(args)) ?? '';
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: steps.written(form) }, async () => {
      if (steps.once) return answerOnce(args, work);
      const answer = await work();
      if (answer) await tellUser(client, ctx.logger, to, answer);
    });
  };
}
