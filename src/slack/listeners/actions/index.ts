import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { ACTION } from '../../ids.js';
import { onClick } from './support/on-click.js';
import { onSelect } from './support/on-select.js';
import { lazy } from '../lazy.js';

// The handlers, each imported on its first use (see ../lazy.ts).
const applyImport = lazy(async () => (await import('./apply-import.js')).applyImport);
const approveCloseout = lazy(async () => (await import('./approve-closeout.js')).approveCloseout);
const openLongTerm = lazy(async () => (await import('./decide-outcome.js')).openLongTerm);
const openNotRectifiable = lazy(async () => (await import('./decide-outcome.js')).openNotRectifiable);
const approveExtension = lazy(async () => (await import('./extension.js')).approveExtension);
const refuseExtension = lazy(async () => (await import('./extension.js')).refuseExtension);
const requestMoreTime = lazy(async () => (await import('./extension.js')).requestMoreTime);
const confirmFixHeld = lazy(async () => (await import('./confirm-fix-held.js')).confirmFixHeld);
const reportRecurrence = lazy(async () => (await import('./report-recurrence.js')).reportRecurrence);
const askAgainLater = lazy(async () => (await import('./ask-again-later.js')).askAgainLater);
const cancelImport = lazy(async () => (await import('./cancel-import.js')).cancelImport);
const chooseNewProblemBoard = lazy(async () => (await import('./choose-new-problem-board.js')).chooseNewProblemBoard);
const chooseProblemChange = lazy(async () => (await import('./choose-problem-change.js')).chooseProblemChange);
const dismissChatReply = lazy(async () => (await import('./dismiss-chat-reply.js')).dismissChatReply);
const endAbsence = lazy(async () => (await import('./end-absence.js')).endAbsence);
const planAbsence = lazy(async () => (await import('./plan-absence.js')).planAbsence);
const editChatReply = lazy(async () => (await import('./edit-chat-reply.js')).editChatReply);
const pickChatReplyProblem = lazy(async () => (await import('./pick-chat-reply-problem.js')).pickChatReplyProblem);
const pickReportProblem = lazy(async () => (await import('./pick-report-problem.js')).pickReportProblem);
const reportNoChange = lazy(async () => (await import('./report-no-change.js')).reportNoChange);
const reportProgress = lazy(async () => (await import('./report-progress.js')).reportProgress);
const requestCloseout = lazy(async () => (await import('./request-closeout.js')).requestCloseout);
const returnCloseout = lazy(async () => (await import('./return-closeout.js')).returnCloseout);
const showOlderChanges = lazy(async () => (await import('./show-older-changes.js')).showOlderChanges);
const seeAllProblems = lazy(async () => (await import('./see-all-problems.js')).seeAllProblems);
const showProblem = lazy(async () => (await import('./show-problem.js')).showProblem);
const turnListPage = lazy(async () => (await import('./turn-list-page.js')).turnListPage);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Previous/Next carry ids `list.page.prev` and `list.page.next` (ids are unique within a block). */
const LIST_PAGE = new RegExp(`^${escapeRegExp(ACTION.listPage)}(\\.|$)`);
/** Candidate buttons carry `chat_reply.pick:<index>` so their action_ids are unique within the block. */
const CHAT_PICK = new RegExp(`^${escapeRegExp(ACTION.chatPick)}(?::\\d+)?$`);

/**
 * Every button and select the app handles, one handler per file named after what the user did. `onClick`
 * acks, parses and answers refusals; `onSelect` updates the modal a select is in.
 */
export function register(app: App, ctx: SlackContext): void {
  // The owner's buttons on cards, prompts and the App Home, and *View* on list lines.
  app.action(ACTION.reportProgress, onClick(ctx, reportProgress));
  app.action(ACTION.requestCloseout, onClick(ctx, requestCloseout));
  app.action(ACTION.noChange, onClick(ctx, reportNoChange));
  app.action(ACTION.showProblem, onClick(ctx, showProblem));
  // A leader's decision on a closeout request.
  app.action(ACTION.approve, onClick(ctx, approveCloseout));
  app.action(ACTION.returnRequest, onClick(ctx, returnCloseout));
  app.action(ACTION.approveLongTerm, onClick(ctx, openLongTerm));
  app.action(ACTION.notRectifiable, onClick(ctx, openNotRectifiable));
  // Requests for more time: the owner's button, a leader's decision.
  app.action(ACTION.requestExtension, onClick(ctx, requestMoreTime));
  app.action(ACTION.approveExtension, onClick(ctx, approveExtension));
  app.action(ACTION.refuseExtension, onClick(ctx, refuseExtension));
  // An effectiveness check's DM: has the fix held?
  app.action(ACTION.fixHeld, onClick(ctx, confirmFixHeld));
  app.action(ACTION.fixCameBack, onClick(ctx, reportRecurrence));
  app.action(ACTION.fixNotSure, onClick(ctx, askAgainLater));
  // Leaders' ⋯ menu on a card, and a card's history.
  app.action(ACTION.problemMenu, onClick(ctx, chooseProblemChange));
  app.action(ACTION.historyPage, onClick(ctx, showOlderChanges));
  // Lists.
  app.action(LIST_PAGE, onClick(ctx, turnListPage));
  app.action(ACTION.seeAllProblems, onClick(ctx, seeAllProblems));
  // Under chat-reply answers.
  app.action(CHAT_PICK, onClick(ctx, pickChatReplyProblem));
  app.action(ACTION.chatDismiss, onClick(ctx, dismissChatReply));
  app.action(ACTION.chatEdit, onClick(ctx, editChatReply));
  // An import preview.
  app.action(ACTION.applyImport, onClick(ctx, applyImport));
  app.action(ACTION.cancelImport, onClick(ctx, cancelImport));
  // The App Home's absence section (issue 22).
  app.action(ACTION.planAbsence, onClick(ctx, planAbsence));
  app.action(ACTION.endAbsence, onClick(ctx, endAbsence));
  // Selects inside modals.
  app.action(ACTION.pickProblem, onSelect(ctx, pickReportProblem));
  app.action(ACTION.newProblemBoard, onSelect(ctx, chooseNewProblemBoard));
}
