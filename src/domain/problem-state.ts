import type { WorkCalendar } from './calendar.js';
import { cycleAt, daysBetween, localDate, localDayEnd, type Cadence } from './cycle.js';
import { conflict } from './errors.js';
import type { ProblemStatus } from './types.js';

/** Fields the derived flags need; both Prisma rows and plain objects fit. */
export interface ProblemFacts {
  status: ProblemStatus;
  deadline: string | null;
  lastUpdateAt: Date | null;
  closedAt: Date | null;
}

/** A problem's own deadline, else the board's list-wide deadline. */
export function effectiveDeadline(
  problem: { deadline: string | null },
  board: { deadline: string | null },
): string | null {
  return problem.deadline ?? board.deadline;
}

/** Past its deadline (local date in the board's zone) and not closed. Pass the effective deadline. */
export function isOverdue(p: ProblemFacts, today: string): boolean {
  return p.status !== 'closed' && p.deadline !== null && today > p.deadline;
}

/**
 * Without an update since the current cycle started. Closed problems and those waiting for a closeout
 * decision are never stale: their owners have nothing left to report, the next move is a leader's.
 */
export function isStale(p: ProblemFacts, cycleStart: Date): boolean {
  return isAwaitingReport(p.status) && (p.lastUpdateAt === null || p.lastUpdateAt < cycleStart);
}

/** Statuses whose owners are asked for progress each cycle. */
function isAwaitingReport(status: ProblemStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

/** Closed after its deadline, judged by the local closing date in the board's zone. Pass the effective deadline. */
export function isClosedLate(p: ProblemFacts, timezone: string): boolean {
  return (
    p.status === 'closed' &&
    p.closedAt !== null &&
    p.deadline !== null &&
    p.closedAt.getTime() >= localDayEnd(p.deadline, timezone)
  );
}

export interface ProblemFlags {
  /** The deadline that applies: the problem's own, else the board's list-wide one. */
  deadline: string | null;
  overdue: boolean;
  stale: boolean;
  closedLate: boolean;
  /** Whole local days past the deadline while overdue (1 on the day after it), else 0. */
  daysOverdue: number;
  /**
   * Working days past the deadline on the board's working-day calendar (issue 22), shown beside
   * `daysOverdue`; absent on a board that counts every day alike.
   */
  workingDaysOverdue?: number;
}

/** Everything lists, cards and digests show about a problem's standing, as of `now` on the board's calendar. */
export function deriveFlags(
  problem: ProblemFacts,
  board: Cadence & { deadline: string | null; workCalendar?: WorkCalendar },
  now: Date,
): ProblemFlags {
  const deadline = effectiveDeadline(problem, board);
  const facts = { ...problem, deadline };
  const today = localDate(now, board.timezone);
  const overdue = isOverdue(facts, today);
  return {
    deadline,
    overdue,
    stale: isStale(facts, cycleAt(board, now).start),
    closedLate: isClosedLate(facts, board.timezone),
    daysOverdue: overdue && deadline !== null ? daysBetween(deadline, today) : 0,
    ...(board.workCalendar &&
      !board.workCalendar.isEveryDay && {
        workingDaysOverdue: overdue && deadline !== null ? board.workCalendar.workingDaysBetween(deadline, today) : 0,
      }),
  };
}

/**
 * Legal status moves; anything else is refused: by the services (through `requireTransition`) and by the
 * CSV/xlsx import's check (import-plan.ts), which reports the row instead of writing anything.
 */
const transitions: Record<ProblemStatus, readonly ProblemStatus[]> = {
  open: ['in_progress', 'closeout_requested', 'withdrawn'],
  in_progress: ['closeout_requested', 'withdrawn'],
  closeout_requested: ['closed', 'in_progress', 'withdrawn'],
  closed: ['in_progress', 'withdrawn'],
  // Restoring returns a problem to the status it was withdrawn from.
  withdrawn: ['open', 'in_progress', 'closeout_requested', 'closed'],
};

export function canTransition(from: ProblemStatus, to: ProblemStatus): boolean {
  return transitions[from].includes(to);
}

/** The statuses a problem in `from` may move to. */
export function nextStatuses(from: ProblemStatus): readonly ProblemStatus[] {
  return transitions[from];
}

/**
 * Where restoring a withdrawn problem brings it: the status it was withdrawn from, except that a closeout
 * request the withdrawal returned is not revived (the owner asks again). The restore button and an import
 * that sets a withdrawn problem's status both follow it.
 */
export function restoredStatus(withdrawnFrom: ProblemStatus | null): ProblemStatus {
  if (withdrawnFrom === 'closeout_requested') return 'in_progress';
  return withdrawnFrom === null || withdrawnFrom === 'withdrawn' ? 'open' : withdrawnFrom;
}

/** Throws `error.bad_transition` unless `from` → `to` is a legal move (staying put is not a move). */
export function requireTransition(key: string, from: ProblemStatus, to: ProblemStatus): void {
  if (from !== to && !canTransition(from, to)) throw conflict('error.bad_transition', { key, from, to });
}
