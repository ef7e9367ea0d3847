import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { publishHome } from '../../refresh/homes.js';

/** Opening the Home tab republishes it, so it is fresh even if a refresh after a change was missed. */
export function registerHomeOpened(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, body, context, client }) => {
    if (event.tab !== 'home') return; // the Messages tab is turned off, but older clients may still send it
    const teamId = context.teamId ?? body.team_id;
    try {
      await publishHome(client, ctx, teamId, event.user);
    } catch (err) {
      ctx.logger.error({ err, userId: event.user }, 'could not publish the App Home');
    }
  });
}
