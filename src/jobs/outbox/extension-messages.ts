import type { ExtensionDecisionMessage, ExtensionRequestMessage } from './messages.js';
import type { Where } from './notify-messages.js';
import { FOLLOW_UP_JOB, type PlannedMessage } from '../types.js';

/** Each decider's copy of a request for more time, keyed by request and decider: sent once each. */
export function extensionRequestMessages(
  where: Where,
  deciders: readonly string[],
  request: Omit<ExtensionRequestMessage, 'kind' | 'board' | 'today'>,
): PlannedMessage[] {
  return deciders.map((leader) => ({
    key: `${FOLLOW_UP_JOB}:extension-request:${request.requestId}:${leader}`,
    job: FOLLOW_UP_JOB,
    teamId: where.teamId,
    boardId: where.boardId,
    recipient: leader,
    problemKeys: [],
    message: { kind: 'extension-request', board: where.board, today: where.today, ...request },
  }));
}

/** The owner hears the decision on their request for more time once. */
export function extensionDecisionMessage(
  where: Where,
  ownerId: string,
  decision: Omit<ExtensionDecisionMessage, 'kind' | 'board' | 'today'>,
): PlannedMessage {
  return {
    key: `${FOLLOW_UP_JOB}:extension-decision:${decision.requestId}:${ownerId}`,
    job: FOLLOW_UP_JOB,
    teamId: where.teamId,
    boardId: where.boardId,
    recipient: ownerId,
    problemKeys: [],
    message: { kind: 'extension-decision', board: where.board, today: where.today, ...decision },
  };
}
