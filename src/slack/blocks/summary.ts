import type { KnownBlock, SectionBlock } from '@slack/types';
import { localDate } from '../../domain/cycle.js';
import { PROBLEM_STATUSES, type Language } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import {
  DUE_SOON_DAYS,
  type BoardSummary,
  type BreakdownRow,
  type ItemList,
  type SummaryItem,
} from '../../services/summary-types.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { outcomesLine } from './closeout-outcome.js';
import { mention } from './problem-format.js';

/** Lines per list and breakdown rows shown; each list stays one section far below 3,000 characters. */
export const SUMMARY_LIST_MAX = 10;
export const SUMMARY_ROWS_MAX = 20;
const BAR_CELLS = 10;
const TITLE_MAX = 70;
const NAME_MAX = 40;

/** A text progress bar, e.g. ▰▰▰▰▰▰▰▱▱▱ for 6 of 8: rounded down like the completion percent. */
export function progressBar(done: number, total: number, cells = BAR_CELLS): string {
  const filled = total === 0 ? 0 : Math.floor((done * cells) / total);
  return '▰'.repeat(filled) + '▱'.repeat(cells - filled);
}

const section = (text: string): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
});

/** A heading and up to `max` lines, then "… and N more" for what is left of `total`. */
function listSection<T>(
  tr: Translator,
  heading: string,
  items: T[],
  total: number,
  line: (item: T) => string,
  max = SUMMARY_LIST_MAX,
): SectionBlock {
  const lines = items.slice(0, max).map(line);
  const shown = lines.length;
  if (total > shown) lines.push(tr('summary.more', { count: total - shown }));
  return section([heading, ...lines].join('\n'));
}

function itemTitle(i: SummaryItem): string {
  return mrkdwnText(i.title, TITLE_MAX);
}

/** The one-line notification text of the summary message. */
export function summaryText(tr: Translator, summary: BoardSummary): string {
  return truncate(
    `${tr('summary.title', { name: mrkdwnText(summary.board.name, 100), code: summary.board.code })}: ${headline(tr, summary)}`,
    LIMITS.messageText,
  );
}

function headline(tr: Translator, s: BoardSummary): string {
  return tr('summary.headline', {
    total: s.total,
    closed: s.closed,
    completion: s.completion,
    overdue: s.overdue.total,
    stale: s.stale.total,
  });
}

/** A breakdown row's name: an owner as a mention, others as (escaped) text. */
function rowName(tr: Translator, s: BoardSummary, r: BreakdownRow): string {
  if (r.key === null) return tr('summary.row.none', { by: s.by });
  return s.by === 'owner' ? mention(r.key) : `*${mrkdwnText(r.key, NAME_MAX)}*`;
}

function itemList(
  tr: Translator,
  heading: string,
  none: string,
  list: ItemList,
  line: (i: SummaryItem) => string,
): SectionBlock {
  return list.total === 0 ? section(none) : listSection(tr, heading, list.items, list.total, line);
}

/**
 * `/closeout summary` for a board: completion and counts by status, what moved since the last round, a
 * bar per category (or unit, or owner), then the overdue, stale and due-soon lists. About a dozen blocks
 * whatever the board's size (Slack allows 50).
 */
export function summaryBlocks(tr: Translator, lang: Language, summary: BoardSummary): KnownBlock[] {
  const date = (d: string) => formatDate(lang, d, summary.today);
  const contextText = summary.board.deadline
    ? tr('summary.context.deadline', {
        today: date(summary.today),
        start: date(summary.cycle.startDate),
        end: date(summary.cycle.endDate),
        deadline: date(summary.board.deadline),
      })
    : tr('summary.context', {
        today: date(summary.today),
        start: date(summary.cycle.startDate),
        end: date(summary.cycle.endDate),
      });
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(tr('summary.title', { name: summary.board.name, code: summary.board.code }), LIMITS.headerText),
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: contextText }] },
  ];
  if (summary.total === 0) return [...blocks, section(tr('summary.empty'))];

  blocks.push({
    ...section(
      `${headline(tr, summary)}${outcomesLine(tr, summary.outcomes)}\n${tr('summary.change', { date: date(summary.change.since), closed: summary.change.closed, overdue: summary.change.newlyOverdue, created: summary.change.created })} · ${tr('changes.summary.extended', { count: summary.change.extended })}${summary.extensionsGranted ? ` (${tr('extension.summary', { count: summary.extensionsGranted })})` : ''}`,
    ),
    fields: PROBLEM_STATUSES.map((st) => ({
      type: 'mrkdwn' as const,
      text: tr('summary.status', { status: tr(`status.${st}`), count: summary.byStatus[st] }),
    })),
  });
  blocks.push({ type: 'divider' });
  blocks.push(
    listSection(
      tr,
      tr('summary.breakdown', { by: summary.by }),
      summary.rows,
      summary.rows.length,
      (r) =>
        tr('summary.row.line', {
          bar: progressBar(r.closed, r.total),
          name: rowName(tr, summary, r),
          closed: r.closed,
          total: r.total,
          completion: r.completion,
          overdue: r.overdue,
        }),
      SUMMARY_ROWS_MAX,
    ),
  );
  blocks.push({ type: 'divider' });

  blocks.push(
    itemList(
      tr,
      tr('summary.overdue', { count: summary.overdue.total }),
      tr('summary.overdue.none'),
      summary.overdue,
      (i) =>
        tr('summary.overdue.line', {
          key: i.key,
          title: itemTitle(i),
          days: i.daysOverdue,
          owner: i.ownerId,
          unit: i.unit ? ` · ${mrkdwnText(i.unit, NAME_MAX)}` : '',
        }) + (i.workingDaysOverdue !== undefined ? ` ${tr('cal.working_days', { days: i.workingDaysOverdue })}` : ''),
    ),
  );
  blocks.push(
    itemList(tr, tr('summary.stale', { count: summary.stale.total }), tr('summary.stale.none'), summary.stale, (i) =>
      tr('summary.stale.line', {
        key: i.key,
        title: itemTitle(i),
        owner: i.ownerId,
        last: i.lastUpdateAt
          ? tr('summary.stale.last', { date: date(localDate(i.lastUpdateAt, summary.board.timezone)) })
          : tr('summary.stale.never'),
      }),
    ),
  );
  blocks.push(
    itemList(
      tr,
      tr('summary.due_soon', { days: DUE_SOON_DAYS, count: summary.dueSoon.total }),
      tr('summary.due_soon.none', { days: DUE_SOON_DAYS }),
      summary.dueSoon,
      (i) =>
        tr('summary.due_soon.line', {
          key: i.key,
          title: itemTitle(i),
          date: date(i.deadline ?? summary.today),
          owner: i.ownerId,
          percent: i.percent,
        }),
    ),
  );
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: tr('summary.footer', { code: summary.board.code }) }],
  });
  return blocks;
}
