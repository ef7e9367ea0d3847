import type { KnownBlock } from '@slack/types';
import { formatDate } from '../../../i18n/dates.js';
import type { NudgeMessage, PromptMessage } from '../../../jobs/outbox/messages.js';
import { translator } from '../../../i18n/index.js';
import {
  boardName,
  context,
  example,
  formatDay,
  more,
  notification,
  problemBlocks,
  section,
  type RenderedMessage,
} from './common.js';
import { WITH_EXTENSION } from '../owner-buttons.js';
import { seeAllBlocks } from './see-all.js';

/** Above a prompt or nudge: whom a delegate gets it for (issue 22), or that it is the catch-up prompt. */
function awayNotes(
  tr: ReturnType<typeof translator>,
  lang: PromptMessage['board']['language'],
  message: (PromptMessage | NudgeMessage) & { catchUp?: true },
): KnownBlock[] {
  if (message.forOwner)
    return [
      context(
        tr('away.for_owner', {
          owner: message.forOwner.user,
          until: formatDate(lang, message.forOwner.until, message.today),
        }),
      ),
    ];
  return message.catchUp ? [context(tr('away.catch_up'))] : [];
}

/**
 * A round's prompt to one owner: the round, its dates and report-by day, how many problems they own, and
 * each problem with its standing and buttons; the last page ends with the reply-in-your-own-words hint.
 * At most 20 problems per page (2 blocks each), well within 50 blocks.
 */
export function promptMessage(message: PromptMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const reportBy = formatDay(lang, message.round.reportBy, message.today);
  const title = tr('sched.round.title', {
    board: boardName(message.board.name),
    round: message.round.number,
    start: formatDate(lang, message.round.startDate, message.today),
    end: formatDate(lang, message.round.endDate, message.today),
    reportBy,
  });
  const count = tr('sched.prompt.count', { count: message.total });
  const page = message.pages > 1 ? ` · ${tr('sched.page', { page: message.page, pages: message.pages })}` : '';
  const blocks: KnownBlock[] = [...awayNotes(tr, lang, message), section(`${title}\n${count}${page}`)];
  // The prompt is where an owner answers for the round: more time can be asked for there too (issue 23).
  for (const p of message.problems) blocks.push(...problemBlocks(tr, lang, p, message.today, WITH_EXTENSION));
  if (message.more) blocks.push(...seeAllBlocks(tr, message.board.code, message.more));
  if (message.page === message.pages)
    blocks.push(context(tr('sched.prompt.hint', { example: example(tr, message.problems[0]?.key) })));
  return {
    text: notification(
      tr('sched.prompt.text', {
        board: boardName(message.board.name),
        round: message.round.number,
        count: message.total,
        reportBy,
      }),
    ),
    blocks,
  };
}

/** To an owner who has not reported yet: the round's closing day and the problems still without an update. */
export function nudgeMessage(message: NudgeMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const end = formatDay(lang, message.round.endDate, message.today);
  const blocks: KnownBlock[] = [
    ...awayNotes(tr, lang, message),
    section(
      tr('sched.nudge.title', {
        board: boardName(message.board.name),
        round: message.round.number,
        end,
        count: message.problems.total,
      }),
    ),
  ];
  for (const p of message.problems.items) blocks.push(...problemBlocks(tr, lang, p, message.today));
  blocks.push(...more(tr, message.problems));
  blocks.push(context(tr('sched.prompt.hint', { example: example(tr, message.problems.items[0]?.key) })));
  return {
    text: notification(
      tr('sched.nudge.text', {
        board: boardName(message.board.name),
        round: message.round.number,
        end,
        count: message.problems.total,
      }),
    ),
    blocks,
  };
}
