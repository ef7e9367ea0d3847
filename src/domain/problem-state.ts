import { localDate } from './cycle.js';
import type { ProblemStatus } from './types.js';

/** Fields the derived flags need; both Prisma rows and plain objects fit. */
export interface ProblemFacts {
  status: ProblemStatus;
  deadline: string | null;
  lastUpdateAt: Date | null;
  closedAt: Date | null;
}

/** A problem's own deadline, else the board's list-wide deadline. */
export function effectiveDeadline(problem: { deadline: string | null }, board: { deadline: string | null }): string | null {
  return problem.deadline ?? board.deadline;
}

/** Past its deadline (local date in the board's zone) and not closed. */
export function isOverdue(p: ProblemFacts, today: string): boolean {
  return p.status !== 'closed' && p.deadline !== null && today > p.deadline;
}

/** Open and without an update since the current cycle started. */
export function isStale(p: ProblemFacts, cycleStart: Date): boolean {
  return p.status !== 'closed' && (p.lastUpdateAt === null || p.lastUpdateAt < cycleStart);
}

export function isClosedLate(p: ProblemFacts, timezone: string): boolean {
  return p.status === 'closed' && p.closedAt !== null && p.deadline !== null && localDate(p.closedAt, timezone) > p.deadline;
}

/** Legal status moves; anything else is refused by the services. */
const transitions: Record<ProblemStatus, readonly ProblemStatus[]> = {
  open: ['in_progress', 'closeout_requested'],
  in_progress: ['closeout_requested'],
  closeout_requested: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function canTransition(from: ProblemStatus, to: ProblemStatus): boolean {
  return transitions[from].includes(to);
}
