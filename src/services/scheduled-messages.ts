import type { ServiceDeps } from './deps.js';

/**
 * A message the scheduler sent, found again when someone acts on it (a prompt's or a nudge's buttons): its
 * stored data is re-rendered with each problem's current standing and a note under the one acted on.
 */
export function scheduledMessageAt(deps: Pick<ServiceDeps, 'db'>, channelId: string, ts: string) {
  return deps.db.delivery.findFirst({
    where: { channelId, slackTs: ts },
    select: { id: true, teamId: true, payload: true },
  });
}

/** The problems a scheduled message lists, with their boards (for their current lines). */
export function problemsWithBoards(deps: Pick<ServiceDeps, 'db'>, teamId: string, keys: string[]) {
  return deps.db.problem.findMany({ where: { teamId, key: { in: keys } }, include: { board: true } });
}

/** Keeps a re-rendered message's data, so later notes on it accumulate. */
export async function rewriteScheduledMessage(deps: Pick<ServiceDeps, 'db'>, id: number, payload: string) {
  await deps.db.delivery.update({ where: { id }, data: { payload } });
}
