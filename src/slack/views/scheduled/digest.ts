import type { KnownBlock } from '@slack/types';
import { PROBLEM_STATUSES } from '../../../domain/types.js';
import { translator, type Translator } from '../../../i18n/index.js';
import type { DigestMessage, OverdueLine } from '../../../jobs/messages.js';
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
export function overdueLine(tr: Translator, o: OverdueLine): string {
  return [
    `*${o.key}*`,
    tr('sched.days_overdue', { days: o.days }),
    mention(o.ownerId),
    ...(o.unit ? [mrkdwnText(o.unit, 80)] : []),
    mrkdwnText(o.title, TITLE_MAX),
  ].join(' · ');
}

/**
 * The round's digest for the channel (or leaders): totals and completion, counts by status, what closed
 * this round, what is overdue (oldest first) and who has not reported — each list cut with "… and N more".
 */
export function digestMessage(m: DigestMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const closed = m.byStatus.closed;
  const percent = m.total ? Math.round((closed / m.total) * 100) : 0;
  const summary = tr('sched.digest.summary', {
    total: m.total,
    closed,
    percent,
    overdue: m.overdue.total,
    silent: m.silentProblems,
  });
  const period = `${formatDate(lang, m.round.startDate, m.today)} – ${formatDate(lang, m.round.endDate, m.today)}`;
  const blocks: KnownBlock[] = [
    header(tr('sched.digest.header', { board: m.board.name, round: m.round.number })),
    section(`${period}\n${summary}`),
    {
      type: 'section',
      fields: PROBLEM_STATUSES.map((s) => ({
        type: 'mrkdwn' as const,
        text: truncate(
          tr('sched.digest.status_field', { status: statusText(tr, s), count: m.byStatus[s] }),
          LIMITS.fieldText,
        ),
      })),
    },
    { type: 'divider' },
    section(tr('sched.digest.closed')),
    ...(m.closedThisRound.total
      ? lineSections(
          m.closedThisRound.items.map((c) => `*${c.key}* ${mrkdwnText(c.title, TITLE_MAX)}`),
          3,
        )
      : [section(tr('sched.digest.closed_none'))]),
    ...more(tr, m.closedThisRound),
    section(tr('sched.digest.overdue')),
    ...(m.overdue.total
      ? lineSections(
          m.overdue.items.map((o) => overdueLine(tr, o)),
          3,
        )
      : [section(tr('sched.digest.overdue_none'))]),
    ...more(tr, m.overdue),
    section(tr('sched.digest.not_reported')),
    ...(m.notReported.total
      ? lineSections(ownerLines(tr, m.notReported), 3)
      : [section(tr('sched.digest.all_reported'))]),
    ...more(tr, m.notReported),
  ];
  return {
    text: notification(
      tr('sched.digest.text', {
        board: boardName(m.board.name),
        round: m.round.number,
        closed,
        total: m.total,
        overdue: m.overdue.total,
      }),
    ),
    blocks,
  };
}
