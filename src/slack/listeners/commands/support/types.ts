import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor, Language } from '../../../../domain/types.js';
import type { Translator } from '../../../../i18n/index.js';
import type { SlackContext } from '../../../context.js';

/** Everything a `/closeout <sub>` handler needs, after the command was acknowledged. */
export interface SubcommandArgs {
  args: string[];
  command: SlashCommand;
  client: WebClient;
  respond: RespondFn;
  ctx: SlackContext;
  actor: Actor;
  lang: Language;
  tr: Translator;
}

export type SubcommandHandler = (a: SubcommandArgs) => Promise<void>;
