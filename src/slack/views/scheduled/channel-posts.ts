import type { KnownBlock } from '@slack/types';
import { formatDate } from '../../../i18n/dates.js';
import type { NudgeChannelMessage, RoundOpenMessage } from '../../../jobs/messages.js';
import { translator } from '../../../i18n/index.js';
import {
  boardName,
  context,
  example,
  formatDay,
  lineSections,
  more,
  notification,
  ownerLines,
  section,
  type RenderedMessage,
} from './common.js';

/** The channel post opening a round: dates, report-by day, and who owes updates (mentioned). */
export function roundOpenMessage(m: RoundOpenMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const reportBy = formatDay(lang, m.round.reportBy, m.today);
  const blocks: KnownBlock[] = [
    section(
      `${tr('sched.round_open.title', {
        board: boardName(m.board.name),
        round: m.round.number,
        start: formatDate(lang, m.round.startDate, m.today),
        end: formatDate(lang, m.round.endDate, m.today),
        reportBy,
      })}\n${tr('sched.round_open.owed', { count: m.owners.total })}`,
    ),
    ...lineSections(ownerLines(tr, m.owners)),
    ...more(tr, m.owners),
    context(tr('sched.thread_hint', { example: example(tr, m.owners.items[0]?.keys[0]) })),
  ];
  return {
    text: notification(
      tr('sched.round_open.text', { board: boardName(m.board.name), round: m.round.number, reportBy }),
    ),
    blocks,
  };
}

/** With the nudge, in the channel: who has not reported yet this round. */
export function nudgeChannelMessage(m: NudgeChannelMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const end = formatDay(lang, m.round.endDate, m.today);
  const blocks: KnownBlock[] = [
    section(
      tr('sched.nudge_channel.title', {
        board: boardName(m.board.name),
        round: m.round.number,
        end,
        count: m.owners.total,
      }),
    ),
    ...lineSections(ownerLines(tr, m.owners)),
    ...more(tr, m.owners),
    context(tr('sched.thread_hint', { example: example(tr, m.owners.items[0]?.keys[0]) })),
  ];
  return {
    text: notification(
      tr('sched.nudge_channel.text', { board: boardName(m.board.name), round: m.round.number, count: m.owners.total }),
    ),
    blocks,
  };
}
