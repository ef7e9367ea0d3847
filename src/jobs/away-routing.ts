import type { Db } from '../db/client.js';
import { awayOn } from '../domain/absence.js';
import { absencesOf } from '../services/absences.js';
import { existingKeys } from '../services/deliveries.js';

/**
 * Where an owner's prompt or nudge goes while they are away (issue 22). `delegate`: to the delegate, naming
 * the owner, under the owner's own key (still one delivery per owner per round). `paused`: nowhere for now.
 * `catch-up`: the owner is back from an absence without a delegate that began before this round's prompt
 * went out: one catch-up prompt under its own key, on the first working day back (the jobs run on working
 * days only). `owner`: as usual.
 */
type Route =
  | { to: 'owner' }
  | { to: 'delegate'; delegate: string; until: string }
  | { to: 'paused' }
  | { to: 'catch-up'; key: string };

/** The catch-up prompt's key: one per owner, board and absence. */
const catchUpKey = (board: string, owner: string, until: string) => `catch-up:${board}:${owner}:${until}`;

/**
 * Routes a page of owners. `opening`: the local date the round's prompt opened (prompts); null for nudges,
 * which have no catch-up.
 */
export async function routeOwners(
  db: Db,
  board: { teamId: string; code: string },
  page: readonly { ownerId: string }[],
  today: string,
  opening: string | null,
): Promise<Map<string, Route>> {
  const absences = await absencesOf(
    db,
    board.teamId,
    page.map((o) => o.ownerId),
  );
  const routes = new Map<string, Route>();
  const catchUps = new Map<string, string>();
  for (const { ownerId } of page) {
    const a = absences.get(ownerId);
    if (a && awayOn(a, today)) {
      routes.set(
        ownerId,
        a.delegateId ? { to: 'delegate', delegate: a.delegateId, until: a.endDate } : { to: 'paused' },
      );
    } else if (a && !a.delegateId && opening !== null && a.endDate < today && a.endDate >= opening) {
      catchUps.set(ownerId, catchUpKey(board.code, ownerId, a.endDate));
    } else routes.set(ownerId, { to: 'owner' });
  }
  const sent = await existingKeys(db, [...catchUps.values()]);
  for (const [ownerId, key] of catchUps)
    routes.set(ownerId, sent.has(key) ? { to: 'paused' } : { to: 'catch-up', key });
  return routes;
}
