import { conflict, forbidden, notFound } from '../domain/errors.js';
import { isoDate, measureText, slackUser } from '../domain/inputs.js';
import type { Actor } from '../domain/types.js';
import { canLead, findProblem } from './access.js';
import { audit } from './audit.js';
import { boardCodeOf } from './problems.js';
import { transact, type ServiceDeps } from './deps.js';
import { ensureNotClosed, ensureNotWithdrawn } from './problems.js';
import { validate } from './validate.js';

/** One measure's changes from the measures modal; absent fields stay as they are. */
export interface MeasureChange {
  number: number;
  text?: string;
  ownerId?: string | null;
  deadline?: string | null;
  retire?: boolean;
}

export interface NewMeasures {
  texts: string[];
  ownerId?: string | null;
  deadline?: string | null;
}

interface MeasureChangeResult {
  added: number[];
  edited: number[];
  retired: number[];
}

/**
 * Everything the measures modal asks for, in one transaction (all or nothing): owners of the problem add
 * measures; leaders also edit their text, set their own owner and deadline, and retire them. New measures
 * take the next numbers (`KEY.n` is never reused). Each change is audited.
 */
export async function applyMeasureChanges(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  changes: readonly MeasureChange[],
  added: NewMeasures,
  opts: { expectedVersion?: number } = {},
): Promise<MeasureChangeResult> {
  const texts = added.texts.map((t) => validate(measureText, t));
  const owner = added.ownerId ? validate(slackUser, added.ownerId) : null;
  const due = added.deadline ? validate(isoDate, added.deadline) : null;
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const problem = await findProblem(tx, actor.teamId, key);
    const leads = await canLead(deps, tx, actor, problem.boardId);
    const code = boardCodeOf(problem.key);
    if (!leads && problem.ownerId !== actor.userId) throw forbidden('error.not_owner', { key: problem.key });
    if (!leads && (changes.length > 0 || owner || due)) throw forbidden('error.not_leader', { code });
    ensureNotClosed(problem);
    ensureNotWithdrawn(problem);
    // The version the modal was opened at: a newer one means someone changed the problem or its measures since.
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== problem.version)
      throw conflict('error.problem_changed', { key: problem.key });
    const result: MeasureChangeResult = { added: [], edited: [], retired: [] };

    for (const change of changes) {
      const before = await tx.measure.findUnique({
        where: { problemId_number: { problemId: problem.id, number: change.number } },
      });
      if (!before) throw notFound('error.measure_not_found', { key: problem.key, number: change.number });
      const data = {
        ...(change.text !== undefined && change.text !== before.text && { text: validate(measureText, change.text) }),
        ...(change.ownerId !== undefined &&
          change.ownerId !== before.ownerId && {
            ownerId: change.ownerId === null ? null : validate(slackUser, change.ownerId),
          }),
        ...(change.deadline !== undefined &&
          change.deadline !== before.deadline && {
            deadline: change.deadline === null ? null : validate(isoDate, change.deadline),
          }),
        ...(change.retire && !before.retiredAt && { retiredAt: now }),
      };
      if (Object.keys(data).length === 0) continue;
      const after = await tx.measure.update({ where: { id: before.id }, data });
      const retiring = 'retiredAt' in data;
      await audit(tx, actor, now, {
        action: retiring && Object.keys(data).length === 1 ? 'measure.retire' : 'measure.edit',
        targetType: 'measure',
        targetId: `${problem.key}.${before.number}`,
        before: Object.fromEntries(Object.keys(data).map((f) => [f, before[f as keyof typeof before]])),
        after: data,
      });
      (retiring ? result.retired : result.edited).push(after.number);
    }

    if (texts.length) {
      const { nextMeasureNumber } = await tx.problem.update({
        where: { id: problem.id },
        data: { nextMeasureNumber: { increment: texts.length } },
      });
      const first = nextMeasureNumber - texts.length;
      for (const [i, text] of texts.entries()) {
        const measure = await tx.measure.create({
          data: {
            teamId: actor.teamId,
            problemId: problem.id,
            number: first + i,
            text,
            ownerId: owner,
            deadline: due,
            createdAt: now,
          },
        });
        await audit(tx, actor, now, {
          action: 'measure.create',
          targetType: 'measure',
          targetId: `${problem.key}.${measure.number}`,
          after: measure,
        });
        result.added.push(measure.number);
      }
    }
    // Measures are part of the problem: a change to them makes a measures modal opened before it stale.
    if (result.added.length + result.edited.length + result.retired.length > 0)
      await tx.problem.update({ where: { id: problem.id }, data: { version: { increment: 1 } } });
    return result;
  });
}

/** The problem's version, which every change to it or its measures bumps: what the measures modal checks. */
export async function problemVersion(deps: Pick<ServiceDeps, 'db'>, teamId: string, key: string): Promise<number> {
  return (await findProblem(deps.db, teamId, key)).version;
}
