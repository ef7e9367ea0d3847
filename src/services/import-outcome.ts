import { longTermInput } from '../domain/inputs.js';
import { maySignOff } from '../domain/sign-off.js';
import type { ProblemStatus } from '../domain/types.js';
import { OUTCOMES, parseMechanisms, parseOutcome, type CsvColumn, type Outcome } from './csv-format.js';
import type { Decider } from './import-status.js';
import type { Cells } from './import-read.js';
import { mechanismList, outcomeOf } from './outcome-cells.js';

// The `outcome` and `mechanisms` columns (issue 23): an outcome set by import is a decision of whoever
// imports, recorded as the closeout request the buttons would leave (import-write.ts, import-update.ts),
// under the same rules. The export's `evidence files` column is not read back: files are attached in Slack.

/** A closeout decided by the file: what the outcome cells say, for a row whose outcome is new. */
export interface OutcomeDecision {
  outcome: Outcome;
  /** long_term: the lasting mechanisms; otherwise empty. */
  mechanisms: string[];
}

/** The latest closeout request of a stored problem, as the plan loads it (import-plan.ts). */
export interface LatestRequest {
  state: string;
  outcome: string | null;
  mechanisms: string | null;
  requestedBy: string;
}

interface Stored {
  id: number;
  key: string;
  status: ProblemStatus;
  closeoutRequests: LatestRequest[];
}

export type OutcomeReason = [column: CsvColumn, message: string, detail?: string];

/** Statuses a not-rectifiable decision leaves a problem in: still open (the decision sets in_progress). */
const STILL_OPEN = new Set<ProblemStatus>(['open', 'in_progress', 'withdrawn']);

/**
 * Checks a row's outcome cells against the status the row leaves the problem in; returns the decision to
 * record, or null when there is none (no outcome column, an empty cell, or the outcome it already has).
 * An import records a new decision; it does not rewrite one already made (that takes reopening).
 */
export function planOutcome(
  cells: Cells,
  problem: Stored | undefined,
  statusAfter: ProblemStatus,
  ownerId: string,
  decider: Decider,
  reasons: OutcomeReason[],
): OutcomeDecision | null {
  const cell = cells.outcome?.trim() ?? '';
  const outcome = cell === '' ? null : parseOutcome(cell);
  if (outcome === undefined) {
    reasons.push(['outcome', `"${cell}" is not an outcome; use ${OUTCOMES.join(', ')} or leave it empty`]);
    return null;
  }
  const mechanisms = checkMechanisms(cells.mechanisms ?? '', outcome, reasons);
  if (outcome === null || mechanisms === null) return null;

  const closing = outcome !== 'not_rectifiable';
  if (closing && statusAfter !== 'closed') {
    reasons.push(['outcome', `${outcome} is the outcome of a closed problem, and this row leaves it ${statusAfter}`]);
    return null;
  }
  if (!closing && !STILL_OPEN.has(statusAfter)) {
    reasons.push([
      'outcome',
      `not_rectifiable keeps a problem open (open or in_progress), and this row leaves it ${statusAfter}`,
    ]);
    return null;
  }
  const latest = problem?.closeoutRequests[0] ?? null;
  if (problem) {
    const current = outcomeOf(problem.status === 'closed', latest);
    const sameMechanisms = mechanismList(latest?.mechanisms ?? null).join('\n') === mechanisms.join('\n');
    if (current === outcome && (outcome !== 'long_term' || sameMechanisms)) return null;
    if (problem.status === 'closed' && statusAfter === 'closed') {
      reasons.push([
        'outcome',
        `${problem.key} was closed as ${current}${current === 'long_term' ? ' with other mechanisms' : ''}; ` +
          'an import does not change a decision made (reopen the problem to decide again)',
      ]);
      return null;
    }
  }
  // Closing is checked with the status (import-status.ts); judging a problem not rectifiable is checked here.
  const requestedBy = problem && latest?.state === 'pending' ? latest.requestedBy : null;
  if (!closing && !maySignOff(decider.board, decider.userId, { ownerId, requestedBy })) {
    const what = problem ? `${problem.key} is your own work (you own it or asked for its closeout)` : 'you own it';
    reasons.push(['outcome', `separation of duties: ${what}, so another leader decides that it is not rectifiable`]);
    return null;
  }
  return { outcome, mechanisms };
}

/** The mechanisms cell: bounded like the long-term modal, and only beside a long_term outcome. */
function checkMechanisms(cell: string, outcome: Outcome | null, reasons: OutcomeReason[]): string[] | null {
  const lines = parseMechanisms(cell);
  if (outcome !== 'long_term') {
    if (!lines.length) return [];
    reasons.push(['mechanisms', 'lasting mechanisms go with a long_term outcome; leave the cell empty otherwise']);
    return null;
  }
  if (!lines.length) {
    reasons.push(['mechanisms', 'a long_term outcome needs its lasting mechanisms, one a line']);
    return null;
  }
  // The long-term modal's own rule (count and length), so a file cannot record what a leader could not.
  const checked = longTermInput.shape.mechanisms.safeParse(lines);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  const index = issue.path[0];
  reasons.push(['mechanisms', typeof index === 'number' ? `mechanism ${index + 1} ${issue.message}` : issue.message]);
  return null;
}
