import { renderList } from '../../answer/problem-list.js';
import { decodeListPage } from '../../parsers/list-args.js';
import type { ClickContext } from './on-click.js';

/** *Previous* and *Next* under a list: the same query at another offset, replacing the ephemeral list in place. */
export async function turnListPage({ ctx, click, actor, lang, tr, respond }: ClickContext): Promise<void> {
  const page = decodeListPage(click.value);
  if (!page) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: tr('list.expired') });
    return;
  }
  const message = await renderList(ctx, actor, lang, page);
  await respond({ replace_original: true, ...message });
}
