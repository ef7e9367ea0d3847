import { requireVisibleProblem } from '../../../services/visibility.js';
import { viewerOf } from '../../channel-members.js';
import { requireKeyValue } from '../../parsers/block-action.js';
import { renderCard } from '../../refresh/card.js';
import type { ClickContext } from './support/on-click.js';

/** *View* on a list line: the problem's card, for the clicker's eyes only (a DM from the App Home). */
export async function showProblem({ ctx, click, actor, lang, client, respond }: ClickContext): Promise<void> {
  const key = requireKeyValue(click.value);
  await requireVisibleProblem(ctx.deps, viewerOf(actor, ctx.members), key);
  const { text, blocks } = await renderCard(ctx, actor.teamId, key, actor.userId, lang);
  if (click.responseUrl) await respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
  else await client.chat.postMessage({ channel: actor.userId, text, blocks });
}
