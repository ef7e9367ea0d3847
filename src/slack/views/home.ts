import type { ActionsBlock, HomeView, KnownBlock, SectionBlock } from '@slack/types';
import { localDate } from '../../domain/cycle.js';
import type { Language } from '../../domain/types.js';
import { PROBLEM_STATUSES } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import type { BoardDashboard, HomeData, HomeLimits, HomeProblem } from '../../services/home.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { healthText } from './problem-format.js';

/**
 * What the Home loads. With every board at its fullest (a dashboard block, 3 requests and a "more" line)
 * 8 boards take 40 blocks; the owner's problems (2 blocks each) get what is left of the 100.
 */
export const HOME_LIMITS: HomeLimits = { problems: 45, boards: 8, pendingPerBoard: 3 };

const TITLE_MAX = 150;

export interface HomeViewData extends HomeData {
  lang: Language;
  /** Today (YYYY-MM-DD) on the reader's calendar, to leave the year off this year's dates. */
  today: string;
}

const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }],
});
const section = (text: string): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
});
const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMITS.headerText) },
});

/** Due date or OVERDUE n days · percent · health · how fresh the last report is. */
function problemFacts(tr: Translator, d: HomeViewData, p: HomeProblem): string {
  const facts: string[] = [];
  if (p.overdue) facts.push(tr('home.problem.overdue', { days: p.daysOverdue }));
  else
    facts.push(
      p.deadline
        ? tr('home.problem.due', { date: formatDate(d.lang, p.deadline, d.today) })
        : tr('home.problem.no_deadline'),
    );
  facts.push(`${p.percent}%`);
  if (p.health) facts.push(healthText(tr, p.health));
  if (p.status === 'closeout_requested') facts.push(tr('home.problem.awaiting'));
  else if (p.stale) facts.push(tr('home.problem.stale'));
  else if (p.lastUpdateAt)
    facts.push(
      tr('home.problem.last_update', { date: formatDate(d.lang, localDate(p.lastUpdateAt, p.timezone), d.today) }),
    );
  return facts.join(' · ');
}

/** A problem and, while the owner still has something to do, its three buttons. */
export function problemBlocks(tr: Translator, d: HomeViewData, p: HomeProblem): KnownBlock[] {
  const text = section(`*${p.key}*  ${mrkdwnText(p.title, TITLE_MAX)}\n${problemFacts(tr, d, p)}`);
  if (p.status === 'closeout_requested') return [text];
  const actions: ActionsBlock = {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: ACTION.reportProgress,
        value: p.key,
        style: 'primary',
        text: { type: 'plain_text', text: tr('btn.report') },
      },
      {
        type: 'button',
        action_id: ACTION.noChange,
        value: p.key,
        text: { type: 'plain_text', text: tr('btn.no_change') },
      },
      {
        type: 'button',
        action_id: ACTION.requestCloseout,
        value: p.key,
        text: { type: 'plain_text', text: tr('btn.request_closeout') },
      },
    ],
  };
  return [text, actions];
}

/** One board's dashboard: headline and status counts, then the closeout requests waiting for a decision. */
export function dashboardBlocks(tr: Translator, d: HomeViewData, b: BoardDashboard): KnownBlock[] {
  const title = tr('home.board.title', { code: b.code, name: mrkdwnText(b.name, 100) });
  if (b.total === 0) return [section(`${title}\n${tr('home.board.empty')}`)];
  const headline = tr('home.board.headline', {
    total: b.total,
    closed: b.closed,
    completion: b.completion,
    overdue: b.overdue,
    stale: b.stale,
  });
  const blocks: KnownBlock[] = [
    {
      ...section(`${title}\n${headline}`),
      fields: PROBLEM_STATUSES.map((s) => ({
        type: 'mrkdwn' as const,
        text: tr('home.board.status', { status: tr(`status.${s}`), count: b.byStatus[s] }),
      })),
    },
  ];
  const pending = b.pending.items.slice(0, HOME_LIMITS.pendingPerBoard);
  for (const r of pending) {
    blocks.push({
      ...section(
        tr('home.board.pending', {
          key: r.key,
          title: mrkdwnText(r.title, TITLE_MAX),
          user: r.requestedBy,
          date: formatDate(d.lang, localDate(r.requestedAt, b.timezone), d.today),
        }),
      ),
      accessory: {
        type: 'button',
        action_id: ACTION.showProblem,
        value: r.key,
        text: { type: 'plain_text', text: tr('home.board.view') },
      },
    });
  }
  const more = b.pending.total - pending.length;
  if (more > 0) blocks.push(context(tr('home.board.pending.more', { count: more, code: b.code })));
  return blocks;
}

function boardsPart(tr: Translator, d: HomeViewData): KnownBlock[] {
  if (!d.boards) return [];
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    header(tr(d.isAdmin ? 'home.boards.title.admin' : 'home.boards.title.leader')),
  ];
  if (d.boards.total === 0) return [...blocks, section(tr('home.boards.empty'))];
  const shown = d.boards.items.slice(0, HOME_LIMITS.boards);
  for (const b of shown) blocks.push(...dashboardBlocks(tr, d, b));
  const more = d.boards.total - shown.length;
  if (more > 0) blocks.push(context(tr('home.boards.more', { count: more })));
  return blocks;
}

/** The owner's problems, as many as fit in `budget` blocks (heading and "more" line included). */
function minePart(tr: Translator, d: HomeViewData, budget: number): KnownBlock[] {
  const blocks: KnownBlock[] = [header(tr('home.mine.title'))];
  if (d.mine.total === 0) return [...blocks, section(tr('home.mine.empty'))];
  blocks.push(context(tr('home.mine.count', { total: d.mine.total, overdue: d.mine.overdue })));
  const room = budget - blocks.length - 1; // keep one for the "more" line
  let used = 0;
  let shown = 0;
  for (const p of d.mine.items) {
    const next = problemBlocks(tr, d, p);
    if (used + next.length > room) break;
    blocks.push(...next);
    used += next.length;
    shown += 1;
  }
  if (d.mine.total > shown) blocks.push(context(tr('home.mine.more', { count: d.mine.total - shown })));
  return blocks;
}

/**
 * The App Home tab: the user's own open problems with their buttons, then (for leaders and admins) each
 * board's dashboard. Always within Slack's 100 blocks, however many problems and boards there are.
 */
export function homeView(tr: Translator, d: HomeViewData): HomeView {
  const boards = boardsPart(tr, d);
  const footer: KnownBlock[] = [{ type: 'divider' }, context(tr('home.footer'))];
  const mine = minePart(tr, d, LIMITS.homeBlocks - boards.length - footer.length);
  return { type: 'home', blocks: [...mine, ...boards, ...footer] };
}
