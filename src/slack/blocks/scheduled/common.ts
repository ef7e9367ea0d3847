import type { ActionsBlock, KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { Language } from '../../../domain/types.js';
import type { Translator } from '../../../i18n/index.js';
import type { Listed, OwnerKeys, ProblemLine } from '../../../jobs/outbox/messages.js';
import { LIMITS, mrkdwnText, truncate } from '../limits.js';
import { formatDate } from '../../../i18n/dates.js';
import { healthText, mention } from '../problem-format.js';
import { ownerButtons, type OwnerButton } from '../owner-buttons.js';

/** What a builder returns: the blocks and the notification text. */
export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

export const TITLE_MAX = 150;
/** A note under a problem in a sent prompt ("<@U1> reported 60% · at risk"). */
export const NOTE_MAX = 300;
/** Room left in a section for "… and N more" and line breaks. */
const SECTION_BUDGET = LIMITS.sectionText - 100;

export const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
});
export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }],
});
export const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true },
});
export const notification = (text: string): string => truncate(text, LIMITS.messageText);

/** A date with its weekday ("Thu, Dec 4"; "12月4日周四"), the year only when it is not this year's. */
export function formatDay(lang: Language, date: string, today: string): string {
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(lang)
    .toLocaleString(
      sameYear
        ? { weekday: 'short', month: 'short', day: 'numeric' }
        : { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
    );
}

/** Board names are user text: escaped for mrkdwn. */
export const boardName = (name: string): string => mrkdwnText(name, 100);

/** "40% · at risk (Nov 10)", or "0% · no update yet". */
export function progressText(tr: Translator, lang: Language, problem: ProblemLine, today: string): string {
  const health = problem.health
    ? `${healthText(tr, problem.health)}${problem.lastUpdate ? ` ${tr('sched.line.last_update', { date: formatDate(lang, problem.lastUpdate, today) })}` : ''}`
    : tr('sched.line.no_update');
  return `${problem.percent}% · ${health}`;
}

/** "due Dec 20 · 40% · at risk (Nov 10)" — or OVERDUE n days, or no deadline. */
function standing(tr: Translator, lang: Language, problem: ProblemLine, today: string): string {
  const due =
    problem.daysOverdue > 0
      ? tr('list.overdue', { days: problem.daysOverdue }) +
        (problem.workingDaysOverdue !== undefined
          ? ` ${tr('cal.working_days', { days: problem.workingDaysOverdue })}`
          : '')
      : problem.deadline
        ? tr('list.due', { date: formatDate(lang, problem.deadline, today) })
        : tr('list.no_deadline');
  return `${due} · ${progressText(tr, lang, problem, today)}`;
}

/**
 * A problem with its standing, and the owner's buttons (handled by the Slack layer; value = key): one
 * actions block whatever the buttons, so a page of problems takes two blocks each.
 */
export function problemBlocks(
  tr: Translator,
  lang: Language,
  problem: ProblemLine,
  today: string,
  buttons?: readonly OwnerButton[],
): KnownBlock[] {
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `sched.${problem.key}`,
    elements: ownerButtons(tr, problem.key, buttons),
  };
  // The note is our own mrkdwn (a mention and a date token), so it is not escaped.
  const note = problem.note ? `\n${truncate(problem.note, NOTE_MAX)}` : '';
  return [
    section(`*${problem.key}*  ${mrkdwnText(problem.title, TITLE_MAX)}\n${standing(tr, lang, problem, today)}${note}`),
    actions,
  ];
}

/** Lines packed into as few sections as fit (each under Slack's 3,000 characters), at most `maxSections`. */
export function lineSections(lines: readonly string[], maxSections = 10): KnownBlock[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, SECTION_BUDGET);
    if (current && current.length + 1 + line.length > SECTION_BUDGET) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks.slice(0, maxSections).map(section);
}

/** "… and N more" when a list was cut, else nothing. */
export function more(tr: Translator, list: Listed<unknown>, shown = list.items.length): KnownBlock[] {
  const rest = list.total - shown;
  return rest > 0 ? [context(tr('sched.more', { count: rest }))] : [];
}

const OWNER_KEYS_MAX = 10;

/** "<@U1> — RECT-1, RECT-2" per owner. */
export function ownerLines(tr: Translator, owners: Listed<OwnerKeys>): string[] {
  const keys = (all: string[]) =>
    all.length > OWNER_KEYS_MAX ? `${all.slice(0, OWNER_KEYS_MAX).join(', ')} …` : all.join(', ');
  return owners.items.map((o) => tr('sched.owner_keys', { user: mention(o.userId), keys: keys(o.keys) }));
}

/** The reply-in-your-own-words example, on a real key of the message. */
export const example = (tr: Translator, key: string | undefined): string =>
  tr('sched.prompt.example', { key: key ?? 'RECT-12' });
