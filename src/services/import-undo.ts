import { transact, type ServiceDeps } from './deps.js';
import type { ExistingProblem, MeasureEdit } from './import-plan.js';

/** What committed batches wrote, so a later failure can take it back. */
export interface Journal {
  problemIds: number[];
  auditIds: number[];
  requestIds: number[];
  measureIds: number[];
  /** Deadline changes recorded for moved deadlines. */
  deadlineChangeIds: number[];
  /** Requests an import decided: put back to pending. */
  decidedRequestIds: number[];
  updated: { before: ExistingProblem; edits: MeasureEdit[] }[];
}

export const emptyJournal = (): Journal => ({
  problemIds: [],
  auditIds: [],
  requestIds: [],
  measureIds: [],
  deadlineChangeIds: [],
  decidedRequestIds: [],
  updated: [],
});

/** Takes back what committed batches wrote, newest first, in one transaction: as if the import never ran. */
export async function undo(deps: ServiceDeps, journal: Journal): Promise<void> {
  await transact(deps.db, async (tx) => {
    await tx.auditEvent.deleteMany({ where: { id: { in: journal.auditIds } } });
    await tx.deadlineChange.deleteMany({ where: { id: { in: journal.deadlineChangeIds } } });
    await tx.closeoutRequest.deleteMany({ where: { id: { in: journal.requestIds } } });
    await tx.closeoutRequest.deleteMany({ where: { problemId: { in: journal.problemIds } } });
    await tx.closeoutRequest.updateMany({
      where: { id: { in: journal.decidedRequestIds } },
      data: { state: 'pending', decidedBy: null, decidedAt: null, reason: null },
    });
    await tx.measure.deleteMany({ where: { id: { in: journal.measureIds } } });
    await tx.measure.deleteMany({ where: { problemId: { in: journal.problemIds } } });
    await tx.problem.deleteMany({ where: { id: { in: journal.problemIds } } });
    for (const { before, edits } of journal.updated.reverse()) {
      for (const edit of edits) {
        await tx.measure.update({ where: { id: edit.id }, data: edit.before });
      }
      const { id, measures: _measures, teamId: _team, key: _key, updatedAt: _at, ...fields } = before;
      await tx.problem.update({ where: { id }, data: fields });
    }
  });
}
