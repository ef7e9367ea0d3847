import type { KnownBlock } from '@slack/types';
import { localDate } from '../../domain/cycle.js';
import { effectiveDeadline } from '../../domain/problem-state.js';
import type { Language } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { slackTime } from './problem-format.js';
import { fileLinksLine, type FileLink } from './evidence-files.js';
import { decidedLine, outcomeButtons } from './closeout-outcome.js';

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
  /** Evidence files, listed as links under the note. */
  files?: FileLink[];
  /** The deadline that applies (the problem's, else the list-wide one). */
  deadline: string | null;
  /** Local date on the board, to show the deadline and whether it passed. */
  today: string;
  percent: number;
  measures: { done: number; total: number };
  /** Absent while pending. */
  decision?: {
    state: 'approved' | 'returned' | 'not_rectifiable';
    by: string;
    at: Date;
    reason?: string | null;
    outcome?: string | null;
  };
  lang: Language;
}

/** Done and total measures, as a request (and its modal) shows them. */
export function measureCounts(measures: { status: string }[]): { done: number; total: number } {
  return { done: measures.filter((m) => m.status === 'done').length, total: measures.length };
}

/** What the request message needs from a problem (a getProblemDetail result fits). */
interface RequestProblem {
  key: string;
  title: string;
  ownerId: string;
  percent: number;
  deadline: string | null;
  board: { code: string; name: string; timezone: string; deadline: string | null };
  measures: { status: string }[];
}

interface RequestRow {
  id: number;
  requestedBy: string;
  createdAt: Date;
  evidence: string;
  files?: FileLink[];
  state?: string;
  decidedBy?: string | null;
  decidedAt?: Date | null;
  reason?: string | null;
  outcome?: string | null;
}

/** The request message's data for one reader: pending, or with its decision once a leader decided. */
export function closeoutRequestData(
  problem: RequestProblem,
  request: RequestRow,
  reader: { lang: Language; now: Date },
): CloseoutRequestData {
  const { state, decidedBy, decidedAt } = request;
  const decided =
    (state === 'approved' || state === 'returned' || state === 'not_rectifiable') && decidedBy && decidedAt;
  return {
    requestId: request.id,
    key: problem.key,
    title: problem.title,
    board: { code: problem.board.code, name: problem.board.name, timezone: problem.board.timezone },
    ownerId: problem.ownerId,
    requestedBy: request.requestedBy,
    requestedAt: request.createdAt,
    evidence: request.evidence,
    ...(request.files?.length && { files: request.files }),
    deadline: effectiveDeadline(problem, problem.board),
    today: localDate(reader.now, problem.board.timezone),
    percent: problem.percent,
    measures: measureCounts(problem.measures),
    ...(decided && {
      decision: {
        state,
        by: decidedBy,
        at: decidedAt,
        reason: request.reason ?? null,
        outcome: request.outcome ?? null,
      },
    }),
    lang: reader.lang,
  };
}

/** The notification text (push notifications, screen readers). */
export function closeoutRequestText(tr: Translator, data: CloseoutRequestData): string {
  return truncate(
    tr('request.text', { key: data.key, title: mrkdwnText(data.title, 150), user: data.requestedBy }),
    LIMITS.messageText,
  );
}

export function closeoutRequestBlocks(tr: Translator, data: CloseoutRequestData): KnownBlock[] {
  const deadline = data.deadline
    ? data.today > data.deadline
      ? tr('request.deadline.overdue', { date: formatDate(data.lang, data.deadline, data.today) })
      : formatDate(data.lang, data.deadline, data.today)
    : tr('request.none');
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(tr('request.header', { key: data.key }), LIMITS.headerText),
        emoji: true,
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${data.key}* ${mrkdwnText(data.title, LIMITS.sectionText - 40)}` },
      fields: [
        {
          type: 'mrkdwn',
          text: `${tr('request.field.board')}\n${mrkdwnText(`${data.board.code} · ${data.board.name}`, 200)}`,
        },
        { type: 'mrkdwn', text: `${tr('request.field.owner')}\n<@${data.ownerId}>` },
        { type: 'mrkdwn', text: `${tr('request.field.deadline')}\n${deadline}` },
        {
          type: 'mrkdwn',
          text: `${tr('request.field.progress')}\n${tr('request.progress', { percent: data.percent, done: data.measures.done, total: data.measures.total })}`,
        },
      ],
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${tr('request.evidence')}\n${mrkdwnText(data.evidence, LIMITS.sectionText - 100)}`,
      },
    },
    ...(data.files?.length
      ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: fileLinksLine(tr, data.files, 2900) } }]
      : []),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: tr('request.requested', {
            user: data.requestedBy,
            time: slackTime(data.requestedAt, data.lang, data.board.timezone),
          }),
        },
      ],
    },
  ];
  if (!data.decision) {
    blocks.push({
      type: 'actions',
      block_id: `closeout_request:${data.requestId}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION.approve,
          style: 'primary',
          value: String(data.requestId),
          text: { type: 'plain_text', text: tr('request.approve') },
        },
        ...outcomeButtons(tr, data.requestId),
        {
          type: 'button',
          action_id: ACTION.returnRequest,
          value: String(data.requestId),
          text: { type: 'plain_text', text: tr('request.return') },
        },
      ],
    });
    return blocks;
  }
  const time = slackTime(data.decision.at, data.lang, data.board.timezone);
  const decided = decidedLine(tr, data.decision, time);
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: decided } });
  if (data.decision.reason) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${tr('request.reason')}\n${mrkdwnText(data.decision.reason, LIMITS.sectionText - 100)}`,
      },
    });
  }
  return blocks;
}
