import type { Button, KnownBlock, MrkdwnElement, Overflow } from '@slack/types';
import type { HistoryPage } from '../../services/problem-history.js';
import type { ProblemFlags } from '../../domain/problem-state.js';
import type { Health, Language, MeasureStatus, ProblemStatus } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';
import { localDate } from '../../domain/cycle.js';
import { healthText, mention, slackTime, statusText } from './problem-format.js';
import { problemMenu } from './problem-menu.js';
import { historyBlocks } from './problem-history.js';
import { ownerButtons, WITH_EXTENSION } from './owner-buttons.js';
import { measureCounts } from './closeout-request.js';
import { fileLinksLine, type FileLink } from './evidence-files.js';
import { longTermLines } from './closeout-outcome.js';

export interface CardRequest {
  id: number;
  state: 'pending' | 'approved' | 'returned' | 'not_rectifiable';
  requestedBy: string;
  evidence: string;
  /** Evidence files on the request (absent: none recorded). */
  files?: FileLink[];
  /** Approved: rectified or long_term; long-term ones carry their mechanisms (JSON) and follow-up date. */
  outcome?: string | null;
  mechanisms?: string | null;
  followUpDate?: string | null;
  createdAt: Date;
  decidedBy: string | null;
  /** The away leader a deputy decided for (issue 22). */
  decidedFor?: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

/** Everything a problem card shows; a getProblemDetail result plus derived flags and the viewer fits. */
export interface CardData {
  lang: Language;
  /** Today on the board's calendar (YYYY-MM-DD). */
  today: string;
  /** The owner is away until this day (issue 22). */
  ownerAwayUntil?: string | null;
  problem: {
    key: string;
    title: string;
    description: string;
    category: string | null;
    source: string | null;
    ownerId: string;
    unit: string | null;
    deadline: string | null;
    status: ProblemStatus;
    health: Health | null;
    percent: number;
    closedAt: Date | null;
    closedBy: string | null;
  };
  board: { code: string; name: string; timezone: string };
  flags: ProblemFlags;
  measures: { number: number; text: string; status: MeasureStatus; ownerId: string | null; deadline: string | null }[];
  /** Newest first. */
  updates: { authorId: string; createdAt: Date; health: Health; percent: number; note: string }[];
  /** The latest closeout request, if any. */
  request: CardRequest | null;
  /** Which buttons to offer: the owner's, or a leader's on a pending request. */
  viewer: { isOwner: boolean; canLead: boolean };
  /** One line saying who just did what (after a button was used). */
  note?: string;
  /** A moved deadline's story (its first value and how often it was extended). */
  deadlineStory?: { original: string | null; extensions: number } | null;
  /** The latest answered effectiveness check (issue 23): whether the fix held, or the problem came back. */
  effectiveness?: { state: string; answeredBy: string | null; answeredAt: Date | null } | null;
  /** A page of the problem's history, shown at the end (`/closeout show`). */
  history?: HistoryPage;
}

const DESCRIPTION_MAX = 1500;
const MEASURE_TEXT_MAX = 200;
const MEASURE_LINES_MAX = 40;
const MEASURE_SECTIONS_MAX = 3;
const UPDATES_MAX = 5;
const NOTE_MAX = 600;
const EVIDENCE_MAX = 1500;
const REASON_MAX = 1000;
/** Evidence file links: with the note and the header line, the section stays under 3000 characters. */
const FILES_MAX = 1200;

const MEASURE_EMOJI: Record<MeasureStatus, string> = {
  todo: ':white_large_square:',
  doing: ':arrows_counterclockwise:',
  done: ':white_check_mark:',
};

const field = (label: string, value: string): MrkdwnElement => ({
  type: 'mrkdwn',
  text: truncate(`${label}\n${value}`, LIMITS.fieldText),
});
const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
});
const quote = (text: string): string =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

