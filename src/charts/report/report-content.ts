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

  listSection(
    tr('doc.overdue'),
    data.overdue,
    [
      ['doc.col.key', 1.3],
      ['doc.col.title', 3],
      ['doc.col.owner', 1.5],
      ['doc.col.unit', 1.6],
      ['doc.col.days_overdue', 1.1, 'right'],
      ['doc.col.latest_note', 3.5],
    ],
    (i) => [i.key, i.title, who(i.ownerId), i.unit ?? '', num(i.daysOverdue), clip(i.latestNote) || tr('doc.no_note')],
  );
  listSection(
    tr('doc.moved'),
    data.moved,
    [
      ['doc.col.key', 1.3],
      ['doc.col.title', 3.5],
      ['doc.col.from', 1.4],
      ['doc.col.to', 1.4],
      ['doc.col.reason', 4],
    ],
    (m) => [m.key, clip(m.title), day(m.from), day(m.to), clip(m.reason)],
  );
  listSection(
    tr('doc.closeouts'),
    data.closeouts,
    [
      ['doc.col.key', 1.3],
      ['doc.col.title', 3.2],
      ['doc.col.unit', 1.8],
      ['doc.col.closed_on', 1.4],
      ['doc.col.evidence', 4],
    ],
    (c) => [c.key, c.title, c.unit ?? '', dayOf(c.closedAt), clip(c.evidence) || tr('doc.no_evidence')],
  );
  listSection(
    tr('doc.mechanisms'),
    data.mechanisms,
    [
      ['doc.col.key', 1.3],
      ['doc.col.title', 3],
      ['doc.col.unit', 1.6],
      ['doc.col.mechanisms', 4.5],
      ['doc.col.follow_up', 1.4],
    ],
    (m) => [
      m.key,
      clip(m.title),
      m.unit ?? '',
      mechanismCell(m.mechanisms, (count) => tr('doc.mechanisms.more', { count })),
      m.followUpDate ? day(m.followUpDate) : '',
    ],
    tr('doc.mechanisms.none'),
  );
  listSection(
    tr('doc.next', { days: REPORT_NEXT_DAYS }),
    data.next,
    [
      ['doc.col.key', 1.3],
      ['doc.col.title', 4],
      ['doc.col.owner', 1.6],
      ['doc.col.unit', 1.8],
      ['doc.col.deadline', 1.4],
      ['doc.col.percent', 1, 'right'],
    ],
    (i) => [i.key, i.title, who(i.ownerId), i.unit ?? '', day(i.deadline), `${i.percent}%`],
  );

  return { title, blocks, page: (page, pages) => tr('doc.page', { page, pages }) };

  function rows(count: number, table: () => Block): Block {
    return count === 0 ? { kind: 'para', text: tr('doc.empty') } : table();
  }

  /** A heading, the list's shown items as a table (or a line saying there are none), then "… and N more". */
  function listSection<T>(
    heading: string,
    list: { total: number; items: T[] },
    columns: [MessageKey, number, Align?][],
    cells: (item: T) => string[],
    empty = tr('doc.empty'),
  ): void {
    blocks.push({ kind: 'heading', text: heading });
    blocks.push(
      list.items.length === 0
        ? { kind: 'para', text: empty }
        : {
            kind: 'table',
            head: columns.map(([key]) => tr(key)),
            rows: list.items.map(cells),
            widths: columns.map(([, width]) => width),
            align: columns.map(([, , align]) => align ?? 'left'),
          },
    );
    more(blocks, tr, list.total - list.items.length);
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
