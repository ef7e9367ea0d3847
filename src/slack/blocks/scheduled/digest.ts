import type { KnownBlock } from '@slack/types';
import { PROBLEM_STATUSES } from '../../../domain/types.js';
import { translator, type Translator } from '../../../i18n/index.js';
import type { DigestMessage, OverdueLine } from '../../../jobs/outbox/messages.js';
import { LIMITS, mrkdwnText, truncate } from '../limits.js';
import { formatDate } from '../../../i18n/dates.js';
import { mention, statusText } from '../problem-format.js';
import {
  TITLE_MAX,
  header,
  lineSections,
  more,
  notification,
  ownerLines,
  section,
  type RenderedMessage,
  boardName,
} from './common.js';

/** "*RECT-3* · 21 days overdue · <@U1> · Traffic · title" */
export function overdueLine(tr: Translator, overdue: OverdueLine): string {
  return [
    `*${overdue.key}*`,
    tr('sched.days_overdue', { days: overdue.days }) +
      (overdue.workingDays !== undefined ? ` ${tr('cal.working_days', { days: overdue.workingDays })}` : ''),
    mention(overdue.ownerId),
    ...(overdue.unit ? [mrkdwnText(overdue.unit, 80)] : []),
    mrkdwnText(overdue.title, TITLE_MAX),
  ].join(' · ');
}

/**
 * The round's digest for the channel (or leaders): totals and completion, counts by status, what closed
 * this round, what is overdue (oldest first) and who has not reported — each list cut with "… and N more".
 */
export function digestMessage(message: DigestMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const closed = message.byStatus.closed;
  const percent = message.total ? Math.round((closed / message.total) * 100) : 0;
  const summary = tr('sched.digest.summary', {
    total: message.total,
    closed,
    percent,
    overdue: message.overdue.total,
    silent: message.silentProblems,
  });
  const period = `${formatDate(lang, message.round.startDate, message.today)} – ${formatDate(lang, message.round.endDate, message.today)}`;
  const blocks: KnownBlock[] = [
    header(tr('sched.digest.header', { board: message.board.name, round: message.round.number })),
    section(`${period}\n${summary}`),
    {
      type: 'section',
      fields: PROBLEM_STATUSES.map((s) => ({
        type: 'mrkdwn' as const,
        text: truncate(
          tr('sched.digest.status_field', { status: statusText(tr, s), count: message.byStatus[s] }),
          LIMITS.fieldText,
        ),
      })),
    },
    { type: 'divider' },
    section(tr('sched.digest.closed')),
    ...(message.closedThisRound.total
      ? lineSections(
          message.closedThisRound.items.map((c) => `*${c.key}* ${mrkdwnText(c.title, TITLE_MAX)}`),
          3,
        )
      : [section(tr('sched.digest.closed_none'))]),
    ...more(tr, message.closedThisRound),
    section(tr('sched.digest.overdue')),
    ...(message.overdue.total
      ? lineSections(
          message.overdue.items.map((o) => overdueLine(tr, o)),
          3,
        )
      : [section(tr('sched.digest.overdue_none'))]),
    ...more(tr, message.overdue),
    section(tr('sched.digest.not_reported')),
    ...(message.notReported.total
      ? lineSections(ownerLines(tr, message.notReported), 3)
      : [section(tr('sched.digest.all_reported'))]),
    ...more(tr, message.notReported),
    ...(message.calendarGap !== undefined
      ? [
          section(
            tr('cal.missing_year', {
              year: message.calendarGap,
              board: mrkdwnText(message.board.name, 100),
              code: message.board.code,
            }),
          ),
        ]
      : []),
  ];
  return {
    text: notification(
      tr('sched.digest.text', {
        board: boardName(message.board.name),
        round: message.round.number,
        closed,
        total: message.total,
        overdue: message.overdue.total,
      }),
    ),
    blocks,
  };
}
