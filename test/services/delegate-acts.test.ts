import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setAbsence } from '../../src/services/absences.js';
import { requestCloseout } from '../../src/services/closeout.js';
import { reportNoChange, reportUpdate } from '../../src/services/progress.js';
import { createProblem } from '../../src/services/problems.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, OTHER, OWNER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

// Issue 22: while an owner is away, their prompts go to the delegate, naming the owner. The delegate may
// answer them (report progress, no change, ask for closeout) for those days only; nobody else gains anything.

const STRANGER = { teamId: TEAM, userId: 'USTRANGER' };
let t: TestDb;
let deps: ServiceDeps;
let clock: ReturnType<typeof makeDeps>['clock'];
let key: string;
beforeEach(async () => {
  t = createTestDb();
  ({ deps, clock } = makeDeps(t.db, '2026-11-25T02:00:00Z')); // 10:00 on 25 November in Shanghai
  await seedBoard(deps);
  key = (await createProblem(deps, LEADER, 'RECT', { title: 'Permit backlog', ownerId: OWNER.userId })).key;
  await setAbsence(deps, OWNER, { startDate: '2026-11-24', endDate: '2026-11-30', delegateId: OTHER.userId });
});
afterEach(() => t.close());

describe("an away owner's delegate", () => {
  it('reports progress and no change on the owner’s problem while the absence lasts, recorded as theirs', async () => {
    await reportUpdate(deps, OTHER, key, { health: 'at_risk', percent: 40, note: 'For Wang, who is away' });
    await reportNoChange(deps, OTHER, key);
    const updates = await t.db.update.findMany({ select: { authorId: true, percent: true }, orderBy: { id: 'asc' } });
    expect(updates.map((u) => u.authorId)).toEqual([OTHER.userId, OTHER.userId]);
    expect(updates[0]!.percent).toBe(40);
    await requestCloseout(deps, OTHER, key, { evidence: 'Done while Wang was away' });
    expect(await t.db.closeoutRequest.count({ where: { requestedBy: OTHER.userId } })).toBe(1);
  });

  it('is refused before and after the absence, and someone who is not the delegate is refused throughout', async () => {
    await expect(reportNoChange(deps, STRANGER, key)).rejects.toMatchObject({ key: 'error.not_owner' });
    clock.set('2026-11-30T17:00:00Z'); // 1 December in Shanghai: back at work
    await expect(reportNoChange(deps, OTHER, key)).rejects.toMatchObject({ key: 'error.not_owner' });
    clock.set('2026-11-23T15:00:00Z'); // 23 November, 23:00 in Shanghai: not yet away
    await expect(reportNoChange(deps, OTHER, key)).rejects.toMatchObject({ key: 'error.not_owner' });
    expect(await t.db.update.count()).toBe(0);
  });
});
