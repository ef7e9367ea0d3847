import { followUpInTime, longTermInput } from '../domain/inputs.js';
import { maySignOff } from '../domain/sign-off.js';
import type { ProblemStatus } from '../domain/types.js';
import { OUTCOMES, parseMechanisms, parseOutcome, type CsvColumn, type Outcome } from './csv-format.js';
import { parseDateCell, type DateOrder } from './import-dates.js';
import type { Decider } from './import-status.js';
import type { Cells } from './import-read.js';
import { mechanismList, outcomeOf } from './outcome-cells.js';

// The `outcome`, `mechanisms` and `follow-up date` columns (issue 23): an outcome set by import is a decision
// of whoever imports, recorded as the closeout request the buttons would leave (import-write.ts,
// import-update.ts), under the same rules. The export's `evidence files` column is not read back: files are
// attached in Slack.

/** A closeout decided by the file: what the outcome cells say, for a row whose outcome is new. */
export interface OutcomeDecision {
  outcome: Outcome;
  /** long_term: the lasting mechanisms; otherwise empty. */
  mechanisms: string[];
  /** long_term: when the lasting fix is checked again; null otherwise, or when the file has no such column. */
  followUpDate: string | null;
}

/** The latest closeout request of a stored problem, as the plan loads it (import-plan.ts). */
interface LatestRequest {
  state: string;
  outcome: string | null;
  mechanisms: string | null;
  followUpDate: string | null;
  requestedBy: string;
}

interface Stored {
  id: number;
  key: string;
  status: ProblemStatus;
  ownerId: string;
  closeoutRequests: LatestRequest[];
}

type OutcomeReason = [column: CsvColumn, message: string, detail?: string];

/** How the file writes dates, and the import's day on the board's calendar (the day it closes what it closes). */
interface OutcomeDates {
  order?: DateOrder;
  today: string;
}

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
  dates: OutcomeDates,
  reasons: OutcomeReason[],
): OutcomeDecision | null {
  const cell = cells.outcome?.trim() ?? '';
  const outcome = cell === '' ? null : parseOutcome(cell);
  if (outcome === undefined) {
    reasons.push(['outcome', `"${cell}" is not an outcome; use ${OUTCOMES.join(', ')} or leave it empty`]);
    return null;
  }
  const mechanisms = checkMechanisms(cells.mechanisms ?? '', outcome, reasons);
  const followUp = readFollowUp(cells['follow-up date'], outcome, dates.order, reasons);
  if (outcome === null || mechanisms === null || followUp === false) return null;

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
    // Without the column (an older export) the follow-up date is not compared, nor asked for below.
    const sameFollowUp = followUp === undefined || followUp === (latest?.followUpDate ?? null);
    if (current === outcome && (outcome !== 'long_term' || (sameMechanisms && sameFollowUp))) return null;
    if (problem.status === 'closed' && statusAfter === 'closed') {
      const other = current === 'long_term' ? ' with other mechanisms or another follow-up date' : '';
      reasons.push([
        'outcome',
        `${problem.key} was closed as ${current}${other}; ` +
          'an import does not change a decision made (reopen the problem to decide again)',
      ]);
      return null;
    }
  }
  if (outcome === 'long_term' && followUp !== undefined && !followUpFits(followUp, dates.today, reasons)) return null;
  // Closing is checked with the status (import-status.ts); judging a problem not rectifiable is checked here.
  const requestedBy = problem && latest?.state === 'pending' ? latest.requestedBy : null;
  // Whose work it is: the owner it has, and the one the row gives it (handing one's own problem to someone
  // else in the same row does not make it another's work to judge).
  const owners = problem ? [problem.ownerId, ownerId] : [ownerId];
  if (!closing && owners.some((owner) => !maySignOff(decider.board, decider.userId, { ownerId: owner, requestedBy }))) {
    const what = problem ? `${problem.key} is your own work (you own it or asked for its closeout)` : 'you own it';
    reasons.push(['outcome', `separation of duties: ${what}, so another leader decides that it is not rectifiable`]);
    return null;
  }
  return { outcome, mechanisms, followUpDate: followUp ?? null };
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

/**
 * The follow-up date cell, read like a deadline: undefined without the column (an older export), null when
 * empty, false when refused. A date is a long-term outcome's only, and a real date (the modal's own rule).
 */
function readFollowUp(
  cell: string | undefined,
  outcome: Outcome | null,
  order: DateOrder | undefined,
  reasons: OutcomeReason[],
): string | null | undefined | false {
  if (cell === undefined) return undefined;
  if (cell.trim() === '') return null;
  if (outcome !== 'long_term') {
    reasons.push(['follow-up date', 'a follow-up date goes with a long_term outcome; leave the cell empty otherwise']);
    return false;
  }
  const parsed = parseDateCell(cell, order);
  if (!parsed.ok) {
    reasons.push(['follow-up date', parsed.message]);
    return false;
  }
  const checked = longTermInput.shape.followUpDate.safeParse(parsed.date);
  if (checked.success) return checked.data;
  reasons.push(['follow-up date', checked.error.issues[0]!.message]);
  return false;
}

/**
 * A new long-term decision's follow-up date, when the file has the column: required, as in the modal, and
 * not before the day the import closes the problem (the modal's rule, followUpInTime).
 */
function followUpFits(date: string | null, today: string, reasons: OutcomeReason[]): boolean {
  if (date === null) {
    reasons.push([
      'follow-up date',
      'a long_term outcome needs its follow-up date, when the lasting fix is checked again',
    ]);
    return false;
  }
  if (followUpInTime(date, today)) return true;
  reasons.push([
    'follow-up date',
    `${date} is before ${today}, the day this import closes the problem; the follow-up comes after the closing`,
  ]);
  return false;
}
