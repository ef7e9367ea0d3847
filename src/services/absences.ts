import type { Db } from '../db/client.js';
import { absenceProblem, type Absence, type AbsenceProblem } from '../domain/absence.js';
import { localDate } from '../domain/cycle.js';
import { invalid } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import { audit } from './audit.js';
import { transactUpsert, type ServiceDeps } from './deps.js';

const absenceSelect = { userId: true, startDate: true, endDate: true, delegateId: true } as const;

/**
 * People away (issue 22): each person sets and ends their own absence. "Today" for the check is UTC's
 * date less a day, so a person west of UTC can still start an absence on their own today.
 */
function todayFor(deps: Pick<ServiceDeps, 'clock'>): string {
  return localDate(new Date(deps.clock.now().getTime() - 24 * 3_600_000), 'UTC');
}

export type AbsenceInput = { startDate: string; endDate: string; delegateId: string | null };

/**
 * What is wrong with an absence the actor asks for, or null: the one check behind `/closeout away` and the
 * App Home's modal (which shows it inline before saving); setAbsence makes it again.
 */
export function absenceInputProblem(
  deps: Pick<ServiceDeps, 'clock'>,
  actor: Actor,
  input: AbsenceInput,
): AbsenceProblem | null {
  return absenceProblem({ userId: actor.userId, ...input }, todayFor(deps));
}

export async function setAbsence(deps: ServiceDeps, actor: Actor, input: AbsenceInput): Promise<Absence> {
  const absence: Absence = { userId: actor.userId, ...input };
  const problem = absenceInputProblem(deps, actor, input);
  if (problem) throw invalid(`away.${problem}`);
  const at = deps.clock.now();
  return transactUpsert(deps.db, async (tx) => {
    const row = await tx.absence.upsert({
      where: { teamId_userId: { teamId: actor.teamId, userId: actor.userId } },
      create: { teamId: actor.teamId, ...absence, createdAt: at },
      update: { startDate: input.startDate, endDate: input.endDate, delegateId: input.delegateId, createdAt: at },
      select: absenceSelect,
    });
    await audit(tx, actor, at, { action: 'away.set', targetType: 'person', targetId: actor.userId, after: input });
    return row;
  });
}

/** Ends the actor's absence; false when there was none. */
export async function endAbsence(deps: ServiceDeps, actor: Actor): Promise<boolean> {
  const at = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.absence.deleteMany({ where: { teamId: actor.teamId, userId: actor.userId } });
    if (count) await audit(tx, actor, at, { action: 'away.off', targetType: 'person', targetId: actor.userId });
    return count > 0;
  });
}

export async function absenceOf(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<Absence | null> {
  return deps.db.absence.findUnique({
    where: { teamId_userId: { teamId: actor.teamId, userId: actor.userId } },
    select: absenceSelect,
  });
}

/** The absences of some people (a page of owners, the deciders of a request), by user ID. */
export async function absencesOf(db: Db, teamId: string, userIds: readonly string[]): Promise<Map<string, Absence>> {
  if (!userIds.length) return new Map();
  const rows = await db.absence.findMany({ where: { teamId, userId: { in: [...userIds] } }, select: absenceSelect });
  return new Map(rows.map((r) => [r.userId, r]));
}
