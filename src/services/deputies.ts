import { awayOn } from '../domain/absence.js';
import { localDate } from '../domain/cycle.js';
import { forbidden, invalid } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import { canLead, isAdmin, requireLeader } from './access.js';
import { audit } from './audit.js';
import { transactUpsert, type ServiceDeps, type Tx } from './deps.js';

type Reader = Pick<Tx, 'absence' | 'deputy' | 'boardLeader'>;

interface DeputyRow {
  leaderId: string;
  deputyId: string;
  until: string | null;
}

const deputySelect = { leaderId: true, deputyId: true, until: true } as const;

/**
 * Deputies for sign-off (issue 22). A leader (of any board) or an admin names one deputy; while the leader
 * is away (their Absence) and the naming has not run out, closeout requests on the leader's boards reach
 * the deputy, who may decide as the leader. Separation of duties applies to the deputy as to anyone.
 */
export async function setDeputy(
  deps: ServiceDeps,
  actor: Actor,
  input: { deputyId: string; until: string | null },
): Promise<DeputyRow> {
  if (input.deputyId === actor.userId) throw invalid('deputy.self');
  const leads = await deps.db.boardLeader.count({ where: { userId: actor.userId, board: { teamId: actor.teamId } } });
  if (!leads && !isAdmin(deps, actor)) throw forbidden('deputy.not_leader');
  const at = deps.clock.now();
  // A date a day behind UTC's is still someone's today; older is a mistake.
  const yesterday = localDate(new Date(at.getTime() - 86_400_000), 'UTC');
  if (input.until !== null && input.until < yesterday) throw invalid('deputy.in_past');
  return transactUpsert(deps.db, async (tx) => {
    const row = await tx.deputy.upsert({
      where: { teamId_leaderId: { teamId: actor.teamId, leaderId: actor.userId } },
      create: { teamId: actor.teamId, leaderId: actor.userId, ...input, createdAt: at },
      update: { ...input, createdAt: at },
      select: deputySelect,
    });
    await audit(tx, actor, at, { action: 'deputy.set', targetType: 'person', targetId: actor.userId, after: input });
    return row;
  });
}

export async function endDeputy(deps: ServiceDeps, actor: Actor): Promise<boolean> {
  const at = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.deputy.deleteMany({ where: { teamId: actor.teamId, leaderId: actor.userId } });
    if (count) await audit(tx, actor, at, { action: 'deputy.off', targetType: 'person', targetId: actor.userId });
    return count > 0;
  });
}

export async function deputyOf(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<DeputyRow | null> {
  return deps.db.deputy.findUnique({
    where: { teamId_leaderId: { teamId: actor.teamId, leaderId: actor.userId } },
    select: deputySelect,
  });
}

/** The deputies standing in today (`today`: the board's local date) for the given leaders, by leader. */
export async function standingDeputies(
  db: Reader,
  teamId: string,
  leaderIds: readonly string[],
  today: string,
): Promise<Map<string, string>> {
  if (!leaderIds.length) return new Map();
  const [absences, deputies] = await Promise.all([
    db.absence.findMany({
      where: { teamId, userId: { in: [...leaderIds] }, startDate: { lte: today }, endDate: { gte: today } },
      select: { userId: true, startDate: true, endDate: true },
    }),
    db.deputy.findMany({ where: { teamId, leaderId: { in: [...leaderIds] } }, select: deputySelect }),
  ]);
  const away = new Set(absences.filter((a) => awayOn(a, today)).map((a) => a.userId));
  const out = new Map<string, string>();
  for (const d of deputies)
    if (away.has(d.leaderId) && (d.until === null || d.until >= today)) out.set(d.leaderId, d.deputyId);
  return out;
}

/**
 * The leader of the board that `deciderId` stands in for today, or null. A deputy for several away leaders
 * of one board decides for the first of them (by user ID), so the record names one.
 */
async function actingFor(
  db: Reader,
  board: { id: number; teamId: string; timezone: string },
  deciderId: string,
  at: Date,
): Promise<string | null> {
  const leaders = await db.boardLeader.findMany({ where: { boardId: board.id }, select: { userId: true } });
  const standing = await standingDeputies(
    db,
    board.teamId,
    leaders.map((l) => l.userId),
    localDate(at, board.timezone),
  );
  const forLeaders = [...standing].filter(([, deputy]) => deputy === deciderId).map(([leader]) => leader);
  return forLeaders.sort()[0] ?? null;
}

/**
 * Who may decide a closeout request on `board`: its leaders and admins (returns null), or a deputy standing
 * in today for an away leader (returns that leader); anyone else is refused as a non-leader. One copy of the
 * rule for the Return modal's check and the decision itself.
 */
export async function requireDecider(
  deps: Pick<ServiceDeps, 'admins' | 'db' | 'clock'>,
  actor: Actor,
  board: { id: number; code: string; teamId: string; timezone: string },
): Promise<string | null> {
  if (await canLead(deps, deps.db, actor, board.id)) return null;
  const leader = await actingFor(deps.db, board, actor.userId, deps.clock.now());
  if (leader === null) await requireLeader(deps, deps.db, actor, board);
  return leader;
}
