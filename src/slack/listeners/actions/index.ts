import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { ACTION } from '../../ids.js';
import { applyImport } from './apply-import.js';
import { cancelImport } from './cancel-import.js';
import * as chatReplies from './chat-replies.js';
import { onClick } from './click.js';
import * as listPage from './list-page.js';
import * as modalSelects from './modal-selects.js';
import * as problemButtons from './problem-buttons.js';
import * as signoff from './signoff.js';
import { chooseProblemChange } from './choose-problem-change.js';
import { showOlderChanges } from './show-older-changes.js';

/** Button handlers, one file per feature. */
export function register(app: App, ctx: SlackContext): void {
  problemButtons.register(app, ctx);
  signoff.register(app, ctx);
  listPage.register(app, ctx);
  chatReplies.register(app, ctx);
  modalSelects.register(app, ctx);
  app.action(ACTION.applyImport, onClick(ctx, applyImport(ctx)));
  app.action(ACTION.cancelImport, onClick(ctx, cancelImport));
  app.action(ACTION.problemMenu, onClick(ctx, chooseProblemChange));
  app.action(ACTION.historyPage, onClick(ctx, showOlderChanges));
}
