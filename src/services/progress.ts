import { cycleAt } from '../domain/cycle.js';
import { updateInput, type UpdateInput } from '../domain/inputs.js';
import { requireTransition } from '../domain/problem-state.js';
import type { Actor, Health } from '../domain/types.js';
import { findProblem, requireOwnerOrLeader } from './access.js';
import { audit } from './audit.js';
import { type ServiceDeps, type Tx } from './deps.js';
import { ensureMeasuresExist, ensureNotClosed } from './problems.js';
import { validate } from './validate.js';
import { priorSubmission, recordSubmission, transactOnce, type Once } from './view-submissions.js';

/** Where an update came from (Update.source): the report modal, a "No change" click, a chat reply, a CSV import. */
type UpdateSource = 'modal' | 'no_change' | 'chat' | 'import';

/**
 * Appends a progress update. The first update moves an `open` problem to `in_progress`; measures named
 * as done are marked done; the problem keeps the latest health and percent for lists and cards.
 */
export async function reportUpdate(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  raw: UpdateInput,
  opts: { source?: UpdateSource } & Once = {},
) {
  const input = validate(updateInput, raw);
  const { viewId } = opts;
  return transactOnce(deps.db, viewId, async (tx) => {
    const prior = await priorSubmission(tx, viewId, 'update');
    if (prior !== null) {
      // The same modal submitted again: its first update, not a second one.
      const update = await tx.update.findUniqueOrThrow({ where: { id: Number(prior) } });
      return { update, problem: await tx.problem.findUniqueOrThrow({ where: { id: update.problemId } }) };
    }
    const written = await writeUpdate(deps, tx, actor, key, input, opts.source ?? 'modal');
    await recordSubmission(tx, actor, viewId, 'update', written.update.id, deps.clock.now());
    return written;
  });
}

/**
 * The update's rows inside the caller's transaction (a chat reply records its own state in the same one).
 * `input` may leave health and percent out: the problem's latest ones are kept.
 */
export async function writeUpdate(
  deps: ServiceDeps,
  tx: Tx,
  actor: Actor,
  key: string,
  raw: Omit<UpdateInput, 'health' | 'percent'> & Partial<Pick<UpdateInput, 'health' | 'percent'>>,
  source: UpdateSource,
  opts: { reporterChecked?: boolean } = {},
) {
  const now = deps.clock.now();
  const problem = await findProblem(tx, actor.teamId, key);
  const input = validate(updateInput, {
    ...raw,
    health: raw.health ?? problem.health ?? 'on_track',
    percent: raw.percent ?? problem.percent,
  });
  const measures = await tx.measure.findMany({ where: { problemId: problem.id } });
  // A chat reply was checked already (owners and measure owners report there); everything else: owner or leader.
  if (!opts.reporterChecked) await requireOwnerOrLeader(deps, tx, actor, problem);
  ensureNotClosed(problem);
  const board = await tx.board.findUniqueOrThrow({ where: { id: problem.boardId } });
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
      source,
      createdAt: now,
    },
  });
  if (measuresDone.length) {
    await tx.measure.updateMany({
      where: { problemId: problem.id, number: { in: measuresDone } },
      data: { status: 'done' },
    });
  }
  // A first report starts the work; any later one leaves the status as it is.
  const status = problem.status === 'open' ? 'in_progress' : problem.status;
  requireTransition(problem.key, problem.status, status);
  const after = await tx.problem.update({
    where: { id: problem.id },
    data: {
      status,
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
}

/** "No change": an update that repeats the last health and percent, so the owner counts as having reported. */
export async function reportNoChange(deps: ServiceDeps, actor: Actor, key: string) {
  const problem = await findProblem(deps.db, actor.teamId, key);
  const health: Health = problem.health ?? 'on_track';
  return reportUpdate(deps, actor, key, { health, percent: problem.percent, note: '' }, { source: 'no_change' });
}
