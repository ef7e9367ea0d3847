import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { reportView } from '../../modals/owner-modals.js';
import { VIEW } from '../../ids.js';
import { read } from '../../parsers/view-state.js';
import { failureText } from '../../answer/ephemeral.js';
import { PICK_PROBLEM } from '../../views/modals/pick-problem.js';
import { readSubmission } from './submission.js';

/**
 * "Next" in the report picker turns it into the progress modal for the chosen problem (picking a problem
 * already does so through the select's action, see actions/modal-selects.ts; this is the fallback).
 */
export function register(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(VIEW.pickProblem, async ({ ack, body, view }) => {
    const { actor, meta, tr, values } = readSubmission(ctx, { body, view });
    const key = read.selected(values, PICK_PROBLEM.problem);
    if (!key) {
      await ack({ response_action: 'errors', errors: { [PICK_PROBLEM.problem]: tr('modal.error.required') } });
      return;
    }
    // A quick local read, so the answer can carry the next view instead of a second Web API call.
    try {
      const next = await reportView({
        ctx,
        actor,
        lang: meta.lang,
        key,
        ...(meta.channel && { channel: meta.channel }),
      });
      await ack({ response_action: 'update', view: next });
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: { [PICK_PROBLEM.problem]: failureText(meta.lang, error, ctx.logger) },
      });
    }
  });
}
