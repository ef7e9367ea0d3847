import { notFound } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import { requireDecider } from './deputies.js';
import type { ServiceDeps } from './deps.js';

/**
 * A closeout request a leader is about to decide on, after checking they lead its board: what the Return
 * modal shows and whether it is still pending. The decision itself is checked again when it is saved.
 */
export async function requestForLeader(deps: ServiceDeps, actor: Actor, requestId: number) {
  const request = await deps.db.closeoutRequest.findFirst({
    where: { id: requestId, teamId: actor.teamId },
    select: {
      state: true,
      decidedBy: true,
      problem: {
        select: {
          key: true,
          title: true,
          ownerId: true,
          board: { select: { id: true, code: true, teamId: true, timezone: true } },
        },
      },
    },
  });
  if (!request) throw notFound('error.closeout_not_found', { id: requestId });
  // A leader, or a deputy standing in for an away leader (issue 22).
  await requireDecider(deps, actor, request.problem.board);
  return request;
}

/** A request with its decision and what announcing it needs: the problem, its owner, board and leaders. */
export async function decidedRequest(deps: Pick<ServiceDeps, 'db'>, teamId: string, requestId: number) {
  return deps.db.closeoutRequest.findFirstOrThrow({
    where: { id: requestId, teamId },
    select: {
      id: true,
      state: true,
      requestedBy: true,
      evidence: true,
      createdAt: true,
      decidedBy: true,
      decidedAt: true,
      reason: true,
      problem: {
        select: {
          key: true,
          title: true,
          ownerId: true,
          board: {
            select: {
              id: true,
              code: true,
              name: true,
              timezone: true,
              language: true,
              leaders: { select: { userId: true } },
            },
          },
        },
      },
    },
  });
}
