import type { KnownBlock } from '@slack/types';
import type { Language } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { slackTime } from './problem-format.js';

/**
 * A closeout request as the board's leaders see it in their DM. Pending requests carry Approve and Return;
 * once decided, the same message is re-rendered (by the sign-off handler) with the decision instead.
 */
export interface CloseoutRequestData {
  requestId: number;
  key: string;
  title: string;
  board: { code: string; name: string; timezone: string };
  ownerId: string;
  requestedBy: string;
  requestedAt: Date;
  evidence: string;
  /** The deadline that applies (the problem's, else the list-wide one). */
  deadline: string | null;
  /** Local date on the board, to show the deadline and whether it passed. */
  today: string;
  percent: number;
  measures: { done: number; total: number };
  /** Absent while pending. */
  decision?: { state: 'approved' | 'returned'; by: string; at: Date; reason?: string | null };
  lang: Language;
}

/** The notification text (push notifications, screen readers). */
export function closeoutRequestText(tr: Translator, d: CloseoutRequestData): string {
  return truncate(
    tr('request.text', { key: d.key, title: mrkdwnText(d.title, 150), user: d.requestedBy }),
    LIMITS.messageText,
  );
}

export function closeoutRequestBlocks(tr: Translator, d: CloseoutRequestData): KnownBlock[] {
  const deadline = d.deadline
    ? d.today > d.deadline
      ? tr('request.deadline.overdue', { date: formatDate(d.lang, d.deadline, d.today) })
      : formatDate(d.lang, d.deadline, d.today)
    : tr('request.none');
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(tr('request.header', { key: d.key }), LIMITS.headerText),
        emoji: true,
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${d.key}* ${mrkdwnText(d.title, LIMITS.sectionText - 40)}` },
      fields: [
        {
          type: 'mrkdwn',
          text: `${tr('request.field.board')}\n${mrkdwnText(`${d.board.code} · ${d.board.name}`, 200)}`,
        },
        { type: 'mrkdwn', text: `${tr('request.field.owner')}\n<@${d.ownerId}>` },
        { type: 'mrkdwn', text: `${tr('request.field.deadline')}\n${deadline}` },
        {
          type: 'mrkdwn',
          text: `${tr('request.field.progress')}\n${tr('request.progress', { percent: d.percent, done: d.measures.done, total: d.measures.total })}`,
        },
      ],
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${tr('request.evidence')}\n${mrkdwnText(d.evidence, LIMITS.sectionText - 100)}` },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: tr('request.requested', {
            user: d.requestedBy,
            time: slackTime(d.requestedAt, d.lang, d.board.timezone),
          }),
        },
      ],
    },
  ];
  if (!d.decision) {
    blocks.push({
      type: 'actions',
      block_id: `closeout_request:${d.requestId}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION.approve,
          style: 'primary',
          value: String(d.requestId),
          text: { type: 'plain_text', text: tr('request.approve') },
        },
        {
          type: 'button',
          action_id: ACTION.returnRequest,
          value: String(d.requestId),
          text: { type: 'plain_text', text: tr('request.return') },
        },
      ],
    });
    return blocks;
  }
  const time = slackTime(d.decision.at, d.lang, d.board.timezone);
  const decided =
    d.decision.state === 'approved'
      ? tr('request.approved', { user: d.decision.by, time })
      : tr('request.returned', { user: d.decision.by, time });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: decided } });
  if (d.decision.reason) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${tr('request.reason')}\n${mrkdwnText(d.decision.reason, LIMITS.sectionText - 100)}`,
      },
    });
  }
  return blocks;
}
