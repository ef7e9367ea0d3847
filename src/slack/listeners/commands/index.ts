import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import type { Subcommand } from '../../parsers/command-text.js';
import { onCommand } from './support/on-command.js';
import type { SubcommandHandler } from './support/types.js';
import { lazy } from '../lazy.js';

// The handlers, each imported on its first use (see ../lazy.ts).
const away = lazy(async () => (await import('./away.js')).away);
const deputy = lazy(async () => (await import('./deputy.js')).deputy);
const board = lazy(async () => (await import('./board.js')).board);
const calendar = lazy(async () => (await import('./calendar.js')).calendar);
const edit = lazy(async () => (await import('./edit.js')).edit);
const measures = lazy(async () => (await import('./measures.js')).measures);
const reassign = lazy(async () => (await import('./reassign.js')).reassign);
const reopen = lazy(async () => (await import('./reopen.js')).reopen);
const restore = lazy(async () => (await import('./restore.js')).restore);
const withdraw = lazy(async () => (await import('./withdraw.js')).withdraw);
const extend = lazy(async () => (await import('./extend.js')).extend);
const close = lazy(async () => (await import('./close.js')).close);
const exportBoard = lazy(async () => (await import('./export.js')).exportBoard);
const help = lazy(async () => (await import('./help.js')).help);
const importList = lazy(async () => (await import('./import.js')).importList);
const list = lazy(async () => (await import('./list.js')).list);
const newProblem = lazy(async () => (await import('./new.js')).newProblem);
const report = lazy(async () => (await import('./report.js')).report);
const show = lazy(async () => (await import('./show.js')).show);
const summary = lazy(async () => (await import('./summary.js')).summary);

/** Every `/closeout` subcommand, one handler per file (aliases such as Chinese names are in the parser). */
const SUBCOMMANDS: Record<Subcommand, SubcommandHandler> = {
  help,
  list,
  show,
  summary,
  new: newProblem,
  report,
  close,
  board,
  export: exportBoard,
  import: importList,
  edit,
  reassign,
  measures,
  reopen,
  withdraw,
  restore,
  calendar,
  extend,
  away,
  deputy,
};

/** The slash command the app handles; its subcommands are routed by the table above. */
export function register(app: App, ctx: SlackContext): void {
  app.command('/closeout', onCommand(ctx, SUBCOMMANDS));
}
