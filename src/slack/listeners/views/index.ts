import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import * as board from './board.js';
import * as closeout from './closeout.js';
import * as newProblem from './new-problem.js';
import * as pickProblem from './pick-problem.js';
import * as report from './report.js';
import * as returnReason from './return-reason.js';
import { VIEW } from '../../ids.js';
import { pickUpkeepProblem } from './pick-upkeep-problem.js';
import { saveChangeReason } from './save-change-reason.js';
import { saveMeasures } from './save-measures.js';
import { saveProblemEdit } from './save-problem-edit.js';
import { saveReassignment } from './save-reassignment.js';

/** Modal submissions, one file per modal. */
export function register(app: App, ctx: SlackContext): void {
  returnReason.register(app, ctx);
  newProblem.register(app, ctx);
  report.register(app, ctx);
  pickProblem.register(app, ctx);
  closeout.register(app, ctx);
  board.register(app, ctx);
  app.view(VIEW.editProblem, saveProblemEdit(ctx));
  app.view(VIEW.reassign, saveReassignment(ctx));
  app.view(VIEW.measures, saveMeasures(ctx));
  app.view(VIEW.changeReason, saveChangeReason(ctx));
  app.view(VIEW.upkeepPick, pickUpkeepProblem(ctx));
}
