import type { Db } from '../db/client.js';
import type { Tx } from './deps.js';
import { effectivenessCounts } from './effectiveness.js';
import { mechanismList } from './outcome-cells.js';

/**
 * What the outcomes are counted over: a board, or one responsible unit of it (summary-queries' `onBoard`
 * of a ScopedBoard), so a `unit:` summary and document count that unit's outcomes only.
 */
interface OutcomeScope {
  boardId: number;
  unit?: string;
}

/** How a board's problems were closed out (issue 23), as the summary, the report and the chart count them. */
export interface OutcomeCounts {
  /** Closed problems: rectified plus long-term. */
  closed: number;
  rectified: number;
  /** Closed as rectified long-term (持续整改). */
  longTerm: number;
  /** Lasting mechanisms of the long-term closeouts (长效机制). */
  mechanisms: number;
  /** Open problems whose latest decision was "not rectifiable" (未整改), counted apart. */
  notRectifiable: number;
  /** Closed problems whose fix an effectiveness check confirmed held (services/effectiveness.ts). */
  verified: number;
  /** Times a check found a closed problem came back (each reopened it). */
  recurred: number;
}

/** A long-term closeout in force, for the report's list of lasting mechanisms. */
export interface LastingMechanisms {
  key: string;
  title: string;
  unit: string | null;
  mechanisms: string[];
  /** YYYY-MM-DD, or null when none was given (an old import). */
  followUpDate: string | null;
}

/**
 * The long-term approvals in force, the few read rather than counted: a long-term approval counts while it
 * is what closed the problem (its decision time is the closing time); a reopened problem's old one does not.
 * Newest first within a problem, problems in key order; one per problem.
 */
async function longTermClosings(db: Db | Tx, scope: OutcomeScope) {
  const rows = await db.closeoutRequest.findMany({
    where: { state: 'approved', outcome: 'long_term', problem: { ...scope, status: 'closed' } },
    select: {
      problemId: true,
      decidedAt: true,
      mechanisms: true,
      followUpDate: true,
      problem: { select: { closedAt: true, key: true, title: true, unit: true } },
    },
    orderBy: [{ problem: { number: 'asc' } }, { id: 'desc' }],
  });
  const seen = new Set<number>();
  return rows.filter((r) => {
    if (r.decidedAt?.getTime() !== r.problem.closedAt?.getTime() || seen.has(r.problemId)) return false;
    seen.add(r.problemId);
    return true;
  });
}

/**
 * Counts the outcomes without loading every problem: closed problems are counted, and only the long-term
 * closings (longTermClosings) and the not-rectifiable decisions (the few) are read. A not-rectifiable
 * decision counts while it is the problem's latest request and the problem is still open.
 */
export async function outcomeCounts(db: Db | Tx, scope: OutcomeScope): Promise<OutcomeCounts> {
  const [closed, longTerm, notRectifiable, checked] = await Promise.all([
    db.problem.count({ where: { ...scope, status: 'closed' } }),
    longTermClosings(db, scope),
    db.closeoutRequest.findMany({
      where: { state: 'not_rectifiable', problem: { ...scope, status: { notIn: ['closed', 'withdrawn'] } } },
      select: {
        id: true,
        problem: { select: { closeoutRequests: { orderBy: { id: 'desc' }, take: 1, select: { id: true } } } },
      },
    }),
    effectivenessCounts(db, scope),
  ]);
  return {
    closed,
    rectified: closed - longTerm.length,
    longTerm: longTerm.length,
    mechanisms: longTerm.reduce((n, r) => n + mechanismList(r.mechanisms).length, 0),
    notRectifiable: notRectifiable.filter((r) => r.problem.closeoutRequests[0]?.id === r.id).length,
    ...checked,
  };
}

/**
 * The lasting mechanisms in force (the same long-term closings outcomeCounts counts), the first `limit`
 * problems of them in key order, and how many there are.
 */
export async function lastingMechanisms(
  db: Db | Tx,
  scope: OutcomeScope,
  limit: number,
): Promise<{ total: number; items: LastingMechanisms[] }> {
  const rows = await longTermClosings(db, scope);
  return {
    total: rows.length,
    items: rows.slice(0, limit).map((r) => ({
      key: r.problem.key,
      title: r.problem.title,
      unit: r.problem.unit,
      mechanisms: mechanismList(r.mechanisms),
      followUpDate: r.followUpDate,
    })),
  };
}
