import { localDate } from '../../domain/cycle.js';
import type { Actor, Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { getBoard } from '../../services/boards.js';
import { listProblems, type ProblemFilter } from '../../services/queries.js';
import { LIMITS } from '../blocks/limits.js';
import { viewerOf } from '../channel-members.js';
import type { SlackContext } from '../context.js';
import type { ListPage, ListQuery } from '../parsers/list-args.js';
import { LIST_PAGE_SIZE, problemListBlocks, problemListText } from '../blocks/problem-list.js';
import type { RenderedMessage } from '../refresh/card.js';

function filterOf(ctx: SlackContext, actor: Actor, page: ListPage): ProblemFilter {
  return {
    teamId: actor.teamId,
    viewer: viewerOf(actor, ctx.members),
    view: page.view,
    userId: actor.userId,
    ...(page.owner && { ownerId: page.owner }),
    ...(page.board && { boardCode: page.board }),
    ...(page.category && { category: page.category }),
    ...(page.unit && { unit: page.unit }),
  };
}

/**
 * The view a bare `/closeout list` means: the user's own open problems if they have any, else all open
 * ones. With an @user, that user's open problems (`mine` names the caller, so it gives way to @user).
 */
export async function resolveView(ctx: SlackContext, actor: Actor, query: ListQuery): Promise<ListPage> {
  if (query.owner) return { ...query, view: !query.view || query.view === 'mine' ? 'open' : query.view, offset: 0 };
  if (query.view) return { ...query, view: query.view, offset: 0 };
  const mine = await listProblems(ctx.deps, filterOf(ctx, actor, { ...query, view: 'mine', offset: 0 }), {
    offset: 0,
    limit: 1,
  });
  return { ...query, view: mine.total > 0 ? 'mine' : 'open', offset: 0 };
}

/** One page of a list as a message; a page beyond the end (the list shrank) shows the last one. */
export async function renderList(
  ctx: SlackContext,
  actor: Actor,
  lang: Language,
  page: ListPage,
): Promise<RenderedMessage> {
  const filter = filterOf(ctx, actor, page);
  let current = page;
  let result = await listProblems(ctx.deps, filter, { offset: current.offset, limit: LIST_PAGE_SIZE });
  if (result.items.length === 0 && result.total > 0) {
    current = { ...page, offset: Math.floor((result.total - 1) / LIST_PAGE_SIZE) * LIST_PAGE_SIZE };
    result = await listProblems(ctx.deps, filter, { offset: current.offset, limit: LIST_PAGE_SIZE });
  }
  const tr = translator(lang);
  const data = {
    lang,
    today: localDate(ctx.deps.clock.now(), ctx.env.CLOSEOUT_TIMEZONE),
    page: current,
    pageSize: LIST_PAGE_SIZE,
    total: result.total,
    items: result.items,
  };
  const blocks = problemListBlocks(tr, data);
  // A list of an archived board says so first: nothing on it is prompted or reminded.
  const board = page.board ? await getBoard(ctx.deps, actor.teamId, page.board) : null;
  if (board?.archived && blocks.length < LIMITS.messageBlocks)
    blocks.unshift({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr('changes.board.archived', { code: board.code }) }],
    });
  return { text: problemListText(tr, data), blocks };
}
