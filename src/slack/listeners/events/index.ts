import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { registerHomeOpened } from './home.js';
import { importSharedFile } from './import-shared-file.js';
import { registerChatReplies } from './messages.js';

/** Events API listeners, one per feature (Bolt acknowledges events itself before they run). */
export function register(app: App, ctx: SlackContext): void {
  registerHomeOpened(app, ctx);
  registerChatReplies(app, ctx);
  app.event('message', importSharedFile(ctx));
}
