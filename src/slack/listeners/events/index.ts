import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { attachEvidence } from './attach-evidence.js';
import { importSharedFile } from './import-shared-file.js';
import { onEvent } from './on-event.js';
import { openHome } from './open-home.js';
import { receiveChatReply } from './receive-chat-reply.js';

/** Every Events API event the app handles (Bolt acknowledges events itself before they run). */
export function register(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', onEvent(ctx, openHome));
  // Two readers of every message: progress typed in chat, and a list file shared in the bot's DM (each
  // ignores what the other handles).
  app.event('message', onEvent(ctx, receiveChatReply));
  app.event('message', onEvent(ctx, importSharedFile));
  // Files shared with a problem key while its closeout request waits: evidence for that request.
  app.event('message', onEvent(ctx, attachEvidence));
}
