import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { renderList } from '../../flows/list.js';
import { ACTION } from '../../ids.js';
import { decodeListPage } from '../../parsers/list-args.js';
import { SEE_ALL_ACTION } from '../../views/scheduled/see-all.js';
import { onClick } from './click.js';

/** Previous/Next carry ids `list.page.prev` and `list.page.next` (ids are unique within a block). */
const LIST_PAGE_ACTION = new RegExp(`^${ACTION.listPage.replace(/\./g, '\\.')}(\\.|$)`);

/** Paging buttons: the same query at another offset, replacing the ephemeral list in place. */
export function register(app: App, ctx: SlackContext): void {
  app.action(
    LIST_PAGE_ACTION,
    onClick(ctx, async ({ click, actor, lang, tr, respond }) => {
      const page = decodeListPage(click.value);
      if (!page) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: tr('list.expired') });
        return;
      }
      const message = await renderList(ctx, actor, lang, page);
      // From a prompt's "see all" button: the list comes as a new ephemeral message, the prompt stays.
      if (click.actionId === SEE_ALL_ACTION)
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      else await respond({ replace_original: true, ...message });
    }),
  );
}
