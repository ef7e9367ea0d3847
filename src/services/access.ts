import { awayOn } from '../domain/absence.js';
import { localDate } from '../domain/cycle.js';
import { forbidden, notFound } from '../domain/errors.js';
import { OPERATOR, type Actor } from '../domain/types.js';
import type { ServiceDeps, Tx } from './deps.js';

type Reader = ServiceDeps['db'] | Tx;

/** Admins are listed in CLOSEOUT_ADMINS; the CLI operator has admin authority. */
export function isAdmin(deps: Pick<ServiceDeps, 'admins'>, actor: Actor): boolean {
  return actor.userId === OPERATOR || deps.admins.has(actor.userId);
}

export function requireAdmin(deps: Pick<ServiceDeps, 'admins'>, actor: Actor): void {
  if (!isAdmin(deps, actor)) throw forbidden('error.not_admin');
}

async function isLeader(db: Reader, boardId: number, userId: string): Promise<boolean> {
  return (await db.boardLeader.findUnique({ where: { boardId_userId: { boardId, userId } } })) !== null;
}

/** Admin, or a leader of this board. */
export async function canLead(
  deps: Pick<ServiceDeps, 'admins'>,
  db: Reader,
  actor: Actor,
  boardId: number,
): Promise<boolean> {
  return isAdmin(deps, actor) || (await isLeader(db, boardId, actor.userId));
}

export async function requireLeader(
  deps: Pick<ServiceDeps, 'admins'>,
  db: Reader,
  actor: Actor,
  board: { id: number; code: string },
): Promise<void> {
  if (!(await canLead(deps, db, actor, board.id))) throw forbidden('error.not_leader', { code: board.code });
}

/**
 * Owner of the problem, the owner's delegate while the owner is away (issue 22: the prompts go to them, so
 * they can answer them), or someone who can lead its board.
 */
export async function requireOwnerOrLeader(
  deps: Pick<ServiceDeps, 'admins' | 'clock'>,
  db: Reader,
  actor: Actor,
  problem: { boardId: number; ownerId: string; key: string },
): Promise<void> {
  if (problem.ownerId === actor.userId) return;
  if (await canLead(deps, db, actor, problem.boardId)) return;
  if (await standsInFor(deps, db, actor, problem)) return;
  throw forbidden('error.not_owner', { key: problem.key });
}

/** The actor is the delegate the problem's owner named for an absence that covers today (board's clock). */
async function standsInFor(
  deps: Pick<ServiceDeps, 'clock'>,
  db: Reader,
  actor: Actor,
  problem: { boardId: number; ownerId: string },
): Promise<boolean> {
  const absence = await db.absence.findUnique({
    where: { teamId_userId: { teamId: actor.teamId, userId: problem.ownerId } },
    select: { startDate: true, endDate: true, delegateId: true },
  });
  if (absence?.delegateId !== actor.userId) return false;
  const board = await db.board.findUnique({ where: { id: problem.boardId }, select: { timezone: true } });
  return board !== null && awayOn(absence, localDate(deps.clock.now(), board.timezone));
}

/** requireOwnerOrLeader outside a transaction (a modal about to open; the service checks again on submit). */
export async function requireOwnerOrLeaderNow(
  deps: Pick<ServiceDeps, 'admins' | 'db' | 'clock'>,
  actor: Actor,
  problem: { boardId: number; ownerId: string; key: string },
): Promise<void> {
  await requireOwnerOrLeader(deps, deps.db, actor, problem);
}

/** Codes and keys as people type them: `rect`, ` RECT-12 `. */
const normalise = (s: string) => s.trim().toUpperCase();

export async function findBoard(db: Reader, teamId: string, code: string) {
  const board = await db.board.findUnique({ where: { teamId_code: { teamId, code: normalise(code) } } });
  if (!board) throw notFound('error.board_not_found', { code: normalise(code) });
  return board;
}

export async function findProblem(db: Reader, teamId: string, key: string) {
  const problem = await db.problem.findUnique({ where: { teamId_key: { teamId, key: normalise(key) } } });
  if (!problem) throw notFound('error.problem_not_found', { key: normalise(key) });
  return problem;
}
