import { localDate } from '../../../domain/cycle.js';
import { getBoard } from '../../../services/boards.js';
import { createProblem } from '../../../services/problems.js';
import { deadlineWarning } from '../../answer/deadline-warning.js';
import { tellUser } from '../../answer/tell-user.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { parseNewProblem, type NewProblemForm } from '../../parsers/new-problem.js';
import { formatDate } from '../../../i18n/dates.js';
import { owedAssigned } from '../../notify/problem-assigned.js';
import { parseThenWork } from './support/on-submit.js';
import { mrkdwnText } from '../../blocks/limits.js';

/** Everything they typed, to hand back if the problem cannot be created after all. */
function written(form: NewProblemForm): string {
  const p = form.problem;
  return [p.title, p.description, ...p.measures.map((m, i) => `${i + 1}. ${m}`)].filter(Boolean).join('\n\n');
}

/** The `new` modal: the problem is created, the creator told, the owner sent a DM (if someone else). */
export const saveNewProblem = parseThenWork({
  parse: ({ tr, values }) => parseNewProblem(tr, values),
  written,
  work: async ({ ctx, client, actor, meta, tr, to, view, form }) => {
    // The owner's DM is saved with the problem, before anything may fail on Slack's side.
    const problem = await createProblem(ctx.deps, actor, form.boardCode, form.problem, owedAssigned(ctx, actor), {
      viewId: view.id,
    });
    ctx.followUps.kick();
    const board = await getBoard(ctx.deps, actor.teamId, form.boardCode);
    const today = localDate(ctx.deps.clock.now(), board.timezone);
    const due = problem.deadline ? formatDate(meta.lang, problem.deadline, today) : tr('request.none');
    await tellUser(
      client,
      ctx.logger,
      to,
      tr('new.created', {
        key: problem.key,
        title: mrkdwnText(problem.title, 150),
        owner: problem.ownerId,
        count: problem.measures.length,
        due,
      }) + (await deadlineWarning(ctx.deps.db, tr, board.id, problem.deadline)),
    );
    refreshHomesLater(client, ctx, actor.teamId, [
      problem.ownerId,
      actor.userId,
      ...board.leaders.map((l) => l.userId),
    ]);
  },
});
