import { canTransition, nextStatuses, restoredStatus } from '../domain/problem-state.js';
import { maySignOff } from '../domain/sign-off.js';
import type { ProblemStatus } from '../domain/types.js';
import type { ServiceDeps } from './deps.js';

// A status set by import is a decision of whoever imports: checked here against the rules the buttons follow.

/** Who asked for the closeout of each problem of the board waiting for one (problem id → user). */
export async function loadPendingRequests(db: ServiceDeps['db'], boardId: number): Promise<Map<number, string>> {
  const pending = await db.closeoutRequest.findMany({
    where: { state: 'pending', problem: { boardId } },
    select: { problemId: true, requestedBy: true },
  });
  return new Map(pending.map((r) => [r.problemId, r.requestedBy]));
}

/** Who imports, onto which board, and who asked for each pending closeout there. */
export interface Decider {
  userId: string;
  board: { separationOfDuties: boolean };
  /** loadPendingRequests: who asked for each pending closeout. */
  pendingBy: ReadonlyMap<number, string>;
}

/** What the status check needs of a stored problem (import-plan.ts's ExistingProblem has it). */
interface Stored {
  id: number;
  key: string;
  status: ProblemStatus;
  withdrawnFrom: ProblemStatus | null;
  ownerId: string;
}

/**
 * A status set by import moves the problem as the buttons would, under the same rules: the legal moves,
 * a withdrawn problem restored only to where it was withdrawn from, and separation of duties on sign-off.
 */
export function statusRefusal(
  problem: Stored | undefined,
  to: ProblemStatus,
  ownerId: string,
  decider: Decider,
): string | null {
  if (!problem) {
    // A new problem written as closed was signed off by whoever imports it: not their own work, then.
    const work = { ownerId, requestedBy: null };
    if (to === 'closed' && !maySignOff(decider.board, decider.userId, work))
      return `separation of duties: a problem you own cannot be created as closed; import it as closeout_requested for another leader to approve`;
    return null;
  }
  const from = problem.status;
  if (to === from) return null;
  if (from === 'withdrawn') {
    const back = restoredStatus(problem.withdrawnFrom);
    return to === back
      ? null
      : `${problem.key} is withdrawn; restoring it brings it back to ${back} (the status it was withdrawn from), not ${to}`;
  }
  if (!canTransition(from, to))
    return `${problem.key} cannot go from ${from} to ${to} (only to ${nextStatuses(from).join(', ')})`;
  // Whose work it is: the owner it has, and the one the row gives it (taking a problem over in the row that
  // closes it does not make the sign-off someone else's).
  const requestedBy = decider.pendingBy.get(problem.id) ?? null;
  const mine = [problem.ownerId, ownerId].some(
    (owner) => !maySignOff(decider.board, decider.userId, { ownerId: owner, requestedBy }),
  );
  if (to === 'closed' && mine)
    return `separation of duties: ${problem.key} is your own work (you own it or asked for its closeout), so another leader of the board approves its closeout`;
  return null;
}
