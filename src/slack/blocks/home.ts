import type { ActionsBlock, HomeView, KnownBlock, SectionBlock } from '@slack/types';
import { localDate } from '../../domain/cycle.js';
import type { Language } from '../../domain/types.js';
import { PROBLEM_STATUSES } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import type { BoardDashboard, HomeData, HomeLimits, HomeProblem } from '../../services/home.js';
import { ACTION } from '../ids.js';
import { askBlocks } from './chat-reply.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { healthText } from './problem-format.js';
import { fileLinksLine } from './evidence-files.js';
import { ownerButtons } from './owner-buttons.js';

/**
 * What the Home loads. With every board at its fullest (a dashboard block, 3 requests and a "more" line)
 * 8 boards take 40 blocks; the owner's problems (2 blocks each) get what is left of the 100.
 */
/** Evidence links under a pending request: the section stays well within its 3000 characters. */
const FILES_MAX = 1500;

export const HOME_LIMITS: HomeLimits = { problems: 45, boards: 8, pendingPerBoard: 3, replies: 3 };

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
  if (p.overdue)
    facts.push(
      tr('home.problem.overdue', { days: p.daysOverdue }) +
        (p.workingDaysOverdue !== undefined ? ` ${tr('cal.working_days', { days: p.workingDaysOverdue })}` : ''),
    );
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
function problemBlocks(tr: Translator, data: HomeViewData, problem: HomeProblem): KnownBlock[] {
  const text = section(`*${problem.key}*  ${mrkdwnText(problem.title, TITLE_MAX)}\n${problemFacts(tr, data, problem)}`);
  if (problem.status === 'closeout_requested') return [text];
  const actions: ActionsBlock = {
    type: 'actions',
    elements: ownerButtons(tr, problem.key),
  };
  return [text, actions];
}

/** One board's dashboard: headline and status counts, then the closeout requests waiting for a decision. */
function dashboardBlocks(tr: Translator, data: HomeViewData, board: BoardDashboard): KnownBlock[] {
  const named = tr('home.board.title', { code: board.code, name: mrkdwnText(board.name, 100) });
  const title = board.archived ? `${named}\n${tr('changes.board.archived', { code: board.code })}` : named;
  if (board.total === 0) return [section(`${title}\n${tr('home.board.empty')}`)];
  const headline = tr('home.board.headline', {
    total: board.total,
    closed: board.closed,
    completion: board.completion,
    overdue: board.overdue,
    stale: board.stale,
  });
  const blocks: KnownBlock[] = [
    {
      ...section(`${title}\n${headline}`),
      fields: PROBLEM_STATUSES.map((s) => ({
        type: 'mrkdwn' as const,
        text: tr('home.board.status', { status: tr(`status.${s}`), count: board.byStatus[s] }),
      })),
    },
  ];
  // The per-unit table: one block, whatever the number of units (the rest are counted).
  if (board.units && board.units.rows.length > 0) blocks.push(unitsBlock(tr, board.units));
  const pending = board.pending.items.slice(0, HOME_LIMITS.pendingPerBoard);
  for (const r of pending) {
    blocks.push({
      ...section(
        tr('home.board.pending', {
          key: r.key,
          title: mrkdwnText(r.title, TITLE_MAX),
          user: r.requestedBy,
          date: formatDate(data.lang, localDate(r.requestedAt, board.timezone), data.today),
        }) + (r.files.length ? `\n${fileLinksLine(tr, r.files, FILES_MAX)}` : ''),
      ),
      accessory: {
        type: 'button',
        action_id: ACTION.showProblem,
        value: r.key,
        text: { type: 'plain_text', text: tr('home.board.view') },
      },
    });
  }
  const more = board.pending.total - pending.length;
  if (more > 0) blocks.push(context(tr('home.board.pending.more', { count: more, code: board.code })));
  return blocks;
}

