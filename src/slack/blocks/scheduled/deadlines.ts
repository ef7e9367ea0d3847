import type { ActionsBlock, KnownBlock } from '@slack/types';
import { translator } from '../../../i18n/index.js';
import type {
  EscalationMessage,
  OverdueWeeklyMessage,
  ReminderMessage,
  UpcomingMessage,
} from '../../../jobs/outbox/messages.js';
import { mrkdwnText } from '../limits.js';
import { formatDate } from '../../../i18n/dates.js';
import { mention } from '../problem-format.js';
import { overdueLine } from './digest.js';
import {
  TITLE_MAX,
  boardName,
  context,
  formatDay,
  header,
  lineSections,
  more,
  notification,
  progressText,
  section,
  type RenderedMessage,
} from './common.js';
import { ownerButtons } from '../owner-buttons.js';

const MEASURE_TEXT_MAX = 500;

/** A deadline coming up: in a DM with buttons to report or request closeout; in the channel, mentioning the owner. */
export function reminderMessage(message: ReminderMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const when = tr(message.workingDays ? 'cal.reminder.when' : 'sched.reminder.when', {
    days: message.daysLeft,
    date: formatDay(lang, message.item.deadline, message.today),
  });
  const body = message.item.isMeasure
    ? tr('sched.reminder.measure', {
        key: message.item.key,
        problemKey: message.item.problemKey,
        problemTitle: mrkdwnText(message.problemTitle, TITLE_MAX),
        when,
        text: mrkdwnText(message.item.text, MEASURE_TEXT_MAX),
      })
    : tr('sched.reminder.problem', { key: message.item.key, title: mrkdwnText(message.item.text, TITLE_MAX), when });
  const blocks: KnownBlock[] = [section(message.inChannel ? `${mention(message.item.ownerId)} ${body}` : body)];
  if (!message.inChannel) {
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: `sched.${message.item.key}`,
      elements: ownerButtons(tr, message.item.problemKey, ['report', 'closeout']),
    };
    blocks.push(actions);
  }
  return { text: notification(tr('sched.reminder.text', { key: message.item.key, when })), blocks };
}

/** The day after a deadline: the problem's standing, its owner and the board's leaders mentioned. */
export function escalationMessage(message: EscalationMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const p = message.problem;
  const owner = message.ownerAwayUntil
    ? `${mention(p.ownerId)} (${tr('away.until', { until: formatDate(lang, message.ownerAwayUntil, message.today) })})`
    : mention(p.ownerId);
  const people = message.leaders.length
    ? tr('sched.escalation.people', { owner, leaders: message.leaders.map(mention).join(' ') })
    : tr('sched.escalation.people_no_leaders', { owner });
  const title = tr('sched.escalation.title', {
    key: p.key,
    title: mrkdwnText(p.title, TITLE_MAX),
    date: formatDate(lang, p.deadline ?? message.today, message.today),
    days: p.daysOverdue,
  });
  const working =
    p.workingDaysOverdue !== undefined ? ` ${tr('cal.overdue_working', { days: p.workingDaysOverdue })}` : '';
  const unit = p.unit ? ` · ${mrkdwnText(p.unit, 100)}` : '';
  return {
    text: notification(tr('sched.escalation.text', { key: p.key, days: p.daysOverdue })),
    blocks: [
      section(`${title}${working}\n${people}${unit}\n${progressText(tr, lang, p, message.today)}`),
      context(`${boardName(message.board.name)} · ${tr('sched.escalation.hint')}`),
    ],
  };
}

/** Monday's list of everything overdue on the board, oldest first. */
export function overdueWeeklyMessage(message: OverdueWeeklyMessage): RenderedMessage {
  const tr = translator(message.board.language);
  return {
    text: notification(
      tr('sched.overdue_weekly.text', { board: boardName(message.board.name), count: message.problems.total }),
    ),
    blocks: [
      header(tr('sched.overdue_weekly.header', { board: message.board.name })),
      section(tr('sched.overdue_weekly.summary', { count: message.problems.total })),
      ...lineSections(message.problems.items.map((o) => overdueLine(tr, o))),
      ...more(tr, message.problems),
    ],
  };
}

/** Monday's deadlines of the next 14 days, problems and measures, soonest first. */
export function upcomingMessage(message: UpcomingMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const lines = message.items.items.map((i) =>
    [
      formatDay(lang, i.deadline, message.today),
      `*${i.key}*${i.isMeasure ? ` (${tr('sched.upcoming.measure')})` : ''} ${mrkdwnText(i.text, TITLE_MAX)}`,
      mention(i.ownerId),
    ].join(' · '),
  );
  return {
    text: notification(tr('sched.upcoming.text', { board: boardName(message.board.name), count: message.items.total })),
    blocks: [
      header(tr('sched.upcoming.header', { board: message.board.name })),
      section(
        tr('sched.upcoming.summary', {
          from: formatDate(lang, message.from, message.today),
          to: formatDate(lang, message.to, message.today),
          count: message.items.total,
        }),
      ),
      ...lineSections(lines),
      ...more(tr, message.items),
    ],
  };
}
