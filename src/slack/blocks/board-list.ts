import type { KnownBlock } from '@slack/types';
import type { Language } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';

export interface BoardSummary {
  code: string;
  name: string;
  channelId: string | null;
  timezone: string;
  language: string;
  cycleDays: number;
  anchorDate: string;
  promptTime: string;
  deadline: string | null;
  leaders: string[];
  counts: { total: number; closed: number; overdue: number };
  /** Archived boards are listed with a note: they get no prompts or reminders. */
  archived?: boolean;
  /** Board-local date, for showing dates. */
  today: string;
}

const LEADERS_SHOWN = 10;

function boardText(tr: Translator, lang: Language, b: BoardSummary): string {
  const leaders = b.leaders.slice(0, LEADERS_SHOWN).map((u) => `<@${u}>`);
  if (b.leaders.length > LEADERS_SHOWN) leaders.push(tr('modal.more', { count: b.leaders.length - LEADERS_SHOWN }));
  const lines = [
    `*${b.code}* · ${mrkdwnText(b.name, 200)}`,
    ...(b.archived ? [tr('changes.board.archived', { code: b.code })] : []),
    tr('boards.line.where', {
      channel: b.channelId ? `<#${b.channelId}>` : tr('boards.no_channel'),
      language: (['en', 'zh-CN'] as const).includes(b.language as Language)
        ? tr(`board.language.${b.language as Language}`)
        : b.language,
    }),
    tr('boards.line.cadence', {
      days: b.cycleDays,
      anchor: formatDate(lang, b.anchorDate, b.today),
      time: b.promptTime,
      timezone: b.timezone,
    }),
    tr('boards.line.leaders', { leaders: leaders.length ? leaders.join(', ') : tr('boards.no_leaders') }),
    tr('boards.line.counts', {
      total: b.counts.total,
      closed: b.counts.closed,
      open: b.counts.total - b.counts.closed,
      overdue: b.counts.overdue,
    }) + (b.deadline ? ` · ${tr('boards.line.deadline', { date: formatDate(lang, b.deadline, b.today) })}` : ''),
  ];
  return truncate(lines.join('\n'), LIMITS.sectionText);
}

/** `/closeout board list`: one section per board; beyond one message, "… and N more". */
export function boardListBlocks(tr: Translator, lang: Language, boards: BoardSummary[]): KnownBlock[] {
  if (boards.length === 0) return [{ type: 'section', text: { type: 'mrkdwn', text: tr('boards.empty') } }];
  const room = LIMITS.messageBlocks - 3; // header, context and the "more" line
  const shown = boards.slice(0, room);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: tr('boards.title', { count: boards.length }), emoji: true } },
    ...shown.map((b): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: boardText(tr, lang, b) } })),
  ];
  if (boards.length > shown.length)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr('modal.more', { count: boards.length - shown.length }) }],
    });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tr('boards.footer') }] });
  return blocks;
}
