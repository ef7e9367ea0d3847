import type { App } from '@slack/bolt';
import type { SlackContext } from '../context.js';
import * as commands from './commands/index.js';

/** One register() per listener kind, as in Slack's bolt-ts-starter-template. */
export function registerListeners(app: App, ctx: SlackContext): void {
  commands.register(app, ctx);
}
