import { formatDate } from '../../i18n/dates.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Language } from '../../domain/types.js';
import { REPORT_NEXT_DAYS } from '../../domain/report.js';
// Types only: the worker that lays the report out loads no services (nor Prisma, nor zod) through here.
import type { ReportData, ReportRow } from '../../services/report-data.js';

/**
 * What the progress report says, once, as plain blocks: the Word and the PDF writers (report-docx.ts,
 * report-pdf.ts) only lay these out, so the two files always carry the same words and numbers.
 */

export type Align = 'left' | 'right';

export interface TableBlock {
  kind: 'table';
  head: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
  align: Align[];
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'image'; png: Uint8Array; width: number; height: number }
  | TableBlock;

export interface ReportContent {
  /** The document's title (also its metadata title). */
  title: string;
  blocks: Block[];
  /** "Page {page} of {pages}" in the report's language, for footers. */
  page: (page: number, pages: number) => string;
}

export interface ReportInput {
  data: ReportData;
  lang: Language;
  /** The chart, PNG (null: none, e.g. an empty board). */
  chart: { png: Uint8Array; width: number; height: number } | null;
  /** Display names of owners, by Slack ID; IDs are shown where missing. */
  names?: Record<string, string>;
}

/** A row of the overall figures: its label and its value. */
type Figure = [MessageKey, string];

const pct = (n: number | null) => (n === null ? '—' : `${n}%`);

/** Cells stay a few lines long: a note or evidence of pages would make a row taller than a page. */
const CELL_CHARS = 400;
const clip = (s: string) => {
  const chars = Array.from(s);
  return chars.length <= CELL_CHARS ? s : `${chars.slice(0, CELL_CHARS - 1).join('')}…`;
};

