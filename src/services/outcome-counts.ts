import type { Db } from '../db/client.js';
import type { Tx } from './deps.js';
import { effectivenessCounts } from './effectiveness.js';
import { mechanismList } from './outcome-cells.js';

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

/**
 * Counts a board's outcomes without loading every problem: closed problems are counted, and only the
 * long-term approvals and not-rectifiable decisions (the few) are read. A long-term approval counts while
 * it is what closed the problem (its decision time is the closing time); a not-rectifiable decision while
 * it is the problem's latest request and the problem is still open.
 */
export async function outcomeCounts(db: Db | Tx, boardId: number): Promise<OutcomeCounts> {
  const [closed, longTerm, notRectifiable, checked] = await Promise.all([
    db.problem.count({ where: { boardId, status: 'closed' } }),
    db.closeoutRequest.findMany({
      where: { state: 'approved', outcome: 'long_term', problem: { boardId, status: 'closed' } },
      select: { problemId: true, decidedAt: true, mechanisms: true, problem: { select: { closedAt: true } } },
    }),
    db.closeoutRequest.findMany({
      where: { state: 'not_rectifiable', problem: { boardId, status: { notIn: ['closed', 'withdrawn'] } } },
      select: {
        id: true,
        problem: { select: { closeoutRequests: { orderBy: { id: 'desc' }, take: 1, select: { id: true } } } },
      },
    }),
    effectivenessCounts(db, boardId),
  ]);
  const closing = longTerm.filter((r) => r.decidedAt?.getTime() === r.problem.closedAt?.getTime());
  const longTermProblems = new Set(closing.map((r) => r.problemId)).size;
  return {
    closed,
    rectified: closed - longTermProblems,
    longTerm: longTermProblems,
    mechanisms: closing.reduce((n, r) => n + mechanismList(r.mechanisms).length, 0),
    notRectifiable: notRectifiable.filter((r) => r.problem.closeoutRequests[0]?.id === r.id).length,
    ...checked,
  };
}
