import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { VIEW } from '../../ids.js';
import { onSubmit } from './on-submit.js';
import { pickProblem } from './pick-problem.js';
import { saveBoard } from './save-board.js';
import { saveChangeReason } from './save-change-reason.js';
import { saveMeasures } from './save-measures.js';
import { saveNewProblem } from './save-new-problem.js';
import { saveProblemEdit } from './save-problem-edit.js';
import { saveReassignment } from './save-reassignment.js';
import { saveReport } from './save-report.js';
import { saveReturnReason } from './save-return-reason.js';
import { saveLongTerm, saveNotRectifiable } from './save-outcome.js';
import { saveExtension } from './save-extension.js';
import { submitCloseoutRequest } from './submit-closeout-request.js';

/** Every modal submission the app handles (by callback_id), one handler per file named after what it saves. */
export function register(app: App, ctx: SlackContext): void {
  // The owner's modals.
  app.view<ViewSubmitAction>(VIEW.report, onSubmit(ctx, saveReport));
  app.view<ViewSubmitAction>(VIEW.closeout, onSubmit(ctx, submitCloseoutRequest));
  app.view<ViewSubmitAction>(VIEW.pickProblem, onSubmit(ctx, pickProblem));
  // A leader's decision.
  app.view<ViewSubmitAction>(VIEW.returnReason, onSubmit(ctx, saveReturnReason));
  app.view<ViewSubmitAction>(VIEW.longTerm, onSubmit(ctx, saveLongTerm));
  app.view<ViewSubmitAction>(VIEW.notRectifiable, onSubmit(ctx, saveNotRectifiable));
  app.view<ViewSubmitAction>(VIEW.extension, onSubmit(ctx, saveExtension));
  // Leaders' changes to problems.
  app.view<ViewSubmitAction>(VIEW.newProblem, onSubmit(ctx, saveNewProblem));
  app.view<ViewSubmitAction>(VIEW.upkeepPick, onSubmit(ctx, pickProblem));
  app.view<ViewSubmitAction>(VIEW.editProblem, onSubmit(ctx, saveProblemEdit));
  app.view<ViewSubmitAction>(VIEW.reassign, onSubmit(ctx, saveReassignment));
  app.view<ViewSubmitAction>(VIEW.measures, onSubmit(ctx, saveMeasures));
  app.view<ViewSubmitAction>(VIEW.changeReason, onSubmit(ctx, saveChangeReason));
  // Admins' boards.
  app.view<ViewSubmitAction>(VIEW.board, onSubmit(ctx, saveBoard));
}
