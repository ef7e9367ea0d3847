import type { App, ViewSubmitAction } from '@slack/bolt';
import { notFound } from '../../../domain/errors.js';
import { getBoard } from '../../../services/boards.js';
import { reportUpdate } from '../../../services/progress.js';
import type { SlackContext } from '../../context.js';
import { afterSubmit, refreshHomesLater, tellUser } from '../../flows/answer-user.js';
import { refreshOrigin } from '../../flows/refresh-origin.js';
import { VIEW } from '../../ids.js';
import { parseReport } from '../../parsers/report.js';
import { boardCodeOf, readSubmission } from './submission.js';

/** A progress report from the modal: saved, confirmed, and the message it came from updated in place. */
export function register(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(VIEW.report, async ({ ack, body, view, client }) => {
    const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
    const parsed = parseReport(tr, values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack({ response_action: 'clear' });
    const form = parsed.data;
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: form.note }, async () => {
      if (!meta.key) throw notFound('error.problem_not_found', { key: '?' });
      const { problem } = await reportUpdate(ctx.deps, actor, meta.key, form);
      const health = tr(`health.${form.health}`);
      await tellUser(
        client,
        ctx.logger,
        to,
        tr('report.saved', { key: problem.key, percent: form.percent, health, done: form.measuresDone.length }),
      );
      if (meta.origin) {
        await refreshOrigin({
          client,
          ctx,
          origin: meta.origin,
          teamId: actor.teamId,
          key: problem.key,
          lang: meta.lang,
          note: tr('report.origin_note', { user: actor.userId, percent: form.percent, health }),
          viewerId: actor.userId,
        });
      }
      const board = await getBoard(ctx.deps, actor.teamId, boardCodeOf(problem.key));
      refreshHomesLater(client, ctx, actor.teamId, [
        problem.ownerId,
        actor.userId,
        ...board.leaders.map((l) => l.userId),
      ]);
    });
  });
}
