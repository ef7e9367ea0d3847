import type { App } from '@slack/bolt';
import type { SlackContext } from '../context.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as views from './views/index.js';

/** One register() per listener kind, as in Slack's bolt-ts-starter-template. */
export function registerListeners(app: App, ctx: SlackContext): void {
  commands.register(app, ctx);
  actions.register(app, ctx);
  events.register(app, ctx);
  views.register(app, ctx);
}
