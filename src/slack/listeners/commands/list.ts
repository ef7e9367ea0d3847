import type { Translator } from '../../../i18n/index.js';
import { renderList, resolveView } from '../../answer/problem-list.js';
import { parseListArgs, type ListArgsError } from '../../parsers/list-args.js';
import { mrkdwnText } from '../../blocks/limits.js';
import type { SubcommandHandler } from './support/types.js';

function badArgsText(tr: Translator, parsed: ListArgsError): string {
  // What the user typed is echoed back: shown, never read as a mention or link.
  const error = { ...parsed, arg: mrkdwnText(parsed.arg, 200) };
  const why =
    error.kind === 'unknown'
      ? [
          tr('list.bad.unknown', { arg: error.arg }),
          error.suggestion ? tr('list.bad.suggest', { suggestion: `/closeout list ${error.suggestion}` }) : null,
        ]
      : error.kind === 'twice'
        ? [tr('list.bad.twice', { what: error.what, arg: error.arg })]
        : [tr('list.bad.value', { arg: error.arg, what: error.what })];
  return [...why.filter(Boolean), tr('list.usage')].join('\n');
}

/** `/closeout list [view] [@user] [board:CODE] [category:NAME] [unit:NAME]`: the first page, ephemeral. */
export const list: SubcommandHandler = async ({ command, respond, ctx, actor, lang, tr }) => {
  // The raw text, not the router's tokens: `category:"Livelihood services"` keeps its quotes for our parser.
  const rest = command.text.trim().replace(/^\S+\s*/, '');
  const parsed = parseListArgs(rest);
  if (!parsed.ok) {
    await respond({ response_type: 'ephemeral', text: badArgsText(tr, parsed.error) });
    return;
  }
  const page = await resolveView(ctx, actor, parsed.query);
  const message = await renderList(ctx, actor, lang, page);
  await respond({ response_type: 'ephemeral', ...message });
};