export function reportContent({ data, lang, chart, names = {} }: ReportInput): ReportContent {
  const tr = (key: MessageKey, params: Record<string, string | number> = {}) => t(lang, key, params);
  const s = data.summary;
  const day = (d: string | null) => (d ? formatDate(lang, d, s.today) : tr('doc.no_deadline'));
  const dayOf = (at: Date | null) => (at ? day(at.toISOString().slice(0, 10)) : '');
  const who = (id: string) => names[id] ?? id;
  const num = (n: number) => n.toLocaleString(lang);
  const blocks: Block[] = [];
  const title = s.unit
    ? tr('doc.title.unit', { name: s.board.name, code: s.board.code, unit: s.unit })
    : tr('doc.title', { name: s.board.name, code: s.board.code });
  blocks.push({ kind: 'title', text: title });
  const round = {
    date: formatDate(lang, s.today, '0000-00-00'),
    round: s.cycle.index + 1,
    start: day(s.cycle.startDate),
    end: day(s.cycle.endDate),
  };
  blocks.push({
    kind: 'subtitle',
    text: s.board.deadline
      ? tr('doc.asof.deadline', { ...round, deadline: day(s.board.deadline) })
      : tr('doc.asof', round),
  });

  blocks.push({ kind: 'heading', text: tr('doc.overall') });
  // Closeout outcomes (issue 23): the summary's own counts (services/outcome-counts.ts), so the document
  // says what `/closeout summary` says.
  const o = s.outcomes;
  const howClosed: Figure[] = o
    ? [
        ['doc.fig.rectified', num(o.rectified)],
        ['doc.fig.long_term', num(o.longTerm)],
        ['doc.fig.mechanisms', num(o.mechanisms)],
      ]
    : [];
  const figures: Figure[] = [
    ['doc.fig.problems', num(s.total)],
    ['doc.fig.measures', num(data.measures)],
    ['doc.fig.closed', num(s.closed)],
    ...howClosed,
    ['doc.fig.in_progress', num(s.total - s.closed)],
    ...(o ? ([['doc.fig.not_rectifiable', num(o.notRectifiable)]] satisfies Figure[]) : []),
    ['doc.fig.overdue', num(s.overdue.total)],
    ['doc.fig.completion', `${s.completion}%`],
    [
      'doc.fig.round',
      tr('doc.fig.round.value', {
        closed: s.change.closed,
        overdue: s.change.newlyOverdue,
        created: s.change.created,
        extended: s.change.extended,
      }),
    ],
  ];
  // Effectiveness checks (issue 23): fixes verified effective, and problems that came back.
  if (o && (o.verified || o.recurred))
    figures.push([
      'doc.fig.effectiveness',
      tr('effectiveness.summary', { verified: o.verified, recurred: o.recurred }),
    ]);
  blocks.push({
    kind: 'table',
    head: [],
    rows: figures.map(([k, v]) => [tr(k), v]),
    widths: [2, 5],
    align: ['left', 'left'],
  });

  if (chart) {
    blocks.push({ kind: 'heading', text: tr('doc.chart') });
    blocks.push({ kind: 'image', ...chart });
  }

  const rowTable = (rows: ReportRow[], first: MessageKey, none: MessageKey): Block => ({
    kind: 'table',
    head: [first, 'doc.col.total', 'doc.col.closed', 'doc.col.in_progress', 'doc.col.overdue', 'doc.col.on_time'].map(
      (k) => tr(k as MessageKey),
    ),
    rows: rows.map((r) => [
      r.key ?? tr(none),
      num(r.total),
      num(r.closed),
      num(r.total - r.closed),
      num(r.overdue),
      pct(r.onTimeRate),
    ]),
    widths: [4, 1.2, 1.2, 1.4, 1.2, 1.6],
    align: ['left', 'right', 'right', 'right', 'right', 'right'],
  });
  blocks.push({ kind: 'heading', text: tr('doc.by_category') });
  blocks.push(rows(data.byCategory.length, () => rowTable(data.byCategory, 'doc.col.category', 'doc.none.category')));
  blocks.push({ kind: 'heading', text: tr('doc.by_unit') });
  blocks.push(rows(data.byUnit.length, () => rowTable(data.byUnit, 'doc.col.unit', 'doc.none.unit')));
  blocks.push({ kind: 'note', text: tr('doc.on_time.note') });

  blocks.push({ kind: 'heading', text: tr('doc.overdue') });
  blocks.push(
    rows(data.overdue.items.length, () => ({
      kind: 'table',
      head: [
        'doc.col.key',
        'doc.col.title',
        'doc.col.owner',
        'doc.col.unit',
        'doc.col.days_overdue',
        'doc.col.latest_note',
      ].map((k) => tr(k as MessageKey)),
      rows: data.overdue.items.map((i) => [
        i.key,
        i.title,
        who(i.ownerId),
        i.unit ?? '',
        num(i.daysOverdue),
        clip(i.latestNote) || tr('doc.no_note'),
      ]),
      widths: [1.3, 3, 1.5, 1.6, 1.1, 3.5],
      align: ['left', 'left', 'left', 'left', 'right', 'left'],
    })),
  );
  more(blocks, tr, data.overdue.total - data.overdue.items.length);

  blocks.push({ kind: 'heading', text: tr('doc.moved') });
  blocks.push(
    rows(data.moved.items.length, () => ({
      kind: 'table',
      head: ['doc.col.key', 'doc.col.title', 'doc.col.from', 'doc.col.to', 'doc.col.reason'].map((k) =>
        tr(k as MessageKey),
      ),
      rows: data.moved.items.map((m) => [m.key, clip(m.title), day(m.from), day(m.to), clip(m.reason)]),
      widths: [1.3, 3.5, 1.4, 1.4, 4],
      align: ['left', 'left', 'left', 'left', 'left'],
    })),
  );
  more(blocks, tr, data.moved.total - data.moved.items.length);

  blocks.push({ kind: 'heading', text: tr('doc.closeouts') });
  blocks.push(
    rows(data.closeouts.items.length, () => ({
      kind: 'table',
      head: ['doc.col.key', 'doc.col.title', 'doc.col.unit', 'doc.col.closed_on', 'doc.col.evidence'].map((k) =>
        tr(k as MessageKey),
      ),
      rows: data.closeouts.items.map((c) => [
        c.key,
        c.title,
        c.unit ?? '',
        dayOf(c.closedAt),
        clip(c.evidence) || tr('doc.no_evidence'),
      ]),
      widths: [1.3, 3.2, 1.8, 1.4, 4],
      align: ['left', 'left', 'left', 'left', 'left'],
    })),
  );
  more(blocks, tr, data.closeouts.total - data.closeouts.items.length);

  blocks.push({ kind: 'heading', text: tr('doc.mechanisms') });
  blocks.push(
    data.mechanisms.items.length === 0
      ? { kind: 'para', text: tr('doc.mechanisms.none') }
      : {
          kind: 'table',
          head: ['doc.col.key', 'doc.col.title', 'doc.col.unit', 'doc.col.mechanisms', 'doc.col.follow_up'].map((k) =>
            tr(k as MessageKey),
          ),
          rows: data.mechanisms.items.map((m) => [
            m.key,
            clip(m.title),
            m.unit ?? '',
            mechanismCell(m.mechanisms, (count) => tr('doc.mechanisms.more', { count })),
            m.followUpDate ? day(m.followUpDate) : '',
          ]),
          widths: [1.3, 3, 1.6, 4.5, 1.4],
          align: ['left', 'left', 'left', 'left', 'left'],
        },
  );
  more(blocks, tr, data.mechanisms.total - data.mechanisms.items.length);

  blocks.push({ kind: 'heading', text: tr('doc.next', { days: REPORT_NEXT_DAYS }) });
  blocks.push(
    rows(data.next.items.length, () => ({
      kind: 'table',
      head: [
        'doc.col.key',
        'doc.col.title',
        'doc.col.owner',
        'doc.col.unit',
        'doc.col.deadline',
        'doc.col.percent',
      ].map((k) => tr(k as MessageKey)),
      rows: data.next.items.map((i) => [
        i.key,
        i.title,
        who(i.ownerId),
        i.unit ?? '',
        day(i.deadline),
        `${i.percent}%`,
      ]),
      widths: [1.3, 4, 1.6, 1.8, 1.4, 1],
      align: ['left', 'left', 'left', 'left', 'left', 'right'],
    })),
  );
  more(blocks, tr, data.next.total - data.next.items.length);

  return { title, blocks, page: (page, pages) => tr('doc.page', { page, pages }) };

  function rows(count: number, table: () => Block): Block {
    return count === 0 ? { kind: 'para', text: tr('doc.empty') } : table();
  }
}

/**
 * A closeout's mechanisms, numbered one a line, as many as fit in a cell's length (a closeout may list 50
 * of 500 characters each); the rest are counted.
 */
function mechanismCell(mechanisms: string[], rest: (count: number) => string): string {
  const lines: string[] = [];
  let used = 0;
  for (const [i, m] of mechanisms.entries()) {
    const line = clip(`${i + 1}. ${m}`);
    if (lines.length > 0 && used + line.length > CELL_CHARS) {
      lines.push(rest(mechanisms.length - i));
      break;
    }
    lines.push(line);
    used += line.length;
  }
  return lines.join('\n');
}

function more(blocks: Block[], tr: (key: MessageKey, p?: Record<string, number>) => string, count: number): void {
  if (count > 0) blocks.push({ kind: 'note', text: tr('doc.more', { count }) });
}
