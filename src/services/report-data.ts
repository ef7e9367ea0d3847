import { addDays, cycleAt } from '../domain/cycle.js';
import { effectiveDeadline, isClosedLate } from '../domain/problem-state.js';
import { REPORT_NEXT_DAYS } from '../domain/report.js';
import { ON_LIST } from './on-list.js';
import { lastingMechanisms, type LastingMechanisms } from './outcome-counts.js';
import {
  NOT_CLOSED,
  breakdownRows,
  byEffectiveDeadline,
  effectiveDeadlineIn,
  onBoard,
  type Db,
  type ScopedBoard,
} from './summary-queries.js';
import type { BoardSummary, BreakdownRow, SummaryBoard, SummaryItem } from './summary-types.js';
import { summarizeBoard } from './summary.js';

/**
 * The progress report a leader sends upward (issue 24): the summary's figures and lists, plus what only the
 * document shows. Every number is the summary's own (summarizeBoard, breakdownRows, byEffectiveDeadline:
 * the same queries as `/closeout summary` and the chart), with a few short queries for the document's own
 * lists, each bounded. Plain data: it crosses to the report worker by structured cloning.
 */

/** Items each of the document's lists shows; the rest are counted ("… and N more"). */
const REPORT_LIST_LIMIT = 50;

/** A breakdown row with what the document adds: how many were closed by their deadline. */
export interface ReportRow extends BreakdownRow {
  /** Closed on or before the effective deadline (or with none). */
  closedOnTime: number;
  /**
   * Whole percent closed on time of those whose timeliness is known: closed (on time or late) plus overdue
   * (already late). Null when there are none.
   */
  onTimeRate: number | null;
}

interface OverdueEntry extends SummaryItem {
  /** The owner's latest progress note ('' when none was written). */
  latestNote: string;
}

interface MovedDeadline {
  key: string;
  title: string;
  from: string | null;
  to: string | null;
  reason: string;
  at: Date;
}

interface CloseoutEntry {
  key: string;
  title: string;
  unit: string | null;
  ownerId: string;
  closedAt: Date | null;
  /** The evidence of the approved closeout request, '' when it was closed without one. */
  evidence: string;
}

export interface ReportData {
  summary: BoardSummary;
  /** Measures (not retired) of the problems on the list. */
  measures: number;
  byCategory: ReportRow[];
  byUnit: ReportRow[];
  overdue: { total: number; items: OverdueEntry[] };
  moved: { total: number; items: MovedDeadline[] };
  closeouts: { total: number; items: CloseoutEntry[] };
  next: { total: number; items: SummaryItem[] };
  /**
   * The lasting mechanisms of the long-term closeouts in force, by problem. Their counts (rectified,
   * long-term, mechanisms, not rectifiable) are the summary's own: `summary.outcomes`.
   */
  mechanisms: { total: number; items: LastingMechanisms[] };
}

interface ReportOptions {
  unit?: string | null;
  listLimit?: number;
}

/** The report's data for a board (or one unit of it) as of `now`. No permission check: callers decide. */
export async function reportData(
  db: Db,
  whole: SummaryBoard,
  now: Date,
  opts: ReportOptions = {},
): Promise<ReportData> {
  const limit = opts.listLimit ?? REPORT_LIST_LIMIT;
  const board: ScopedBoard = opts.unit ? { ...whole, scopeUnit: opts.unit } : whole;
  const summary = await summarizeBoard(db, whole, now, { by: 'category', listLimit: limit, unit: opts.unit ?? null });
  const today = summary.today;
  // The round's first instant: the summary's "this round" (closed, extended) starts there too.
  const cycleStart = cycleAt(whole, now).start;
  const scope = onBoard(board);
  const [measures, unitRows, onTime, notes, moved, closeouts, next, mechanisms] = await Promise.all([
    db.measure.count({ where: { retiredAt: null, problem: { ...scope, ...ON_LIST } } }),
    breakdownRows(db, board, 'unit', today),
    closedOnTime(db, board),
    latestNotes(
      db,
      board.id,
      summary.overdue.items.map((i) => i.key),
    ),
    movedDeadlines(db, scope, cycleStart, limit),
    closedThisRound(db, scope, cycleStart, limit),
    byEffectiveDeadline(
      db,
      board,
      now,
      {
        ...scope,
        ...NOT_CLOSED,
        AND: [effectiveDeadlineIn(board, { gte: today, lte: addDays(today, REPORT_NEXT_DAYS) })],
      },
      limit,
    ),
    lastingMechanisms(db, scope, limit),
  ]);
  return {
    summary,
    measures,
    byCategory: summary.rows.map((r) => withOnTime(r, onTime.category.get(r.key) ?? 0)),
    byUnit: unitRows.map((r) => withOnTime(r, onTime.unit.get(r.key) ?? 0)),
    overdue: {
      total: summary.overdue.total,
      items: summary.overdue.items.map((i) => ({ ...i, latestNote: notes.get(i.key) ?? '' })),
    },
    moved,
    closeouts,
    next,
    mechanisms,
  };
}

