import type { ServiceDeps } from './deps.js';

/** The key of the problem a progress update is about, or null if the update is not in this workspace. */
export async function problemKeyOfUpdate(
  deps: Pick<ServiceDeps, 'db'>,
  teamId: string,
  updateId: number,
): Promise<string | null> {
  const update = await deps.db.update.findUnique({
    where: { id: updateId },
    select: { teamId: true, problem: { select: { key: true } } },
  });
  return update && update.teamId === teamId ? update.problem.key : null;
}
