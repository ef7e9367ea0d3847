import type { AllMiddlewareArgs, BlockAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor, Language } from '../../../../domain/types.js';
import { translator, type Translator } from '../../../../i18n/index.js';
import type { SlackContext } from '../../../context.js';
import { parseButtonClick, type ButtonClick } from '../../../parsers/block-action.js';
import { answerFailures, type EphemeralTarget } from '../../../answer/ephemeral.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface ClickContext {
  ctx: SlackContext;
  click: ButtonClick;
  actor: Actor;
  lang: Language;
  tr: Translator;
  client: WebClient;
  respond: RespondFn;
  /** Where this user's ephemeral answers go. */
  target: EphemeralTarget;
}

/** Ephemeral answers go back through the response_url; a click on the App Home has none: DM the user. */
function targetOf(click: ButtonClick, client: WebClient, respond: RespondFn): EphemeralTarget {
  if (click.responseUrl) return { kind: 'respond', respond };
  if (click.container.kind === 'message')
    return { kind: 'post', client, channel: click.container.channel, user: click.userId };
  return { kind: 'dm', client, user: click.userId };
}

/**
 * The common shape of every button handler: ack first, parse the payload, find the user's language, then
 * do the work with refusals and crashes turned into a friendly ephemeral answer.
 */
export function onClick(ctx: SlackContext, work: (c: ClickContext) => Promise<void>) {
  return async ({ ack, body, client, respond }: ActionArgs): Promise<void> => {
    await ack();
    const click = parseButtonClick(body);
    if (!click) {
      ctx.logger.warn({ type: body.type }, 'ignored a button click that could not be parsed');
      return;
    }
    const lang = await ctx.locale.forUser(client, click.userId);
    const target = targetOf(click, client, respond);
    await answerFailures(lang, target, ctx.logger, () =>
      work({
        ctx,
        click,
        actor: { teamId: click.teamId, userId: click.userId },
        lang,
        tr: translator(lang),
        client,
        respond,
        target,
      }),
    );
  };
}
