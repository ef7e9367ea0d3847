import type { Button, KnownBlock } from '@slack/types';
import { ACTION } from '../ids.js';
import type { Language } from '../../domain/types.js';
import { formatDate } from '../../i18n/dates.js';
import { mechanismList } from '../../services/outcome-cells.js';
import type { OutcomeCounts } from '../../services/outcome-counts.js';
import type { Translator } from '../../i18n/index.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';

/** Pieces of the closeout views that show a decision's outcome (issue 23): long-term and not rectifiable. */

export function outcomeContext(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }] };
}

/** The owner's DM when a leader judged the problem not rectifiable: it stays open, with the reason. */
export function notRectifiableDmBlocks(
  tr: Translator,
  data: { key: string; title: string; request: { decidedBy: string | null; reason: string | null } },
): KnownBlock[] {
  const user = data.request.decidedBy ?? '';
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: tr('outcome.dm.not_rectifiable', { user, key: data.key, title: data.title }) },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: tr('signoff.reason', { reason: mrkdwnText(data.request.reason ?? '', 2000) }) },
    },
    outcomeContext(tr('outcome.dm.not_rectifiable.next')),
  ];
}

/** Lasting mechanisms as a list under a long-term closeout (cut to fit one section). */
function mechanismsText(tr: Translator, mechanisms: readonly string[], max: number): string {
  if (!mechanisms.length) return '';
  const lines = mechanisms.map((m) => `• ${mrkdwnText(m, 300)}`).join('\n');
  return truncate(`${tr('outcome.mechanisms', { count: mechanisms.length })}\n${lines}`, max);
}

/** The leaders' two further choices on a pending request, between Approve and Return. */
export function outcomeButtons(tr: Translator, requestId: number): Button[] {
  return [
    {
      type: 'button',
      action_id: ACTION.approveLongTerm,
      value: String(requestId),
      text: { type: 'plain_text', text: tr('request.approve_long_term') },
    },
    {
      type: 'button',
      action_id: ACTION.notRectifiable,
      value: String(requestId),
      text: { type: 'plain_text', text: tr('request.not_rectifiable') },
    },
  ];
}

/** "Approved by …", "Approved, long-term by …", "Returned by …" or "Not rectifiable, judged by …". */
export function decidedLine(
  tr: Translator,
  decision: { state: string; by: string; outcome?: string | null },
  time: string,
): string {
  const params = { user: decision.by, time };
  if (decision.state === 'not_rectifiable') return tr('request.judged_not_rectifiable', params);
  if (decision.state === 'returned') return tr('request.returned', params);
  return decision.outcome === 'long_term' ? tr('request.approved_long_term', params) : tr('request.approved', params);
}

/** On a card closed long-term: the outcome, its mechanisms and the follow-up date; null when rectified. */
export function longTermLines(
  tr: Translator,
  r: { outcome?: string | null; mechanisms?: string | null; followUpDate?: string | null },
  lang: Language,
  today: string,
): string | null {
  if (r.outcome !== 'long_term') return null;
  const lines = [`*${tr('outcome.long_term')}*`, mechanismsText(tr, mechanismList(r.mechanisms ?? null), 1000)];
  if (r.followUpDate) lines.push(tr('outcome.follow_up', { date: formatDate(lang, r.followUpDate, today) }));
  return lines.filter(Boolean).join('\n');
}

/**
 * The summary's outcome line, on its own line after the headline: "closed 40: 33 rectified, 7 long-term;
 * 13 mechanisms · 2 not rectifiable"; empty while nothing is closed or judged.
 */
export function outcomesLine(tr: Translator, o: OutcomeCounts | undefined): string {
  if (!o || (o.closed === 0 && o.notRectifiable === 0 && !o.recurred)) return '';
  const parts = [tr('outcome.summary', { ...o })];
  if (o.notRectifiable) parts.push(tr('outcome.summary.not_rectifiable', { count: o.notRectifiable }));
  // Effectiveness checks (issue 23): fixes confirmed to hold, and problems that came back.
  if (o.verified || o.recurred) parts.push(tr('effectiveness.summary', { verified: o.verified, recurred: o.recurred }));
  return `\n${parts.join(' · ')}`;
}
