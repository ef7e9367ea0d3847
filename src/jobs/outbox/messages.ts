import type { CountedStatus, Health, Language, ProblemStatus } from '../../domain/types.js';

/**
 * What the scheduler sends, as plain data (no Block Kit): jobs build these, the delivery row stores them
 * as JSON, and the Slack sender renders them (src/slack/blocks/scheduled). Storing data rather than blocks
 * keeps rows small and a retry renders exactly the same message.
 */

export interface BoardRef {
  code: string;
  name: string;
  timezone: string;
  language: Language;
}

/** An update round: the board's cycle as people see it (numbered from 1). */
export interface RoundRef {
  number: number;
  startDate: string;
  endDate: string;
  reportBy: string;
}

export interface ProblemLine {
  key: string;
  title: string;
  status: ProblemStatus;
  /** Effective deadline (the problem's own, else the list-wide one). */
  deadline: string | null;
  daysOverdue: number;
  /** Working days overdue, on a board with a working-day calendar (issue 22): shown beside the calendar days. */
  workingDaysOverdue?: number;
  percent: number;
  health: Health | null;
  /** Local date of the last update, if any. */
  lastUpdate: string | null;
  /** What was done from this message since it was sent (who reported what), shown under the problem. */
  note?: string;
}

export interface OwnerKeys {
  userId: string;
  keys: string[];
}

export interface OverdueLine {
  key: string;
  title: string;
  ownerId: string;
  unit: string | null;
  deadline: string;
  days: number;
  /** Working days overdue, on a board with a working-day calendar (issue 22). */
  workingDays?: number;
}

export interface DeadlineLine {
  /** Problem key, or `RECT-12.3` for a measure. */
  key: string;
  problemKey: string;
  text: string;
  ownerId: string;
  deadline: string;
  isMeasure: boolean;
}

/** The first items of a long list and how many there are in all (messages say "… and N more"). */
export interface Listed<T> {
  items: T[];
  total: number;
}

export function listed<T>(all: readonly T[], max: number): Listed<T> {
  return { items: all.slice(0, max), total: all.length };
}

interface Base {
  board: BoardRef;
  /** Local date in the board's zone when the message was planned (dates are shown relative to it). */
  today: string;
}

/**
 * Sent to a delegate in place of an owner who is away (issue 22): the owner, and the last day they are away.
 */
interface OnBehalf {
  forOwner?: { user: string; until: string };
}

/** One owner's DM at the start of a round; owners with many problems get two pages and a count of the rest. */
export interface PromptMessage extends Base, OnBehalf {
  kind: 'prompt';
  round: RoundRef;
  total: number;
  page: number;
  pages: number;
  problems: ProblemLine[];
  /** On the last page: problems not listed in any page (the owner has more than the pages hold). */
  more?: number;
  /** The one prompt an owner back from an absence without a delegate gets for what waited (issue 22). */
  catchUp?: true;
}

/** DM to an owner who has not reported yet this round. */
export interface NudgeMessage extends Base, OnBehalf {
  kind: 'nudge';
  round: RoundRef;
  problems: Listed<ProblemLine>;
}

/** Channel post: who has not reported yet this round. */
export interface NudgeChannelMessage extends Base {
  kind: 'nudge-channel';
  round: RoundRef;
  owners: Listed<OwnerKeys>;
}

/** Owners (with their problem keys) listed in channel posts; more are counted, not named. */
export const MAX_OWNERS_LISTED = 100;
/** Problem lines listed in digests and weekly posts. */
export const MAX_LINES_LISTED = 30;

/** Channel post opening an update round: due date and who owes updates. */
export interface RoundOpenMessage extends Base {
  kind: 'round-open';
  round: RoundRef;
  owners: Listed<OwnerKeys>;
}

export interface DigestMessage extends Base {
  kind: 'digest';
  round: RoundRef;
  total: number;
  byStatus: Record<CountedStatus, number>;
  closedThisRound: Listed<{ key: string; title: string }>;
  overdue: Listed<OverdueLine>;
  notReported: Listed<OwnerKeys>;
  /** Problems awaiting a report that got none this round. */
  silentProblems: number;
  /** A coming year the board's country calendar has no official data for (issue 22), told once. */
  calendarGap?: number;
}

/** A deadline coming up (or today), to the owner, or in the channel mentioning them. */
export interface ReminderMessage extends Base {
  kind: 'reminder';
  item: DeadlineLine;
  problemTitle: string;
  daysLeft: number;
  /** `daysLeft` counts working days (the board has a working-day calendar). */
  workingDays?: boolean;
  /** In the channel: mention the owner and leave the buttons out. */
  inChannel: boolean;
}

/** The day after a deadline: the owner and the leaders are told. */
export interface EscalationMessage extends Base {
  kind: 'escalation';
  problem: ProblemLine & { ownerId: string; unit: string | null };
  leaders: string[];
  /** The owner is away until this day (issue 22): the escalation says so; the deadline does not move. */
  ownerAwayUntil?: string;
}

export interface OverdueWeeklyMessage extends Base {
  kind: 'overdue-weekly';
  week: string;
  problems: Listed<OverdueLine>;
}

