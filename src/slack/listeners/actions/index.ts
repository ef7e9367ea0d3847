import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { ACTION } from '../../ids.js';
import { applyImport } from './apply-import.js';
import { approveCloseout } from './approve-closeout.js';
import { openLongTerm, openNotRectifiable } from './decide-outcome.js';
import { approveExtension, refuseExtension, requestMoreTime } from './extension.js';
import { cancelImport } from './cancel-import.js';
import { chooseNewProblemBoard } from './choose-new-problem-board.js';
import { chooseProblemChange } from './choose-problem-change.js';
import { dismissChatReply } from './dismiss-chat-reply.js';
import { editChatReply } from './edit-chat-reply.js';
import { onClick } from './on-click.js';
import { onSelect } from './on-select.js';
import { pickChatReplyProblem } from './pick-chat-reply-problem.js';
import { pickReportProblem } from './pick-report-problem.js';
import { reportNoChange } from './report-no-change.js';
import { reportProgress } from './report-progress.js';
import { requestCloseout } from './request-closeout.js';
import { returnCloseout } from './return-closeout.js';
import { showOlderChanges } from './show-older-changes.js';
import { seeAllProblems } from './see-all-problems.js';
import { showProblem } from './show-problem.js';
import { turnListPage } from './turn-list-page.js';

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
  // Selects inside modals.
  app.action(ACTION.pickProblem, onSelect(ctx, pickReportProblem));
  app.action(ACTION.newProblemBoard, onSelect(ctx, chooseNewProblemBoard));
}
