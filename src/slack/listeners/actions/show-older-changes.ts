import { notFound } from '../../../domain/errors.js';
import { getBoard } from '../../../services/boards.js';
import { problemHistory } from '../../../services/problem-history.js';
import { getProblemDetail } from '../../../services/problems.js';
import { keyValue } from '../../parsers/block-action.js';
import { replyEphemeral } from '../../answer/ephemeral.js';
import { HISTORY_PAGE, historyBlocks } from '../../blocks/problem-history.js';
import type { ClickContext } from './support/on-click.js';

/** *Older changes* under a card's history: the next page, as its own ephemeral message. */
export async function showOlderChanges({ ctx, click, actor, lang, tr, target }: ClickContext): Promise<void> {
  const at = click.value.lastIndexOf(':');
  const key = keyValue(click.value.slice(0, at));
  const offset = Number(click.value.slice(at + 1));
  if (!key || !Number.isSafeInteger(offset) || offset < 0)
    throw notFound('error.problem_not_found', { key: click.value });
  const problem = await getProblemDetail(ctx.deps, actor.teamId, key, 0);
  const board = await getBoard(ctx.deps, actor.teamId, problem.board.code);
  const page = await problemHistory(ctx.deps, problem, { offset, limit: HISTORY_PAGE });
  const blocks = historyBlocks(tr, { lang, timezone: board.timezone, key: problem.key, page });
  await replyEphemeral(target, `${problem.key} · ${tr('changes.menu.history')}`, blocks);
}
