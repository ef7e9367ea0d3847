import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import type { Subcommand } from '../../parsers/command-text.js';
import { board } from './board.js';
import { edit } from './edit.js';
import { measures } from './measures.js';
import { reassign } from './reassign.js';
import { reopen } from './reopen.js';
import { restore } from './restore.js';
import { withdraw } from './withdraw.js';
import { extend } from './extend.js';
import { close } from './close.js';
import { exportBoard } from './export.js';
import { help } from './help.js';
import { importList } from './import.js';
import { list } from './list.js';
import { newProblem } from './new.js';
import { onCommand } from './on-command.js';
import { report } from './report.js';
import { show } from './show.js';
import { summary } from './summary.js';
import type { SubcommandHandler } from './types.js';

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
  extend,
};

/** The slash command the app handles; its subcommands are routed by the table above. */
export function register(app: App, ctx: SlackContext): void {
  app.command('/closeout', onCommand(ctx, SUBCOMMANDS));
}
