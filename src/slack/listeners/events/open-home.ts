import { publishHome } from '../../refresh/homes.js';
import type { EventArgs } from './support/on-event.js';

/** Opening the Home tab republishes it, so it is fresh even if a refresh after a change was missed. */
export async function openHome({ ctx, event, body, context, client }: EventArgs<'app_home_opened'>): Promise<void> {
  if (event.tab !== 'home') return; // the Messages tab is turned off, but older clients may still send it
  const teamId = context.teamId ?? body.team_id;
  try {
    await publishHome(client, ctx, teamId, event.user);
  } catch (err) {
    ctx.logger.error({ err, userId: event.user }, 'could not publish the App Home');
  }
}
