import type { KnownBlock } from '@slack/types';
import { formatDate } from '../problem-format.js';
import type { NudgeMessage, PromptMessage } from '../../../jobs/messages.js';
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
import { seeAllBlocks } from './see-all.js';

/**
 * A round's prompt to one owner: the round, its dates and report-by day, how many problems they own, and
 * each problem with its standing and buttons; the last page ends with the reply-in-your-own-words hint.
 * At most 20 problems per page (2 blocks each), well within 50 blocks.
 */
export function promptMessage(m: PromptMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const reportBy = formatDay(lang, m.round.reportBy, m.today);
  const title = tr('sched.round.title', {
    board: boardName(m.board.name),
    round: m.round.number,
    start: formatDate(lang, m.round.startDate, m.today),
    end: formatDate(lang, m.round.endDate, m.today),
    reportBy,
  });
  const count = tr('sched.prompt.count', { count: m.total });
  const page = m.pages > 1 ? ` · ${tr('sched.page', { page: m.page, pages: m.pages })}` : '';
  const blocks: KnownBlock[] = [section(`${title}\n${count}${page}`)];
  for (const p of m.problems) blocks.push(...problemBlocks(tr, lang, p, m.today));
  if (m.more) blocks.push(...seeAllBlocks(tr, m.board.code, m.more));
  if (m.page === m.pages) blocks.push(context(tr('sched.prompt.hint', { example: example(tr, m.problems[0]?.key) })));
  return {
    text: notification(
      tr('sched.prompt.text', { board: boardName(m.board.name), round: m.round.number, count: m.total, reportBy }),
    ),
    blocks,
  };
}

/** To an owner who has not reported yet: the round's closing day and the problems still without an update. */
export function nudgeMessage(m: NudgeMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const end = formatDay(lang, m.round.endDate, m.today);
  const blocks: KnownBlock[] = [
    section(
      tr('sched.nudge.title', { board: boardName(m.board.name), round: m.round.number, end, count: m.problems.total }),
    ),
  ];
  for (const p of m.problems.items) blocks.push(...problemBlocks(tr, lang, p, m.today));
  blocks.push(...more(tr, m.problems));
  blocks.push(context(tr('sched.prompt.hint', { example: example(tr, m.problems.items[0]?.key) })));
  return {
    text: notification(
      tr('sched.nudge.text', { board: boardName(m.board.name), round: m.round.number, end, count: m.problems.total }),
    ),
    blocks,
  };
}
