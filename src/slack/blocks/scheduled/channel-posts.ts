import type { KnownBlock } from '@slack/types';
import { formatDate } from '../../../i18n/dates.js';
import type { NudgeChannelMessage, RoundOpenMessage } from '../../../jobs/outbox/messages.js';
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
export function roundOpenMessage(message: RoundOpenMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const reportBy = formatDay(lang, message.round.reportBy, message.today);
  const blocks: KnownBlock[] = [
    section(
      `${tr('sched.round_open.title', {
        board: boardName(message.board.name),
        round: message.round.number,
        start: formatDate(lang, message.round.startDate, message.today),
        end: formatDate(lang, message.round.endDate, message.today),
        reportBy,
      })}\n${tr('sched.round_open.owed', { count: message.owners.total })}`,
    ),
    ...lineSections(ownerLines(tr, message.owners)),
    ...more(tr, message.owners),
    context(tr('sched.thread_hint', { example: example(tr, message.owners.items[0]?.keys[0]) })),
  ];
  return {
    text: notification(
      tr('sched.round_open.text', { board: boardName(message.board.name), round: message.round.number, reportBy }),
    ),
    blocks,
  };
}

/** With the nudge, in the channel: who has not reported yet this round. */
export function nudgeChannelMessage(message: NudgeChannelMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const end = formatDay(lang, message.round.endDate, message.today);
  const blocks: KnownBlock[] = [
    section(
      tr('sched.nudge_channel.title', {
        board: boardName(message.board.name),
        round: message.round.number,
        end,
        count: message.owners.total,
      }),
    ),
    ...lineSections(ownerLines(tr, message.owners)),
    ...more(tr, message.owners),
    context(tr('sched.thread_hint', { example: example(tr, message.owners.items[0]?.keys[0]) })),
  ];
  return {
    text: notification(
      tr('sched.nudge_channel.text', {
        board: boardName(message.board.name),
        round: message.round.number,
        count: message.owners.total,
      }),
    ),
    blocks,
  };
}
