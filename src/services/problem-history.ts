import type { Db } from '../db/client.js';

/**
 * A problem's story beyond its current row: deadline changes (kept with their reasons in DeadlineChange)
 * and the times it was closed before a leader reopened it (kept in the audit trail).
 */

/** Problems of a board whose deadline was moved later since `since` (the summary's "extended this round"). */
export async function extendedSince(db: Db, scope: { boardId: number; unit?: string }, since: Date): Promise<number> {
  const rows = await db.deadlineChange.findMany({
    where: { extended: true, createdAt: { gte: since }, problem: { ...scope, status: { not: 'withdrawn' } } },
    select: { problemId: true },
    distinct: ['problemId'],
  });
  return rows.length;
}

interface DeadlineStory {
  /** The deadline before its first change. */
  original: string | null;
  /** How many times it was moved later. */
  extensions: number;
}

/** Each problem's deadline story, by problem id; problems never moved are absent. */
export async function deadlineStories(db: Db, problemIds: readonly number[]): Promise<Map<number, DeadlineStory>> {
  const out = new Map<number, DeadlineStory>();
  for (let i = 0; i < problemIds.length; i += 500) {
    const rows = await db.deadlineChange.findMany({
      where: { problemId: { in: problemIds.slice(i, i + 500) } },
      select: { problemId: true, fromDate: true, extended: true },
      orderBy: [{ problemId: 'asc' }, { id: 'asc' }],
    });
    for (const r of rows) {
      const story = out.get(r.problemId) ?? { original: r.fromDate, extensions: 0 };
      if (r.extended) story.extensions += 1;
      out.set(r.problemId, story);
    }
  }
  return out;
}

/** A stretch of time during which a now-reopened problem was closed. */
interface ClosedSpan {
  /** The problem's key. */
  key: string;
  closedAt: Date;
  reopenedAt: Date;
}

/**
 * When the board's problems were closed before being reopened: each reopening's audit event keeps the
 * closing it undid. Reopenings are rare, so they are read whole.
 */
export async function reopenedSpans(db: Db, board: { teamId?: string; code: string }): Promise<ClosedSpan[]> {
  const prefix = `${board.code}-`;
  const events = await db.auditEvent.findMany({
    where: {
      ...(board.teamId && { teamId: board.teamId }),
      action: 'problem.reopen',
      targetType: 'problem',
      targetId: { gte: prefix, lt: `${board.code}.` }, // '.' follows '-': exactly the keys CODE-…
    },
    select: { targetId: true, before: true, createdAt: true },
  });
  const spans: ClosedSpan[] = [];
  for (const e of events) {
    const closedAt = closedAtOf(e.before);
    if (closedAt && closedAt < e.createdAt) spans.push({ key: e.targetId, closedAt, reopenedAt: e.createdAt });
  }
  return spans;
}

function closedAtOf(before: string | null): Date | null {
  if (!before) return null;
  try {
    const parsed = JSON.parse(before) as { closedAt?: unknown };
    if (typeof parsed.closedAt !== 'string') return null;
    const at = new Date(parsed.closedAt);
    return Number.isNaN(at.getTime()) ? null : at;
  } catch {
    return null;
  }
}

/** How many problems were closed at `at` but have been reopened since. */
export function closedThen(spans: readonly ClosedSpan[], at: Date): number {
  return spans.filter((s) => s.closedAt < at && s.reopenedAt >= at).length;
}

/** One change in a problem's history, as the audit trail recorded it. */
export interface HistoryEntry {
  id: number;
  action: string;
  actorId: string;
  at: Date;
  /** `KEY.n` for a measure, else the problem key. */
  target: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface HistoryPage {
  total: number;
  offset: number;
  entries: HistoryEntry[];
}

function parsed(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The last changes to a problem, newest first: the problem's own events, its measures' (`KEY.n`) and its
 * closeout requests' decisions. A page at a time, so a long history never outgrows a message.
 */
export async function problemHistory(
  { db }: { db: Db },
  problem: { id: number; teamId: string; key: string },
  page: { offset: number; limit: number },
): Promise<HistoryPage> {
  const requests = await db.closeoutRequest.findMany({ where: { problemId: problem.id }, select: { id: true } });
  const where = {
    teamId: problem.teamId,
    // Progress reports have their own place on the card ("Latest updates"); the history is about changes.
    action: { not: 'problem.update' },
    OR: [
      { targetType: 'problem', targetId: problem.key },
      // `KEY.` up to `KEY/` ('/' follows '.'): the measures KEY.1, KEY.2 … and not KEY0.n.
      { targetType: 'measure', targetId: { gte: `${problem.key}.`, lt: `${problem.key}/` } },
      ...(requests.length ? [{ targetType: 'closeout', targetId: { in: requests.map((r) => String(r.id)) } }] : []),
    ],
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: page.offset,
      take: page.limit,
      select: {
        id: true,
        action: true,
        actorId: true,
        createdAt: true,
        targetType: true,
        targetId: true,
        before: true,
        after: true,
      },
    }),
  ]);
  return {
    total,
    offset: page.offset,
    entries: rows.map((r) => ({
      id: r.id,
      action: r.action,
      actorId: r.actorId,
      at: r.createdAt,
      target: r.targetType === 'closeout' ? problem.key : r.targetId,
      before: parsed(r.before),
      after: parsed(r.after),
    })),
  };
}

/** Who last changed the problem itself (edits, reassignments, deadlines …), or null. */
export async function lastChangedBy(
  deps: { db: Db },
  problem: { teamId: string; key: string },
): Promise<string | null> {
  const last = await deps.db.auditEvent.findFirst({
    where: { teamId: problem.teamId, targetType: 'problem', targetId: problem.key },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { actorId: true },
  });
  return last?.actorId ?? null;
}
