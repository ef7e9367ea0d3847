import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { localDate } from '../../domain/cycle.js';
import type { ProblemFlags } from '../../domain/problem-state.js';
import type { Health, Language, ProblemStatus } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { encodeListPage, type ListPage } from '../parsers/list-args.js';
import { mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { healthText, mention, statusText } from './problem-format.js';

/** One problem as a list line shows it (a listProblems item fits). */
export interface ProblemLine {
  key: string;
  title: string;
  ownerId: string;
  status: ProblemStatus;
  health: Health | null;
  percent: number;
  closedAt: Date | null;
  flags: ProblemFlags;
  board: { timezone: string };
}

export interface ListData {
  lang: Language;
  /** Today on the reader's calendar (YYYY-MM-DD), to leave the year off this year's dates. */
  today: string;
  page: ListPage;
  pageSize: number;
  total: number;
  items: ProblemLine[];
}

/** Problems per message: 20 lines, their group labels and the paging row stay far below 50 blocks. */
export const LIST_PAGE_SIZE = 20;
const TITLE_MAX = 90;

type Group = 'overdue' | 'active' | 'awaiting' | 'closed';
const GROUP_ORDER: Group[] = ['overdue', 'active', 'awaiting', 'closed'];

function groupOf(p: ProblemLine): Group {
  if (p.status === 'closed') return 'closed';
  if (p.flags.overdue) return 'overdue';
  return p.status === 'closeout_requested' ? 'awaiting' : 'active';
}

/** `RECT-12  Title` and a second line: owner · due / OVERDUE · percent · health · status. */
function problemLineText(tr: Translator, lang: Language, today: string, problem: ProblemLine): string {
  const facts: string[] = [mention(problem.ownerId)];
  if (problem.status === 'closed') {
    if (problem.closedAt)
      facts.push(
        tr('list.closed_on', { date: formatDate(lang, localDate(problem.closedAt, problem.board.timezone), today) }),
      );
    if (problem.flags.closedLate) facts.push(`:warning: ${tr('list.closed_late')}`);
  } else if (problem.flags.overdue) {
    facts.push(
      `:warning: ${tr('list.overdue', { days: problem.flags.daysOverdue })}` +
        (problem.flags.workingDaysOverdue !== undefined
          ? ` ${tr('cal.working_days', { days: problem.flags.workingDaysOverdue })}`
          : ''),
    );
  } else {
    facts.push(
      problem.flags.deadline
        ? tr('list.due', { date: formatDate(lang, problem.flags.deadline, today) })
        : tr('list.no_deadline'),
    );
  }
  facts.push(`${problem.percent}%`);
  if (problem.health) facts.push(healthText(tr, problem.health));
  facts.push(statusText(tr, problem.status));
  if (problem.flags.stale) facts.push(`_${tr('list.stale')}_`);
  return `*${problem.key}*  ${mrkdwnText(problem.title, TITLE_MAX)}\n${facts.join(' · ')}`;
}

/** A list line with its *View* button. */
export function problemLineBlock(tr: Translator, lang: Language, today: string, problem: ProblemLine): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: problemLineText(tr, lang, today, problem) },
    accessory: {
      type: 'button',
      action_id: ACTION.showProblem,
      value: problem.key,
      text: { type: 'plain_text', text: tr('list.view') },
    },
  };
}

function titleOf(tr: Translator, page: ListPage): string {
  return page.owner
    ? tr('list.title.owner', { view: page.view, user: page.owner })
    : tr('list.title', { view: page.view });
}

function filtersOf(tr: Translator, page: ListPage): string[] {
  return [
    page.board ? tr('list.filter.board', { code: page.board }) : null,
    page.category ? tr('list.filter.category', { name: mrkdwnText(page.category, 75) }) : null,
    page.unit ? tr('list.filter.unit', { name: mrkdwnText(page.unit, 200) }) : null,
  ].filter((f): f is string => f !== null);
}

/** The plain-text summary that goes with the blocks (notifications, screen readers). */
export function problemListText(tr: Translator, data: ListData): string {
  const title = titleOf(tr, data.page);
  if (data.total === 0) return `${title}: ${tr('list.empty')}`;
  const to = Math.min(data.page.offset + data.items.length, data.total);
  return `${title} — ${tr('list.range', { from: data.page.offset + 1, to, total: data.total })}`;
}

/**
 * One page of a problem list: title, range and filters, then the page's lines grouped (overdue, in work,
 * waiting for sign-off, closed) in the service's order within each group, then Previous/Next buttons.
 */
export function problemListBlocks(tr: Translator, data: ListData): KnownBlock[] {
  const { page, total, items } = data;
  const title = titleOf(tr, page);
  const context = [
    total === 0
      ? tr('list.empty')
      : tr('list.range', { from: page.offset + 1, to: Math.min(page.offset + items.length, total), total }),
    ...filtersOf(tr, page),
  ].join(' · ');
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${mrkdwnText(title, 200)}*` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(context, 3000) }] },
  ];
  if (items.length === 0) return blocks;

  const groups = new Map<Group, ProblemLine[]>();
  for (const item of items) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
  const labelled = groups.size > 1;
  for (const group of GROUP_ORDER) {
    const lines = groups.get(group);
    if (!lines) continue;
    if (labelled) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tr(`list.group.${group}`) }] });
    for (const p of lines) blocks.push(problemLineBlock(tr, data.lang, data.today, p));
  }

  const nav: Button[] = [];
  if (page.offset > 0) {
    const prev = { ...page, offset: Math.max(0, page.offset - data.pageSize) };
    nav.push({
      type: 'button',
      action_id: `${ACTION.listPage}.prev`,
      value: encodeListPage(prev),
      text: { type: 'plain_text', text: tr('list.prev') },
    });
  }
  if (page.offset + items.length < total) {
    const next = { ...page, offset: page.offset + data.pageSize };
    nav.push({
      type: 'button',
      action_id: `${ACTION.listPage}.next`,
      value: encodeListPage(next),
      text: { type: 'plain_text', text: tr('list.next') },
    });
  }
  if (nav.length) blocks.push({ type: 'actions', block_id: 'list_nav', elements: nav } satisfies ActionsBlock);
  return blocks;
}
