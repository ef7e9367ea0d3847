import type { ActionsBlock, KnownBlock } from '@slack/types';
import { translator } from '../../../i18n/index.js';
import type {
  EscalationMessage,
  OverdueWeeklyMessage,
  ReminderMessage,
  UpcomingMessage,
} from '../../../jobs/messages.js';
import { ACTION } from '../../ids.js';
import { LIMITS, mrkdwnText, truncate } from '../limits.js';
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

const MEASURE_TEXT_MAX = 500;

/** A deadline coming up: in a DM with buttons to report or request closeout; in the channel, mentioning the owner. */
export function reminderMessage(m: ReminderMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const when = tr('sched.reminder.when', { days: m.daysLeft, date: formatDay(lang, m.item.deadline, m.today) });
  const body = m.item.isMeasure
    ? tr('sched.reminder.measure', {
        key: m.item.key,
        problemKey: m.item.problemKey,
        problemTitle: mrkdwnText(m.problemTitle, TITLE_MAX),
        when,
        text: mrkdwnText(m.item.text, MEASURE_TEXT_MAX),
      })
    : tr('sched.reminder.problem', { key: m.item.key, title: mrkdwnText(m.item.text, TITLE_MAX), when });
  const blocks: KnownBlock[] = [section(m.inChannel ? `${mention(m.item.ownerId)} ${body}` : body)];
  if (!m.inChannel) {
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: `sched.${m.item.key}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION.reportProgress,
          style: 'primary',
          text: { type: 'plain_text', text: truncate(tr('btn.report'), LIMITS.buttonText) },
          value: m.item.problemKey,
        },
        {
          type: 'button',
          action_id: ACTION.requestCloseout,
          text: { type: 'plain_text', text: truncate(tr('btn.request_closeout'), LIMITS.buttonText) },
          value: m.item.problemKey,
        },
      ],
    };
    blocks.push(actions);
  }
  return { text: notification(tr('sched.reminder.text', { key: m.item.key, when })), blocks };
}

/** The day after a deadline: the problem's standing, its owner and the board's leaders mentioned. */
export function escalationMessage(m: EscalationMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const p = m.problem;
  const owner = mention(p.ownerId);
  const people = m.leaders.length
    ? tr('sched.escalation.people', { owner, leaders: m.leaders.map(mention).join(' ') })
    : tr('sched.escalation.people_no_leaders', { owner });
  const title = tr('sched.escalation.title', {
    key: p.key,
    title: mrkdwnText(p.title, TITLE_MAX),
    date: formatDate(lang, p.deadline ?? m.today, m.today),
    days: p.daysOverdue,
  });
  const unit = p.unit ? ` · ${mrkdwnText(p.unit, 100)}` : '';
  return {
    text: notification(tr('sched.escalation.text', { key: p.key, days: p.daysOverdue })),
    blocks: [
      section(`${title}\n${people}${unit}\n${progressText(tr, lang, p, m.today)}`),
      context(`${boardName(m.board.name)} · ${tr('sched.escalation.hint')}`),
    ],
  };
}

/** Monday's list of everything overdue on the board, oldest first. */
export function overdueWeeklyMessage(m: OverdueWeeklyMessage): RenderedMessage {
  const tr = translator(m.board.language);
  return {
    text: notification(tr('sched.overdue_weekly.text', { board: boardName(m.board.name), count: m.problems.total })),
    blocks: [
      header(tr('sched.overdue_weekly.header', { board: m.board.name })),
      section(tr('sched.overdue_weekly.summary', { count: m.problems.total })),
      ...lineSections(m.problems.items.map((o) => overdueLine(tr, o))),
      ...more(tr, m.problems),
    ],
  };
}

/** Monday's deadlines of the next 14 days, problems and measures, soonest first. */
export function upcomingMessage(m: UpcomingMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const lines = m.items.items.map((i) =>
    [
      formatDay(lang, i.deadline, m.today),
      `*${i.key}*${i.isMeasure ? ` (${tr('sched.upcoming.measure')})` : ''} ${mrkdwnText(i.text, TITLE_MAX)}`,
      mention(i.ownerId),
    ].join(' · '),
  );
  return {
    text: notification(tr('sched.upcoming.text', { board: boardName(m.board.name), count: m.items.total })),
    blocks: [
      header(tr('sched.upcoming.header', { board: m.board.name })),
      section(
        tr('sched.upcoming.summary', {
          from: formatDate(lang, m.from, m.today),
          to: formatDate(lang, m.to, m.today),
          count: m.items.total,
        }),
      ),
      ...lineSections(lines),
      ...more(tr, m.items),
    ],
  };
}
