import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { translator } from '../../../../i18n/index.js';
import { answerFailures } from '../../../answer/ephemeral.js';
import { afterAck } from './after-ack.js';
import type { SlackContext } from '../../../context.js';
import { parseCommandText, type Subcommand } from '../../../parsers/command-text.js';
import { cutToSlackLimit, SLACK_INPUT_MAX } from '../../../parsers/slack-input.js';
import { unknownCommandText } from '../../../blocks/help.js';
import type { SubcommandHandler } from './types.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * The common shape of `/closeout <sub> …`: ack first (Slack gives us 3 seconds), find the user's language,
 * then run the subcommand's handler with refusals and crashes turned into a friendly ephemeral answer. An
 * unknown subcommand is answered with the closest one.
 */
export function onCommand(ctx: SlackContext, subcommands: Record<Subcommand, SubcommandHandler>) {
  return async ({ ack, command, respond, client }: CommandArgs): Promise<void> => {
    await ack(); // before anything slow
    // A bounded number of commands work at once, so a burst cannot hold up the next acks (see after-ack.ts).
    await afterAck(async () => {
      const lang = await ctx.locale.forUser(client, command.user_id);
      const tr = translator(lang);
      await answerFailures(lang, { kind: 'respond', respond }, ctx.logger, async () => {
        // Cut to what Slack sends at most, once, before the router or any subcommand reads the text.
        const text = cutToSlackLimit(command.text, SLACK_INPUT_MAX.commandText);
        const parsed = parseCommandText(text);
        if (!parsed.ok) {
          await respond({ response_type: 'ephemeral', text: unknownCommandText(tr, parsed.input, parsed.suggestion) });
          return;
        }
        const actor = { teamId: command.team_id, userId: command.user_id };
        await subcommands[parsed.sub]({
          args: parsed.args,
          command: text === command.text ? command : { ...command, text },
          client,
          respond,
          ctx,
          actor,
          lang,
          tr,
        });
      });
    });
  };
}
