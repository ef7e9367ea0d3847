import { renderList } from '../../answer/problem-list.js';
import { decodeListPage } from '../../parsers/list-args.js';
import type { ClickContext } from './support/on-click.js';

/** *Previous* and *Next* under a list: the same query at another offset, replacing the ephemeral list in place. */
export function turnListPage(clicked: ClickContext): Promise<void> {
  return showListPage(clicked, { replace: true });
}

/** The list page a button carries: in place of the message clicked, or as a new ephemeral message. */
export async function showListPage(
  { ctx, click, actor, lang, tr, respond }: ClickContext,
  opts: { replace: boolean },
): Promise<void> {
  const page = decodeListPage(click.value);
  if (!page) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: tr('list.expired') });
    return;
  }
  const message = await renderList(ctx, actor, lang, page);
  await respond(
    opts.replace
      ? { replace_original: true, ...message }
      : { response_type: 'ephemeral', replace_original: false, ...message },
  );
}