export interface UpcomingMessage extends Base {
  kind: 'upcoming';
  from: string;
  to: string;
  items: Listed<DeadlineLine>;
}

/** To a board's leaders: a message could not be delivered for a reason only people can fix. */
export interface FailureNoticeMessage extends Base {
  kind: 'failure-notice';
  target: string;
  reason: string;
}

/** To an owner after a leader's change: reassigned to or away from them, or reopened (see jobs/outbox/follow-ups). */
export interface ProblemChangeMessage extends Base {
  kind: 'problem-change';
  change: 'reassigned-to' | 'reassigned-from' | 'reopened';
  key: string;
  title: string;
  by: string;
  /** The owner now, and before (reassignments). */
  ownerId: string;
  previousOwnerId?: string;
  deadline: string | null;
  /** The leader's note or reason. */
  note: string;
}

/** To a leader: an owner asks for sign-off, with Approve and Return (one per decider; see jobs/outbox/notify-messages). */
export interface CloseoutRequestMessage extends Base {
  kind: 'closeout-request';
  requestId: number;
  key: string;
  title: string;
  ownerId: string;
  requestedBy: string;
  /** ISO instant of the request. */
  requestedAt: string;
  evidence: string;
  /** Evidence files (absent in copies owed before files existed). */
  files?: { name: string; permalink: string }[];
  deadline: string | null;
  percent: number;
  measures: { done: number; total: number };
}

/** To an owner: a leader approved or returned their closeout request. */
export interface DecisionMessage extends Base {
  kind: 'decision';
  requestId: number;
  key: string;
  title: string;
  state: 'approved' | 'returned' | 'not_rectifiable';
  decidedBy: string;
  /** The away leader a deputy decided for (issue 22). */
  decidedFor?: string | null;
  reason: string | null;
  /** Approved: rectified or long_term (absent in messages owed before outcomes existed). */
  outcome?: string | null;
}

/** To an owner: someone else created a problem and made them its owner. */
export interface AssignedMessage extends Base {
  kind: 'assigned';
  key: string;
  title: string;
  assignedBy: string;
  deadline: string | null;
  unit: string | null;
  measures: string[];
}

/** To a leader: an owner asks for more time (Approve / Refuse), one copy per decider. */
export interface ExtensionRequestMessage extends Base {
  kind: 'extension-request';
  requestId: number;
  key: string;
  title: string;
  requestedBy: string;
  fromDate: string | null;
  toDate: string;
  reason: string;
}

/** To an owner: a leader approved or refused their request for more time. */
export interface ExtensionDecisionMessage extends Base {
  kind: 'extension-decision';
  requestId: number;
  key: string;
  title: string;
  state: 'approved' | 'refused';
  decidedBy: string;
  toDate: string;
}

/** "Has the fix held?" some time after a closeout (issue 23), to the owner, or to the leaders when nobody answered. */
export interface EffectivenessCheckMessage extends Base {
  kind: 'effectiveness-check';
  checkId: number;
  /** The round asked (bumped by "Not sure yet"): a button of an older round is stale. */
  round: number;
  key: string;
  title: string;
  ownerId: string;
  /** Local date the problem was closed. */
  closedOn: string;
  /** Asked on a long-term closeout's follow-up date. */
  followUp: boolean;
  /** To a leader, because the owner did not answer within a cycle. */
  toLeader: boolean;
}

/** To a leader: a check found that a closed problem came back; it is open again. */
export interface RecurrenceMessage extends Base {
  kind: 'recurrence';
  checkId: number;
  key: string;
  title: string;
  ownerId: string;
  reportedBy: string;
  reason: string;
  closedOn: string;
}

export type OutboundMessage =
  | EffectivenessCheckMessage
  | RecurrenceMessage
  | ExtensionRequestMessage
  | ExtensionDecisionMessage
  | CloseoutRequestMessage
  | DecisionMessage
  | AssignedMessage
  | ProblemChangeMessage
  | PromptMessage
  | NudgeMessage
  | NudgeChannelMessage
  | RoundOpenMessage
  | DigestMessage
  | ReminderMessage
  | EscalationMessage
  | OverdueWeeklyMessage
  | UpcomingMessage
  | FailureNoticeMessage;

const MESSAGE_KINDS: ReadonlySet<string> = new Set<OutboundMessage['kind']>([
  'prompt',
  'nudge',
  'nudge-channel',
  'round-open',
  'digest',
  'reminder',
  'escalation',
  'overdue-weekly',
  'upcoming',
  'failure-notice',
  'problem-change',
  'closeout-request',
  'decision',
  'assigned',
  'extension-request',
  'extension-decision',
  'effectiveness-check',
  'recurrence',
]);

/** Reads a stored payload back; rows are only ever written by the scheduler, so a kind check suffices. */
export function parseMessage(payload: string | null): OutboundMessage {
  const parsed: unknown = JSON.parse(payload ?? 'null');
  if (typeof parsed !== 'object' || parsed === null || !('kind' in parsed) || !MESSAGE_KINDS.has(String(parsed.kind))) {
    throw new Error('delivery payload is not a scheduler message');
  }
  return parsed as OutboundMessage;
}
