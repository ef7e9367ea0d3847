import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackContext } from '../../../context.js';

/** An event handler's arguments: Bolt's for that event, and the app's context. */
export type EventArgs<Type extends string> = SlackEventMiddlewareArgs<Type> & AllMiddlewareArgs & { ctx: SlackContext };

/** Hands the app's context to an event handler along with Bolt's arguments (Bolt acks events itself). */
export function onEvent<Type extends string>(ctx: SlackContext, handler: (args: EventArgs<Type>) => Promise<void>) {
  return (args: SlackEventMiddlewareArgs<Type> & AllMiddlewareArgs): Promise<void> =>
    handler({ ...args, ctx } as EventArgs<Type>);
}