function progressBar(percent: number): string {
  const filled = Math.round(Math.min(100, Math.max(0, percent)) / 10);
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${percent}%`;
}

function deadlineText(tr: Translator, d: CardData): string {
  const deadline = d.flags.deadline;
  if (!deadline) return tr('card.none');
  const date = formatDate(d.lang, deadline, d.today);
  const story = d.deadlineStory;
  const told =
    story?.original && d.problem.deadline
      ? tr(story.extensions > 0 ? 'changes.deadline.story' : 'changes.deadline.moved', {
          date,
          count: story.extensions,
          original: formatDate(d.lang, story.original, d.today),
        })
      : null;
  if (d.flags.overdue)
    return (
      tr('card.deadline.overdue', { date: told ?? date, days: d.flags.daysOverdue }) +
      (d.flags.workingDaysOverdue !== undefined
        ? ` ${tr('cal.working_days', { days: d.flags.workingDaysOverdue })}`
        : '')
    );
  return told ?? (d.problem.deadline ? date : tr('card.deadline.list_wide', { date }));
}

function fieldsBlock(tr: Translator, d: CardData): KnownBlock {
  const p = d.problem;
  const text = (value: string | null, max: number) => (value ? mrkdwnText(value, max) : tr('card.none'));
  const status = d.flags.stale ? `${statusText(tr, p.status)} · _${tr('card.stale')}_` : statusText(tr, p.status);
  return {
    type: 'section',
    fields: [
      field(tr('card.field.board'), `${d.board.code} · ${mrkdwnText(d.board.name, 200)}`),
      field(
        tr('card.field.owner'),
        d.ownerAwayUntil
          ? `${mention(p.ownerId)} · ${tr('away.until', { until: formatDate(d.lang, d.ownerAwayUntil, d.today) })}`
          : mention(p.ownerId),
      ),
      field(tr('card.field.unit'), text(p.unit, 500)),
      field(tr('card.field.category'), text(p.category, 200)),
      field(tr('card.field.source'), text(p.source, 500)),
      field(tr('card.field.deadline'), deadlineText(tr, d)),
      field(tr('card.field.status'), status),
      field(tr('card.field.health'), healthText(tr, p.health)),
      field(tr('card.field.progress'), progressBar(p.percent)),
    ],
  };
}

/** Measures as lines packed into at most three sections; what does not fit becomes "… and N more". */
function measureBlocks(tr: Translator, d: CardData): KnownBlock[] {
  const heading = tr('card.measures', measureCounts(d.measures));
  if (d.measures.length === 0) return [section(`${heading}\n${tr('card.measures.none')}`)];
  const sections: string[] = [heading];
  let shown = 0;
  for (const m of d.measures.slice(0, MEASURE_LINES_MAX)) {
    const extras = [
      m.ownerId ? tr('card.measure.owner', { user: m.ownerId }) : null,
      m.deadline ? tr('list.due', { date: formatDate(d.lang, m.deadline, d.today) }) : null,
    ].filter(Boolean);
    const line = `${MEASURE_EMOJI[m.status]} *${m.number}.* ${mrkdwnText(m.text, MEASURE_TEXT_MAX)}${extras.length ? ` — ${extras.join(' · ')}` : ''}`;
    const last = sections.length - 1;
    if (sections[last]!.length + 1 + line.length <= LIMITS.sectionText) {
      sections[last] = `${sections[last]}\n${line}`;
    } else if (sections.length < MEASURE_SECTIONS_MAX) {
      sections.push(line);
    } else {
      break;
    }
    shown += 1;
  }
  const blocks = sections.map(section);
  const more = d.measures.length - shown;
  if (more > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tr('card.more', { count: more }) }] });
  return blocks;
}

function updateBlocks(tr: Translator, d: CardData): KnownBlock[] {
  if (d.updates.length === 0) return [section(`${tr('card.updates')}\n${tr('card.updates.none')}`)];
  const blocks: KnownBlock[] = [section(tr('card.updates'))];
  for (const u of d.updates.slice(0, UPDATES_MAX)) {
    const head = [
      slackTime(u.createdAt, d.lang, d.board.timezone),
      mention(u.authorId),
      healthText(tr, u.health),
      `${u.percent}%`,
    ].join(' · ');
    const note = u.note.trim() ? quote(mrkdwnText(u.note.trim(), NOTE_MAX)) : `_${tr('card.update.no_note')}_`;
    blocks.push(section(`${head}\n${note}`));
  }
  const more = d.updates.length - UPDATES_MAX;
  if (more > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tr('card.more', { count: more }) }] });
  return blocks;
}

/** "Approved by X for Y": a deputy's decision names the away leader it was made for (issue 22). */
export function decidedForLine(
  tr: Translator,
  r: { state: string; decidedBy: string | null; decidedFor?: string | null },
): string | null {
  if (!r.decidedFor || !r.decidedBy) return null;
  return tr('away.decided_for', { state: r.state, deputy: r.decidedBy, leader: r.decidedFor });
}

function closeoutBlocks(tr: Translator, d: CardData): KnownBlock[] {
  const p = d.problem;
  const r = d.request;
  const time = (at: Date | null) => (at ? slackTime(at, d.lang, d.board.timezone) : tr('card.none'));
  if (p.status === 'closed') {
    const lines = [
      p.closedBy
        ? tr('card.closeout.closed', { user: p.closedBy, time: time(p.closedAt) })
        : tr('card.closeout.closed_unknown', { time: time(p.closedAt) }),
      d.flags.closedLate ? tr('card.closeout.closed_late') : null,
      r?.state === 'approved' ? decidedForLine(tr, r) : null,
      r?.state === 'approved' ? tr('card.closeout.evidence', { evidence: mrkdwnText(r.evidence, EVIDENCE_MAX) }) : null,
      r?.state === 'approved' ? fileLinksLine(tr, r.files ?? [], FILES_MAX) || null : null,
      r?.state === 'approved' ? longTermLines(tr, r, d.lang, d.today) : null,
    ];
    return [section(lines.filter(Boolean).join('\n'))];
  }
  if (r?.state === 'pending') {
    return [
      section(
        [
          tr('card.closeout.pending', { user: r.requestedBy, time: time(r.createdAt) }),
          tr('card.closeout.evidence', { evidence: mrkdwnText(r.evidence, EVIDENCE_MAX) }),
          fileLinksLine(tr, r.files ?? [], FILES_MAX),
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    ];
  }
  if (r?.state === 'not_rectifiable' && r.decidedBy) {
    return [
      section(
        `${tr('request.judged_not_rectifiable', { user: r.decidedBy, time: time(r.decidedAt) })}\n${tr('card.closeout.reason', { reason: mrkdwnText(r.reason ?? '', REASON_MAX) })}`,
      ),
    ];
  }
  if (r?.state === 'returned' && r.decidedBy) {
    return [
      section(
        `${tr('card.closeout.returned', { user: r.decidedBy, time: time(r.decidedAt) })}${r.decidedFor ? `\n${decidedForLine(tr, r)}` : ''}\n${tr('card.closeout.reason', { reason: mrkdwnText(r.reason ?? '', REASON_MAX) })}`,
      ),
    ];
  }
  return [];
}

/** "Effectiveness: held on …" or "came back on …", from the latest answered check. */
function effectivenessLine(tr: Translator, d: CardData): string | null {
  const e = d.effectiveness;
  if (!e?.answeredAt || (e.state !== 'held' && e.state !== 'came_back')) return null;
  const date = formatDate(d.lang, localDate(e.answeredAt, d.board.timezone), d.today);
  const params = { date, user: e.answeredBy ?? '?' };
  return tr(e.state === 'held' ? 'effectiveness.card.held' : 'effectiveness.card.came_back', params);
}

function buttons(tr: Translator, d: CardData): (Button | Overflow)[] {
  const p = d.problem;
  const out: (Button | Overflow)[] = [];
  const button = (actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button => ({
    type: 'button',
    action_id: actionId,
    value,
    text: { type: 'plain_text', text },
    ...(style && { style }),
  });
  if (d.viewer.isOwner && (p.status === 'open' || p.status === 'in_progress')) {
    out.push(...ownerButtons(tr, p.key, WITH_EXTENSION));
  }
  if (d.viewer.canLead && d.request?.state === 'pending' && p.status === 'closeout_requested') {
    out.push(
      button(ACTION.approve, tr('btn.approve'), String(d.request.id), 'primary'),
      button(ACTION.returnRequest, tr('btn.return'), String(d.request.id)),
    );
  }
  if (d.viewer.canLead) out.push(problemMenu(tr, p));
  return out;
}

/** Block ids on a card start with this, so a click knows it came from a card (see parsers/block-action). */
export const CARD_BLOCK_PREFIX = 'card';

/** A problem card: what it is, where it stands, what was done, and the viewer's next step. */
export function problemCardBlocks(tr: Translator, data: CardData): KnownBlock[] {
  const p = data.problem;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: `${CARD_BLOCK_PREFIX}_header`,
      text: { type: 'plain_text', text: truncate(`${p.key} · ${p.title}`, LIMITS.headerText) },
    },
    fieldsBlock(tr, data),
  ];
  if (p.status === 'withdrawn')
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:no_entry_sign: ${tr('status.withdrawn')}` }] });
  if (p.description.trim())
    blocks.push(section(`${tr('card.description')}\n${mrkdwnText(p.description.trim(), DESCRIPTION_MAX)}`));
  blocks.push(...measureBlocks(tr, data), { type: 'divider' }, ...updateBlocks(tr, data));
  const closeout = closeoutBlocks(tr, data);
  if (closeout.length) blocks.push({ type: 'divider' }, ...closeout);
  const checked = effectivenessLine(tr, data);
  if (checked) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: checked }] });
  if (data.note)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(data.note, LIMITS.sectionText) }] });
  const actions = buttons(tr, data);
  if (actions.length) blocks.push({ type: 'actions', block_id: `${CARD_BLOCK_PREFIX}_actions`, elements: actions });
  if (data.history) {
    blocks.push(
      { type: 'divider' },
      ...historyBlocks(tr, { lang: data.lang, timezone: data.board.timezone, key: p.key, page: data.history }),
    );
  }
  return blocks;
}

/** The notification text that goes with a card. */
export function problemCardText(data: CardData): string {
  return `${data.problem.key} · ${mrkdwnText(data.problem.title, 280)}`;
}
