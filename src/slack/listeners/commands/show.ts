import { searchProblems } from '../../../services/queries.js';
import { requireVisibleProblem } from '../../../services/visibility.js';
import { viewerOf } from '../../channel-members.js';
import { renderCard } from '../../refresh/card.js';
import { keyValue } from '../../parsers/block-action.js';
import { localDate } from '../../../domain/cycle.js';
import { mrkdwnText } from '../../blocks/limits.js';
import { problemLineBlock } from '../../blocks/problem-list.js';
import type { SubcommandHandler } from './support/types.js';

const SEARCH_MAX = 10;

/**
 * `/closeout show KEY`: the problem's card, ephemeral, with the buttons the caller may use. Words that are
 * not a key are searched for: one match shows its card, several are offered to pick from.
 */
export const show: SubcommandHandler = async ({ args, respond, ctx, actor, lang, tr }) => {
  const text = args.join(' ').trim();
  if (!text) {
    await respond({ response_type: 'ephemeral', text: tr('card.show.usage') });
    return;
  }
  const viewer = viewerOf(actor, ctx.members);
  const key = keyValue(text);
  if (key) {
    await requireVisibleProblem(ctx.deps, viewer, key);
    const { text: fallback, blocks } = await renderCard(ctx, actor.teamId, key, actor.userId, lang, undefined, {
      history: true,
    });
    await respond({ response_type: 'ephemeral', text: fallback, blocks });
    return;
  }
  const found = await searchProblems(ctx.deps, { teamId: actor.teamId, viewer }, text, SEARCH_MAX);
  const only = found.items.length === 1 ? found.items[0] : undefined;
  if (only) {
    const { text: fallback, blocks } = await renderCard(ctx, actor.teamId, only.key, actor.userId, lang, undefined, {
      history: true,
    });
    await respond({ response_type: 'ephemeral', text: fallback, blocks });
    return;
  }
  if (found.items.length === 0) {
    await respond({ response_type: 'ephemeral', text: tr('card.show.none', { text: mrkdwnText(text, 200) }) });
    return;
  }
  const today = localDate(ctx.deps.clock.now(), ctx.env.CLOSEOUT_TIMEZONE);
  const pick = tr('card.show.pick', { count: found.total, text: mrkdwnText(text, 200) });
  await respond({
    response_type: 'ephemeral',
    text: pick,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: pick } },
      ...found.items.map((p) => problemLineBlock(tr, lang, today, p)),
      ...(found.total > found.items.length
        ? [
            {
              type: 'context' as const,
              elements: [
                { type: 'mrkdwn' as const, text: tr('card.more', { count: found.total - found.items.length }) },
              ],
            },
          ]
        : []),
    ],
  });
};
