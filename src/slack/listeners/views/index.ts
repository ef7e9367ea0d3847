import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import * as board from './board.js';
import * as closeout from './closeout.js';
import * as newProblem from './new-problem.js';
import * as pickProblem from './pick-problem.js';
import * as report from './report.js';
import * as returnReason from './return-reason.js';

/** Modal submissions, one file per modal. */
export function register(app: App, ctx: SlackContext): void {
  returnReason.register(app, ctx);
  newProblem.register(app, ctx);
  report.register(app, ctx);
  pickProblem.register(app, ctx);
  closeout.register(app, ctx);
  board.register(app, ctx);
}
