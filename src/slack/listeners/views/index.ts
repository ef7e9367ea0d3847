import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { VIEW } from '../../ids.js';
import { onSubmit } from './support/on-submit.js';
import { lazy } from '../lazy.js';

// The handlers, each imported on its first use (see ../lazy.ts).
const pickProblem = lazy(async () => (await import('./pick-problem.js')).pickProblem);
const saveBoard = lazy(async () => (await import('./save-board.js')).saveBoard);
const saveChangeReason = lazy(async () => (await import('./save-change-reason.js')).saveChangeReason);
const saveMeasures = lazy(async () => (await import('./save-measures.js')).saveMeasures);
const saveNewProblem = lazy(async () => (await import('./save-new-problem.js')).saveNewProblem);
const saveProblemEdit = lazy(async () => (await import('./save-problem-edit.js')).saveProblemEdit);
const saveReassignment = lazy(async () => (await import('./save-reassignment.js')).saveReassignment);
const saveReport = lazy(async () => (await import('./save-report.js')).saveReport);
const saveReturnReason = lazy(async () => (await import('./save-return-reason.js')).saveReturnReason);
const saveLongTerm = lazy(async () => (await import('./save-outcome.js')).saveLongTerm);
const saveNotRectifiable = lazy(async () => (await import('./save-outcome.js')).saveNotRectifiable);
const saveExtension = lazy(async () => (await import('./save-extension.js')).saveExtension);
const saveAbsence = lazy(async () => (await import('./save-absence.js')).saveAbsence);
const saveRecurrence = lazy(async () => (await import('./save-recurrence.js')).saveRecurrence);
const submitCloseoutRequest = lazy(async () => (await import('./submit-closeout-request.js')).submitCloseoutRequest);

/** Every modal submission the app handles (by callback_id), one handler per file named after what it saves. */
export function register(app: App, ctx: SlackContext): void {
  // The owner's modals.
  app.view<ViewSubmitAction>(VIEW.report, onSubmit(ctx, saveReport));
  app.view<ViewSubmitAction>(VIEW.closeout, onSubmit(ctx, submitCloseoutRequest));
  app.view<ViewSubmitAction>(VIEW.pickProblem, onSubmit(ctx, pickProblem));
  app.view<ViewSubmitAction>(VIEW.recurrence, onSubmit(ctx, saveRecurrence));
  // A leader's decision.
  app.view<ViewSubmitAction>(VIEW.returnReason, onSubmit(ctx, saveReturnReason));
  app.view<ViewSubmitAction>(VIEW.longTerm, onSubmit(ctx, saveLongTerm));
  app.view<ViewSubmitAction>(VIEW.notRectifiable, onSubmit(ctx, saveNotRectifiable));
  app.view<ViewSubmitAction>(VIEW.extension, onSubmit(ctx, saveExtension));
  // The App Home's "I'll be away" (issue 22).
  app.view<ViewSubmitAction>(VIEW.absence, onSubmit(ctx, saveAbsence));
  // Leaders' changes to problems.
  app.view<ViewSubmitAction>(VIEW.newProblem, onSubmit(ctx, saveNewProblem));
  app.view<ViewSubmitAction>(VIEW.changePick, onSubmit(ctx, pickProblem));
  app.view<ViewSubmitAction>(VIEW.editProblem, onSubmit(ctx, saveProblemEdit));
  app.view<ViewSubmitAction>(VIEW.reassign, onSubmit(ctx, saveReassignment));
  app.view<ViewSubmitAction>(VIEW.measures, onSubmit(ctx, saveMeasures));
  app.view<ViewSubmitAction>(VIEW.changeReason, onSubmit(ctx, saveChangeReason));
  // Admins' boards.
  app.view<ViewSubmitAction>(VIEW.board, onSubmit(ctx, saveBoard));
}
