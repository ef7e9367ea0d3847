import { localDate } from '../../../domain/cycle.js';
import { listProblems } from '../../../services/queries.js';
import { openReportModal } from '../../open-modal/owner.js';
import { LIMITS } from '../../blocks/limits.js';
import { pickProblemModal } from '../../blocks/modals/pick-problem.js';
import type { SubcommandHandler } from './support/types.js';

/**
 * `/closeout report [KEY]`: the progress modal. Without a key: straight to the user's only open problem,
 * or a picker of their open problems (due soonest first), or a plain "you have none".
 */
export const report: SubcommandHandler = async ({ args, command, client, respond, ctx, actor, lang, tr }) => {
  const open = { client, triggerId: command.trigger_id, ctx, actor, lang, channel: command.channel_id };
  const key = args[0];
  if (key) {
    await openReportModal({ ...open, key });
    return;
  }
  const mine = await listProblems(
    ctx.deps,
    { teamId: actor.teamId, view: 'mine', userId: actor.userId },
    { offset: 0, limit: LIMITS.selectOptions },
  );
  const [first] = mine.items;
  if (!first) {
    await respond({ response_type: 'ephemeral', text: tr('report.none') });
    return;
  }
  if (mine.total === 1) {
    await openReportModal({ ...open, key: first.key });
    return;
  }
  const now = ctx.deps.clock.now();
  const view = pickProblemModal(tr, {
    problems: mine.items.map((p) => ({
      key: p.key,
      title: p.title,
      deadline: p.flags.deadline,
      overdue: p.flags.overdue,
      percent: p.percent,
      today: localDate(now, p.board.timezone),
    })),
    total: mine.total,
    metadata: { lang, channel: command.channel_id },
  });
  await client.views.open({ trigger_id: command.trigger_id, view });
};
