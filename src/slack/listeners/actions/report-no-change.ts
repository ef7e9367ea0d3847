import { getBoard } from '../../../services/boards.js';
import { boardCodeOf } from '../../../services/problems.js';
import { reportNoChange as saveNoChange } from '../../../services/progress.js';
import { originOf, requireKeyValue } from '../../parsers/block-action.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { refreshOrigin } from '../../refresh/origin.js';
import { slackTime } from '../../blocks/problem-format.js';
import type { ClickContext } from './support/on-click.js';

/** *No change* on a prompt or card: an update that repeats the last one is saved and the message says so. */
export async function reportNoChange({ ctx, click, actor, lang, tr, client }: ClickContext): Promise<void> {
  const { update, problem } = await saveNoChange(ctx.deps, actor, requireKeyValue(click.value));
  const board = await getBoard(ctx.deps, actor.teamId, boardCodeOf(problem.key));
  await refreshOrigin({
    client,
    ctx,
    origin: originOf(click, 'prompt'),
    teamId: actor.teamId,
    key: problem.key,
    lang,
    note: tr('note.no_change', { user: actor.userId, time: slackTime(update.createdAt, lang, board.timezone) }),
    viewerId: actor.userId,
  });
  const people = [...new Set([problem.ownerId, actor.userId, ...board.leaders.map((l) => l.userId)])];
  refreshHomesLater(client, ctx, actor.teamId, people);
}
