import { localDate } from '../../domain/cycle.js';
import { requestCopyKey } from '../../services/request-copies.js';
import { boardRef } from '../job-data.js';
import type { AssignedMessage, BoardRef, CloseoutRequestMessage, DecisionMessage } from './messages.js';
import { FOLLOW_UP_JOB, type PlannedMessage } from '../types.js';

/**
 * What the bot owes people right after someone acts in Slack — a closeout request to each decider, the
 * decision to the owner, "assigned to you" to a new problem's owner — as keyed follow-up deliveries: recorded
 * before they are sent, retried with backoff when Slack fails, reported to leaders when they cannot go, and
 * never sent twice (jobs/outbox/follow-ups.ts). None carries problem keys: a reply in their thread is an ordinary
 * chat reply, and the message itself is never rewritten as a card.
 */
export interface Where {
  teamId: string;
  boardId: number;
  board: BoardRef;
  /** Local date on the board when the message was planned. */
  today: string;
}

/** Where a message owed now is about: the team, the board (as messages name it) and its local date. */
export function owedOn(
  teamId: string,
  board: { id: number; code: string; name: string; timezone: string; language: string | null },
  now: Date,
): Where {
  return { teamId, boardId: board.id, board: boardRef(board), today: localDate(now, board.timezone) };
}

/** Each decider's copy of a closeout request; the key names the request and the decider, so a decision finds every copy. */
export function closeoutRequestMessages(
  where: Where,
  deciders: readonly string[],
  request: Omit<CloseoutRequestMessage, 'kind' | 'board' | 'today'>,
): PlannedMessage[] {
  return deciders.map((leader) => ({
    key: requestCopyKey(request.requestId, leader),
    job: FOLLOW_UP_JOB,
    teamId: where.teamId,
    boardId: where.boardId,
    recipient: leader,
    problemKeys: [],
    message: { kind: 'closeout-request', board: where.board, today: where.today, ...request },
  }));
}

/** The owner hears the decision once per request, whoever decided and however often it was clicked. */
export function decisionMessage(
  where: Where,
  ownerId: string,
  decision: Omit<DecisionMessage, 'kind' | 'board' | 'today'>,
): PlannedMessage {
  return {
    key: `${FOLLOW_UP_JOB}:decision:${decision.requestId}:${ownerId}`,
    job: FOLLOW_UP_JOB,
    teamId: where.teamId,
    boardId: where.boardId,
    recipient: ownerId,
    problemKeys: [],
    message: { kind: 'decision', board: where.board, today: where.today, ...decision },
  };
}

/** A new problem's owner hears of it once (not when they created it themselves: the caller checks). */
export function assignedMessage(
  where: Where,
  ownerId: string,
  problem: Omit<AssignedMessage, 'kind' | 'board' | 'today'>,
): PlannedMessage {
  return {
    key: `${FOLLOW_UP_JOB}:assigned:${problem.key}:${ownerId}`,
    job: FOLLOW_UP_JOB,
    teamId: where.teamId,
    boardId: where.boardId,
    recipient: ownerId,
    problemKeys: [],
    message: { kind: 'assigned', board: where.board, today: where.today, ...problem },
  };
}
