import { endAbsence as endIt } from '../../../services/absences.js';
import { tellUser } from '../../answer/tell-user.js';
import { refreshHomes } from '../../refresh/homes.js';
import type { ClickContext } from './support/on-click.js';

/** *I'm back* on the App Home (issue 22): ends the user's absence and republishes their Home. */
export async function endAbsence({ ctx, actor, tr, client }: ClickContext): Promise<void> {
  const ended = await endIt(ctx.deps, actor);
  await refreshHomes(client, ctx, actor.teamId, [actor.userId]);
  await tellUser(client, ctx.logger, { userId: actor.userId }, tr(ended ? 'away.off' : 'away.off_none'));
}
