import type { App } from '@slack/bolt';
import { translator } from '../../../i18n/index.js';
import { afterAck } from '../../after-ack.js';
import type { SlackContext } from '../../context.js';
import { parseCommandText, type Subcommand } from '../../parsers/command-text.js';
import { answerFailures } from '../../reply.js';
import { unknownCommandText } from '../../views/help.js';
import { board } from './board.js';
import { edit } from './edit.js';
import { measures } from './measures.js';
import { reassign } from './reassign.js';
import { reopen } from './reopen.js';
import { restore } from './restore.js';
import { withdraw } from './withdraw.js';
import { close } from './close.js';
import { exportBoard } from './export.js';
import { help } from './help.js';
import { importList } from './import.js';
import { list } from './list.js';
import { newProblem } from './new.js';
import { report } from './report.js';
import { show } from './show.js';
import { summary } from './summary.js';
import type { SubcommandHandler } from './types.js';

/** Subcommands not built yet answer with help rather than silence. */
const handlers: Partial<Record<Subcommand, SubcommandHandler>> = {
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
};

export function register(app: App, ctx: SlackContext): void {
  app.command('/closeout', async ({ ack, command, respond, client }) => {
    await ack(); // before anything slow: Slack gives us 3 seconds
    // A bounded number of commands work at once, so a burst cannot hold up the next acks (see after-ack.ts).
    await afterAck(async () => {
      const lang = await ctx.locale.forUser(client, command.user_id);
      const tr = translator(lang);
      await answerFailures(lang, { kind: 'respond', respond }, ctx.logger, async () => {
        const parsed = parseCommandText(command.text);
        if (!parsed.ok) {
          await respond({ response_type: 'ephemeral', text: unknownCommandText(tr, parsed.input, parsed.suggestion) });
          return;
        }
        const handler = handlers[parsed.sub] ?? help;
        const actor = { teamId: command.team_id, userId: command.user_id };
        await handler({ args: parsed.args, command, client, respond, ctx, actor, lang, tr });
      });
    });
  });
}
