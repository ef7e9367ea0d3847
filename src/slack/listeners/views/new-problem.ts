import type { App, ViewSubmitAction } from '@slack/bolt';
import { localDate } from '../../../domain/cycle.js';
import { translator } from '../../../i18n/index.js';
import { getBoard } from '../../../services/boards.js';
import { createProblem } from '../../../services/problems.js';
import type { SlackContext } from '../../context.js';
import { afterSubmit, refreshHomesLater, tellUser } from '../../flows/answer-user.js';
import { VIEW } from '../../ids.js';
import { parseNewProblem, type NewProblemForm } from '../../parsers/new-problem.js';
import { formatDate } from '../../../i18n/dates.js';
import { problemAssignedBlocks, problemAssignedText } from '../../views/problem-assigned.js';
import { readSubmission } from './submission.js';

/** Everything they typed, to hand back if the problem cannot be created after all. */
function written(form: NewProblemForm): string {
  const p = form.problem;
  return [p.title, p.description, ...p.measures.map((m, i) => `${i + 1}. ${m}`)].filter(Boolean).join('\n\n');
}

export function register(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(VIEW.newProblem, async ({ ack, body, view, client }) => {
    const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
    const parsed = parseNewProblem(tr, values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack({ response_action: 'clear' });
    const form = parsed.data;
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: written(form) }, async () => {
      const problem = await createProblem(ctx.deps, actor, form.boardCode, form.problem);
      const board = await getBoard(ctx.deps, actor.teamId, form.boardCode);
      const today = localDate(ctx.deps.clock.now(), board.timezone);
      const due = problem.deadline ? formatDate(meta.lang, problem.deadline, today) : tr('request.none');
      await tellUser(
        client,
        ctx.logger,
        to,
        tr('new.created', {
          key: problem.key,
          title: problem.title,
          owner: problem.ownerId,
          count: problem.measures.length,
          due,
        }),
      );
      if (problem.ownerId !== actor.userId) {
        const lang = await ctx.locale.forUser(client, problem.ownerId, board.language);
        const ownerTr = translator(lang);
        const data = {
          key: problem.key,
          title: problem.title,
          boardName: board.name,
          assignedBy: actor.userId,
          deadline: problem.deadline ?? board.deadline,
          today,
          unit: problem.unit,
          measures: problem.measures.map((m) => m.text),
          lang,
        };
        await client.chat
          .postMessage({
            channel: problem.ownerId,
            text: problemAssignedText(ownerTr, data),
            blocks: problemAssignedBlocks(ownerTr, data),
          })
          .catch((error: unknown) =>
            ctx.logger.warn({ err: error, key: problem.key }, 'could not tell the owner about a new problem'),
          );
      }
      refreshHomesLater(client, ctx, actor.teamId, [
        problem.ownerId,
        actor.userId,
        ...board.leaders.map((l) => l.userId),
      ]);
    });
  });
}
