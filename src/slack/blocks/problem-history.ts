import type { KnownBlock } from '@slack/types';
import type { Language } from '../../domain/types.js';
import type { MessageKey, Translator } from '../../i18n/index.js';
import type { HistoryEntry, HistoryPage } from '../../services/problem-history.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { slackTime } from './problem-format.js';

/** Entries per page: with their reasons cut to REASON_MAX, a page fits one section. */
export const HISTORY_PAGE = 10;
const REASON_MAX = 200;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Field names of an edit, in the reader's words. */
function fieldNames(tr: Translator, after: Record<string, unknown>): string {
  return Object.keys(after)
    .filter((f) => f !== 'reason' && f !== 'version')
    .map((f) =>
      ['title', 'description', 'category', 'source', 'unit', 'deadline', 'ownerId'].includes(f)
        ? tr(`changes.field.${f}` as MessageKey)
        : f,
    )
    .join(', ');
}

function what(tr: Translator, lang: Language, e: HistoryEntry): string {
  const reason = (v: unknown) => mrkdwnText(str(v) || tr('changes.none'), REASON_MAX).replace(/\n/g, ' ');
  const day = (v: unknown) => (str(v) ? formatDate(lang, str(v), '') : tr('card.none'));
  switch (e.action) {
    case 'problem.create':
    case 'problem.import':
    case 'problem.restore':
    case 'closeout.request':
    case 'closeout.approve':
      return tr(`changes.history.${e.action}`);
    case 'problem.edit':
      return tr('changes.history.problem.edit', { fields: fieldNames(tr, e.after) });
    case 'problem.deadline': {
      const moved = tr('changes.history.problem.deadline', {
        from: day(e.before.deadline),
        to: day(e.after.deadline),
        reason: reason(e.after.reason),
      });
      const others = fieldNames(tr, { ...e.after, deadline: undefined });
      return others ? `${moved} · ${tr('changes.history.problem.edit', { fields: others })}` : moved;
    }
    case 'problem.reassign':
      return tr('changes.history.problem.reassign', { from: str(e.before.ownerId), to: str(e.after.ownerId) });
    case 'problem.reopen':
      return tr('changes.history.problem.reopen', { reason: reason(e.after.reason) });
    case 'problem.withdraw':
      return tr('changes.history.problem.withdraw', { reason: str(e.after.reason) ? reason(e.after.reason) : 'none' });
    case 'closeout.return':
      return tr('changes.history.closeout.return', { reason: reason(e.after.reason) });
    case 'measure.create':
    case 'measure.edit':
    case 'measure.retire':
      return tr(`changes.history.${e.action}`, { target: e.target });
    // Effectiveness checks (issue 23): the reason of a recurrence is on the reopening beside it.
    case 'effectiveness.held':
      return tr('effectiveness.history.held');
    case 'effectiveness.came_back':
      return tr('effectiveness.history.came_back');
    case 'effectiveness.not_sure':
      return tr('effectiveness.history.not_sure', { date: day(e.after.askAgain) });
    default:
      return tr('changes.history.other', { action: e.action });
  }
}

/**
 * One page of a problem's history (newest first) in a section, with *Older changes* when there are more.
 * A page is at most HISTORY_PAGE short lines, so it stays within a section's 3000 characters.
 */
export function historyBlocks(
  tr: Translator,
  data: { lang: Language; timezone: string; key: string; page: HistoryPage },
): KnownBlock[] {
  const { page } = data;
  if (page.total === 0) return [{ type: 'context', elements: [{ type: 'mrkdwn', text: tr('changes.history.none') }] }];
  const lines = page.entries.map((e) =>
    tr('changes.history.line', {
      time: slackTime(e.at, data.lang, data.timezone),
      user: e.actorId,
      what: what(tr, data.lang, e),
    }),
  );
  const head = tr('changes.history', {
    from: page.offset + 1,
    to: page.offset + page.entries.length,
    total: page.total,
  });
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'card_history',
      text: { type: 'mrkdwn', text: truncate(`${head}\n${lines.join('\n')}`, LIMITS.sectionText) },
    },
  ];
  const next = page.offset + page.entries.length;
  if (next < page.total) {
    blocks.push({
      type: 'actions',
      block_id: 'card_history_more',
      elements: [
        {
          type: 'button',
          action_id: ACTION.historyPage,
          value: `${data.key}:${next}`,
          text: { type: 'plain_text', text: tr('changes.history.older') },
        },
      ],
    });
  }
  return blocks;
}
