import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { onEvent } from './support/on-event.js';
import { lazy } from '../lazy.js';

// The handlers, each imported on its first use (see ../lazy.ts).
const attachEvidence = lazy(async () => (await import('./attach-evidence.js')).attachEvidence);
const importSharedFile = lazy(async () => (await import('./import-shared-file.js')).importSharedFile);
const openHome = lazy(async () => (await import('./open-home.js')).openHome);
const receiveChatReply = lazy(async () => (await import('./receive-chat-reply.js')).receiveChatReply);

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
