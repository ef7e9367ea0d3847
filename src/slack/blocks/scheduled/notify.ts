import { translator } from '../../../i18n/index.js';
import type { AssignedMessage, CloseoutRequestMessage, DecisionMessage } from '../../../jobs/outbox/messages.js';
import { decisionDmBlocks, decisionDmText, type DecisionData } from '../closeout-decision.js';
import { closeoutRequestBlocks, closeoutRequestText, type CloseoutRequestData } from '../closeout-request.js';
import { problemAssignedBlocks, problemAssignedText, type ProblemAssignedData } from '../problem-assigned.js';
import type { RenderedMessage } from './common.js';

/**
 * The messages owed after someone acts (jobs/outbox/notify-messages.ts), rendered by the same builders as when
 * they were sent directly, in the reader's language (the sender sets it on `board.language`).
 */

/** A decider's copy of a closeout request, with Approve and Return. */
export function closeoutRequestMessage(message: CloseoutRequestMessage): RenderedMessage {
  const { board } = message;
  const data: CloseoutRequestData = {
    requestId: message.requestId,
    key: message.key,
    title: message.title,
    board: { code: board.code, name: board.name, timezone: board.timezone },
    ownerId: message.ownerId,
    requestedBy: message.requestedBy,
    requestedAt: new Date(message.requestedAt),
    evidence: message.evidence,
    ...(message.files && { files: message.files }),
    deadline: message.deadline,
    today: message.today,
    percent: message.percent,
    measures: message.measures,
    lang: board.language,
  };
  const tr = translator(board.language);
  return { text: closeoutRequestText(tr, data), blocks: closeoutRequestBlocks(tr, data) };
}

/** The owner's DM with the decision on their request. */
export function decisionMessage(message: DecisionMessage): RenderedMessage {
  const data: DecisionData = {
    lang: message.board.language,
    timezone: message.board.timezone,
    key: message.key,
    title: message.title,
    request: {
      state: message.state,
      decidedBy: message.decidedBy,
      decidedFor: message.decidedFor ?? null,
      reason: message.reason,
      outcome: message.outcome ?? null,
    },
  };
  const tr = translator(message.board.language);
  return { text: decisionDmText(tr, data), blocks: decisionDmBlocks(tr, data) };
}

/** "A problem is yours now", to its new owner. */
export function assignedMessage(message: AssignedMessage): RenderedMessage {
  const data: ProblemAssignedData = {
    key: message.key,
    title: message.title,
    boardName: message.board.name,
    assignedBy: message.assignedBy,
    deadline: message.deadline,
    today: message.today,
    unit: message.unit,
    measures: message.measures,
    lang: message.board.language,
  };
  const tr = translator(message.board.language);
  return { text: problemAssignedText(tr, data), blocks: problemAssignedBlocks(tr, data) };
}