function unitsBlock(tr: Translator, units: NonNullable<BoardDashboard['units']>): KnownBlock {
  const lines = units.rows.map((u) =>
    tr('home.units.line', {
      unit: u.unit === null ? tr('doc.none.unit') : mrkdwnText(u.unit, 60),
      open: u.open,
      overdue: u.overdue,
      onTime: u.onTimeRate === null ? '—' : `${u.onTimeRate}%`,
    }),
  );
  const more = units.total - units.rows.length;
  if (more > 0) lines.push(tr('home.units.more', { count: more }));
  return section(`${tr('home.units.title')}\n${lines.join('\n')}`);
}

function boardsPart(tr: Translator, d: HomeViewData): KnownBlock[] {
  if (!d.boards) return [];
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    header(tr(d.isAdmin ? 'home.boards.title.admin' : 'home.boards.title.leader')),
  ];
  // A country calendar running out of official data (issue 22): a few at most, each told once.
  for (const gap of (d.calendarGaps ?? []).slice(0, 3))
    blocks.push(section(tr('cal.missing_year', { year: gap.year, board: mrkdwnText(gap.name, 100), code: gap.code })));
  if (d.boards.total === 0) return [...blocks, section(tr('home.boards.empty'))];
  const shown = d.boards.items.slice(0, HOME_LIMITS.boards);
  for (const b of shown) blocks.push(...dashboardBlocks(tr, d, b));
  const more = d.boards.total - shown.length;
  if (more > 0) blocks.push(context(tr('home.boards.more', { count: more })));
  return blocks;
}

/**
 * Progress replies the user typed that wait for them to say which problem they are about: asked again here,
 * with the same buttons as the question in the DM, until they pick one or dismiss it.
 */
function repliesPart(tr: Translator, d: HomeViewData): KnownBlock[] {
  if (d.replies.total === 0) return [];
  const candidates = d.mine.items.map((p) => ({ key: p.key, title: p.title }));
  const blocks: KnownBlock[] = [header(tr('home.replies.title'))];
  for (const r of d.replies.items.slice(0, HOME_LIMITS.replies))
    blocks.push(...askBlocks(tr, { replyId: r.id, text: r.text, candidates, lead: [] }));
  const more = d.replies.total - Math.min(d.replies.items.length, HOME_LIMITS.replies);
  if (more > 0) blocks.push(context(tr('home.replies.more', { count: more })));
  return [...blocks, { type: 'divider' }];
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
/**
 * The user's absence with a button to end it (issue 22), or a button to set one (the same absence as
 * `/closeout away`).
 */
function awayPart(tr: Translator, data: HomeViewData): KnownBlock[] {
  const a = data.absence;
  if (!a)
    return [
      { type: 'divider' },
      {
        type: 'section',
        block_id: 'home_away',
        text: { type: 'mrkdwn', text: tr('away.plan_intro') },
        accessory: {
          type: 'button',
          action_id: ACTION.planAbsence,
          text: { type: 'plain_text', text: tr('away.plan_button') },
          value: 'plan',
        },
      },
    ];
  const date = (d: string) => formatDate(data.lang, d, '0000-01-01');
  return [
    { type: 'divider' },
    {
      type: 'section',
      block_id: 'home_away',
      text: {
        type: 'mrkdwn',
        text: tr('away.current', {
          start: date(a.startDate),
          until: date(a.endDate),
          delegate: a.delegateId ?? 'none',
        }),
      },
      accessory: {
        type: 'button',
        action_id: ACTION.endAbsence,
        text: { type: 'plain_text', text: tr('away.end_button') },
        value: 'end',
      },
    },
  ];
}

export function homeView(tr: Translator, data: HomeViewData): HomeView {
  const boards = boardsPart(tr, data);
  const replies = repliesPart(tr, data);
  const footer: KnownBlock[] = [...awayPart(tr, data), { type: 'divider' }, context(tr('home.footer'))];
  const mine = minePart(tr, data, LIMITS.homeBlocks - replies.length - boards.length - footer.length);
  return { type: 'home', blocks: [...replies, ...mine, ...boards, ...footer] };
}