function withOnTime(r: BreakdownRow, onTime: number): ReportRow {
  const known = r.closed + r.overdue;
  return { ...r, closedOnTime: onTime, onTimeRate: known === 0 ? null : Math.floor((onTime * 100) / known) };
}

/**
 * Closed problems that met their deadline, per category and per unit: closed problems' deadline and
 * closing time (four short columns each), compared on the board's calendar as isClosedLate does.
 */
async function closedOnTime(db: Db, board: ScopedBoard, units?: (string | null)[]) {
  const closed = await db.problem.findMany({
    where: { ...onBoard(board), status: 'closed', ...(units && { OR: unitsIn(units) }) },
    select: { category: true, unit: true, deadline: true, closedAt: true },
  });
  const category = new Map<string | null, number>();
  const unit = new Map<string | null, number>();
  for (const p of closed) {
    const facts = {
      status: 'closed' as const,
      closedAt: p.closedAt,
      lastUpdateAt: null,
      deadline: effectiveDeadline(p, board),
    };
    if (isClosedLate(facts, board.timezone)) continue;
    category.set(p.category, (category.get(p.category) ?? 0) + 1);
    unit.set(p.unit, (unit.get(p.unit) ?? 0) + 1);
  }
  return { category, unit };
}

const unitsIn = (units: (string | null)[]) => [
  { unit: { in: units.filter((u): u is string => u !== null) } },
  ...(units.includes(null) ? [{ unit: null }] : []),
];

/** One line of a leader's per-unit table (App Home): open, overdue and on-time rate. */
export interface UnitLine {
  unit: string | null;
  open: number;
  overdue: number;
  onTimeRate: number | null;
}

/**
 * The units with the most problems still open, first `limit` of them, with the report's on-time rate: the
 * same breakdown query as `summary by:unit` and the report, closed problems read for the shown units only.
 */
export async function unitLines(
  db: Db,
  board: SummaryBoard,
  today: string,
  limit: number,
): Promise<{ total: number; rows: UnitLine[] }> {
  const rows = await breakdownRows(db, board, 'unit', today);
  const shown = rows.slice(0, limit);
  const onTime = shown.length
    ? (
        await closedOnTime(
          db,
          board,
          shown.map((r) => r.key),
        )
      ).unit
    : new Map();
  return {
    total: rows.length,
    rows: shown.map((r) => {
      const withRate = withOnTime(r, onTime.get(r.key) ?? 0);
      return { unit: r.key, open: r.total - r.closed, overdue: r.overdue, onTimeRate: withRate.onTimeRate };
    }),
  };
}

/** The latest note written on each of these problems (by key), for the overdue table. */
async function latestNotes(db: Db, boardId: number, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.update.findMany({
    where: { problem: { boardId, key: { in: keys } }, note: { not: '' } },
    select: { note: true, problem: { select: { key: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.problem.key)) out.set(r.problem.key, r.note);
  return out;
}

async function movedDeadlines(
  db: Db,
  scope: { boardId: number; unit?: string },
  since: Date,
  limit: number,
): Promise<ReportData['moved']> {
  const where = { createdAt: { gte: since }, problem: { ...scope, ...ON_LIST } };
  const [total, rows] = await Promise.all([
    db.deadlineChange.count({ where }),
    db.deadlineChange.findMany({
      where,
      select: {
        fromDate: true,
        toDate: true,
        reason: true,
        createdAt: true,
        problem: { select: { key: true, title: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    }),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      key: r.problem.key,
      title: r.problem.title,
      from: r.fromDate,
      to: r.toDate,
      reason: r.reason,
      at: r.createdAt,
    })),
  };
}

/** Problems closed this round (the summary's "closed" change), each with its approved request's evidence. */
async function closedThisRound(
  db: Db,
  scope: { boardId: number; unit?: string },
  since: Date,
  limit: number,
): Promise<ReportData['closeouts']> {
  const where = { ...scope, status: 'closed' as const, closedAt: { gte: since } };
  const [total, rows] = await Promise.all([
    db.problem.count({ where }),
    db.problem.findMany({
      where,
      select: {
        key: true,
        title: true,
        unit: true,
        ownerId: true,
        closedAt: true,
        closeoutRequests: {
          where: { state: 'approved' },
          select: { evidence: true },
          orderBy: { id: 'desc' },
          take: 1,
        },
      },
      orderBy: [{ closedAt: 'asc' }, { number: 'asc' }],
      take: limit,
    }),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      key: r.key,
      title: r.title,
      unit: r.unit,
      ownerId: r.ownerId,
      closedAt: r.closedAt,
      evidence: r.closeoutRequests[0]?.evidence ?? '',
    })),
  };
}
