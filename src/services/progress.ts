import { cycleAt } from '../domain/cycle.js';
import { updateInput, type UpdateInput } from '../domain/inputs.js';
import type { Actor, Health } from '../domain/types.js';
import { findProblem, requireOwnerOrLeader } from './access.js';
import { audit } from './audit.js';
import { transact, type ServiceDeps } from './deps.js';
import { ensureMeasuresExist, ensureNotClosed } from './problems.js';
import { validate } from './validate.js';

/** Where an update came from (Update.source): the report modal, a "No change" click, a chat reply, a CSV import. */
export type UpdateSource = 'modal' | 'no_change' | 'chat' | 'import';

/**
 * Appends a progress update. The first update moves an `open` problem to `in_progress`; measures named
 * as done are marked done; the problem keeps the latest health and percent for lists and cards.
 */
export async function reportUpdate(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  raw: UpdateInput,
  opts: { source?: UpdateSource } = {},
) {
  const input = validate(updateInput, raw);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const problem = await findProblem(tx, actor.teamId, key);
    await requireOwnerOrLeader(deps, tx, actor, problem);
    ensureNotClosed(problem);
    const board = await tx.board.findUniqueOrThrow({ where: { id: problem.boardId } });
    const measures = await tx.measure.findMany({ where: { problemId: problem.id } });
    const measuresDone = [...new Set(input.measuresDone)].sort((a, b) => a - b);
    ensureMeasuresExist(problem.key, measuresDone, measures);

    const update = await tx.update.create({
      data: {
        teamId: actor.teamId,
        problemId: problem.id,
        authorId: actor.userId,
        cycle: cycleAt(board, now).index,
        health: input.health,
        percent: input.percent,
        note: input.note,
        measuresDone: JSON.stringify(measuresDone),
        source: opts.source ?? 'modal',
        createdAt: now,
      },
    });
    if (measuresDone.length) {
      await tx.measure.updateMany({
        where: { problemId: problem.id, number: { in: measuresDone } },
        data: { status: 'done' },
      });
    }
    const after = await tx.problem.update({
      where: { id: problem.id },
      data: {
        status: problem.status === 'open' ? 'in_progress' : problem.status,
        health: input.health,
        percent: input.percent,
        lastUpdateAt: now,
      },
    });
    await audit(tx, actor, now, {
      action: 'problem.update',
      targetType: 'problem',
      targetId: problem.key,
      before: { status: problem.status, health: problem.health, percent: problem.percent },
      after: { status: after.status, health: after.health, percent: after.percent, updateId: update.id, measuresDone },
    });
    return { update, problem: after };
  });
}

/** "No change": an update that repeats the last health and percent, so the owner counts as having reported. */
export async function reportNoChange(deps: ServiceDeps, actor: Actor, key: string) {
  const problem = await findProblem(deps.db, actor.teamId, key);
  const health: Health = problem.health ?? 'on_track';
  return reportUpdate(deps, actor, key, { health, percent: problem.percent, note: '' }, { source: 'no_change' });
}
