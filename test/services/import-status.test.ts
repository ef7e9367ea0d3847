import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createProblem } from '../../src/services/problems.js';
import { withdrawProblem } from '../../src/services/problem-changes.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, OWNER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

/** A second leader of the board: the one who may sign off the first one's own work. */
const DEPUTY: Actor = { teamId: TEAM, userId: 'UDEPUTY' };
let t: TestDb;
let deps: ServiceDeps;
beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  await seedBoard(deps, { leaders: [LEADER.userId, DEPUTY.userId] });
});
afterEach(() => t.close());

const importAs = (actor: Actor, csv: string) => importCsv(deps, actor, 'RECT', csv);
const problem = () => t.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } });
const requests = () => t.db.closeoutRequest.findMany({ orderBy: { id: 'asc' } });

describe('a status set by import, with separation of duties on', () => {
  it('refuses a leader closing a problem they own, though they asked for its closeout by import', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: LEADER.userId });
    expect(await importAs(LEADER, 'key,status\nRECT-1,closeout_requested\n')).toMatchObject({ updated: 1 });
    expect(await requests()).toMatchObject([{ state: 'pending', requestedBy: LEADER.userId }]);

    const refused = await importAs(LEADER, 'key,status\nRECT-1,closed\n');
    expect(refused.errors).toEqual([
      {
        line: 2,
        reasons: [
          'status: separation of duties: RECT-1 is your own work (you own it or asked for its closeout), so another leader of the board approves its closeout',
        ],
      },
    ]);
    expect(refused.updated).toBe(0);
    // Nothing was written: the problem waits for sign-off, the request is still pending.
    expect(await problem()).toMatchObject({ status: 'closeout_requested', closedBy: null });
    expect(await requests()).toMatchObject([{ state: 'pending', decidedBy: null }]);
    // The same as the Approve button says to them.
    const [request] = await requests();
    await expect(approveCloseout(deps, LEADER, request!.id)).rejects.toMatchObject({
      key: 'reliability.separation_of_duties',
    });
  });

  it('refuses a leader closing a problem the same row hands to them', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId });
    await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'Done' });
    const refused = await importAs(LEADER, `key,owner,status\nRECT-1,${LEADER.userId},closed\n`);
    expect(refused.errors).toEqual([
      {
        line: 2,
        reasons: [
          'status: separation of duties: RECT-1 is your own work (you own it or asked for its closeout), so another leader of the board approves its closeout',
        ],
      },
    ]);
    expect(await problem()).toMatchObject({ status: 'closeout_requested', ownerId: OWNER.userId, closedBy: null });
  });

  it('refuses the requester, then lets another leader approve by import, recording who and that it came from a file', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId });
    await importAs(LEADER, 'key,status\nRECT-1,closeout_requested\n');
    expect((await importAs(LEADER, 'key,status\nRECT-1,closed\n')).errors).toHaveLength(1);

    expect(await importAs(DEPUTY, 'key,status\nRECT-1,closed\n')).toMatchObject({ updated: 1, errors: [] });
    expect(await problem()).toMatchObject({ status: 'closed', closedBy: DEPUTY.userId });
    const [request] = await requests();
    expect(request).toMatchObject({
      state: 'approved',
      requestedBy: LEADER.userId,
      decidedBy: DEPUTY.userId,
      reason: 'Approved by import',
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'problem.import' },
      orderBy: { id: 'desc' },
    });
    expect(audit.actorId).toBe(DEPUTY.userId);
    expect(JSON.parse(audit.after!)).toMatchObject({
      status: 'closed',
      closeout: { state: 'approved', requestIds: [request!.id], decidedBy: DEPUTY.userId, via: 'import' },
    });
  });

  it('lets the operator (the CLI) approve what an owner asked for', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId });
    await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'Done' });
    const operator = { teamId: TEAM, userId: OPERATOR };
    expect(await importAs(operator, 'key,status\nRECT-1,closed\n')).toMatchObject({ updated: 1, errors: [] });
    expect(await requests()).toMatchObject([{ state: 'approved', decidedBy: OPERATOR }]);
  });

  it('refuses a new problem written as closed whose owner is the one importing', async () => {
    const result = await importAs(
      LEADER,
      `title,owner,status\nMine,${LEADER.userId},closed\nTheirs,${OWNER.userId},closed\n`,
    );
    expect(result.errors).toEqual([
      {
        line: 2,
        reasons: [
          'status: separation of duties: a problem you own cannot be created as closed; import it as closeout_requested for another leader to approve',
        ],
      },
    ]);
    expect(await t.db.problem.count()).toBe(0);
  });

  it('lets the owner-leader close by import when the board does not separate duties', async () => {
    await t.db.board.updateMany({ data: { separationOfDuties: false } });
    await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: LEADER.userId });
    await importAs(LEADER, 'key,status\nRECT-1,closeout_requested\n');
    expect(await importAs(LEADER, 'key,status\nRECT-1,closed\n')).toMatchObject({ updated: 1, errors: [] });
    expect(await requests()).toMatchObject([{ state: 'approved', decidedBy: LEADER.userId }]);
  });
});

describe('a withdrawn problem given a status by import', () => {
  it('goes back only to the status it was withdrawn from, as Restore does', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId });
    await importAs(LEADER, 'key,status\nRECT-1,in_progress\n');
    await withdrawProblem(deps, LEADER, 'RECT-1', 'merged');
    const refused = await importAs(DEPUTY, 'key,status\nRECT-1,closed\n');
    expect(refused.errors).toEqual([
      {
        line: 2,
        reasons: [
          'status: RECT-1 is withdrawn; restoring it brings it back to in_progress (the status it was withdrawn from), not closed',
        ],
      },
    ]);
    expect(await problem()).toMatchObject({ status: 'withdrawn', withdrawnFrom: 'in_progress' });
    expect(await importAs(DEPUTY, 'key,status\nRECT-1,in_progress\n')).toMatchObject({ updated: 1, errors: [] });
    expect(await problem()).toMatchObject({ status: 'in_progress', withdrawnFrom: null });
  });

  it('a problem withdrawn once closed is restored closed', async () => {
    await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId });
    const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'Done' });
    await approveCloseout(deps, LEADER, request.id);
    await withdrawProblem(deps, LEADER, 'RECT-1');
    expect(await importAs(DEPUTY, 'key,status\nRECT-1,closed\n')).toMatchObject({ updated: 1, errors: [] });
    expect(await problem()).toMatchObject({ status: 'closed', withdrawnFrom: null });
  });
});
