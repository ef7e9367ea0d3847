import { forbidden, notFound } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import { isAdmin } from './access.js';
import type { ServiceDeps } from './deps.js';

/**
 * Who is looking. A restricted board shows to its leaders, the owners of its problems and measures, admins
 * and members of its channel when that channel is private (anyone may join a public one: see
 * slack/channel-members.ts). Channel membership is Slack's to know, so the caller supplies `memberOf`, true
 * only for members of a private channel (without it, only the other grounds count).
 */
export interface Viewer {
  actor: Actor;
  memberOf?: (channelId: string) => Promise<boolean>;
}

interface BoardAccess {
  id: number;
  code: string;
  channelId: string | null;
  visibility: 'open' | 'restricted';
}

/** Whether the viewer may list and show this board's problems. */
export async function canSeeBoard(deps: Pick<ServiceDeps, 'db' | 'admins'>, viewer: Viewer, board: BoardAccess) {
  if (board.visibility === 'open' || isAdmin(deps, viewer.actor)) return true;
  const userId = viewer.actor.userId;
  const [leads, owns] = await Promise.all([
    deps.db.boardLeader.count({ where: { boardId: board.id, userId } }),
    deps.db.problem.count({
      where: { boardId: board.id, OR: [{ ownerId: userId }, { measures: { some: { ownerId: userId } } }] },
    }),
  ]);
  if (leads > 0 || owns > 0) return true;
  if (!board.channelId || !viewer.memberOf) return false;
  return viewer.memberOf(board.channelId).catch(() => false);
}

export async function requireVisibleBoard(
  deps: Pick<ServiceDeps, 'db' | 'admins'>,
  viewer: Viewer,
  board: BoardAccess,
): Promise<void> {
  if (!(await canSeeBoard(deps, viewer, board))) throw forbidden('reliability.board_restricted', { code: board.code });
}

/** The boards among `boards` the viewer may see, in the same order. */
export async function visibleBoards<B extends BoardAccess>(
  deps: Pick<ServiceDeps, 'db' | 'admins'>,
  viewer: Viewer,
  boards: readonly B[],
): Promise<B[]> {
  const seen = await Promise.all(boards.map((b) => canSeeBoard(deps, viewer, b)));
  return boards.filter((_, i) => seen[i]);
}

/** Refuses a problem on a restricted board the viewer may not see ("not found" stays "not found"). */
export async function requireVisibleProblem(
  deps: Pick<ServiceDeps, 'db' | 'admins'>,
  viewer: Viewer,
  key: string,
): Promise<void> {
  const normalised = key.trim().toUpperCase();
  const problem = await deps.db.problem.findUnique({
    where: { teamId_key: { teamId: viewer.actor.teamId, key: normalised } },
    select: { board: { select: { id: true, code: true, channelId: true, visibility: true } } },
  });
  if (!problem) throw notFound('error.problem_not_found', { key: normalised });
  await requireVisibleBoard(deps, viewer, problem.board);
}
