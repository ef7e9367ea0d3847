import { describe, expect, it } from 'vitest';
import { approveCloseout, requestCloseout, returnCloseout } from '../../src/services/closeout.js';
import { editBoard } from '../../src/services/boards.js';
import { createProblem } from '../../src/services/problems.js';
import { listProblems, searchProblems } from '../../src/services/queries.js';
import { canSeeBoard, requireVisibleProblem, type Viewer } from '../../src/services/visibility.js';
import { ADMIN, LEADER, OTHER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb('2026-11-25T02:00:00Z');
const LEADER2 = { teamId: TEAM, userId: 'ULEADER2' };

const viewer = (userId: string, channelMembers: string[] = []): Viewer => ({
  actor: { teamId: TEAM, userId },
  memberOf: async () => Promise.resolve(channelMembers.includes(userId)),
});

async function seed(visibility: 'open' | 'restricted') {
  const board = await seedBoard(ctx.deps, { visibility, leaders: [LEADER.userId, LEADER2.userId] });
  await createProblem(ctx.deps, LEADER, 'RECT', { title: 'Backlog', ownerId: OWNER.userId });
  return board;
}

describe('board visibility', () => {
  it('shows an open board to anyone (today’s behaviour)', async () => {
    const board = await seed('open');
    expect(await canSeeBoard(ctx.deps, viewer(OTHER.userId), board)).toBe(true);
    const page = await listProblems(ctx.deps, { teamId: TEAM, view: 'all', viewer: viewer(OTHER.userId) });
    expect(page.total).toBe(1);
  });

  it('shows a restricted board only to its leaders, owners, admins and channel members', async () => {
    const board = await seed('restricted');
    const can = async (userId: string, members: string[] = []) => canSeeBoard(ctx.deps, viewer(userId, members), board);
    expect(await can(LEADER.userId)).toBe(true);
    expect(await can(OWNER.userId)).toBe(true);
    expect(await can(ADMIN.userId)).toBe(true);
    expect(await can('UMEMBER', ['UMEMBER'])).toBe(true);
    expect(await can(OTHER.userId)).toBe(false);
  });

  it('leaves a restricted board out of an outsider’s lists and searches, and refuses it when named', async () => {
    await seed('restricted');
    const outsider = viewer(OTHER.userId);
    expect((await listProblems(ctx.deps, { teamId: TEAM, view: 'all', viewer: outsider })).total).toBe(0);
    expect((await searchProblems(ctx.deps, { teamId: TEAM, viewer: outsider }, 'Backlog')).total).toBe(0);
    await expectRefusal(
      listProblems(ctx.deps, { teamId: TEAM, view: 'all', boardCode: 'rect', viewer: outsider }),
      'forbidden',
      'reliability.board_restricted',
      { code: 'RECT' },
    );
    await expectRefusal(
      requireVisibleProblem(ctx.deps, outsider, 'rect-1'),
      'forbidden',
      'reliability.board_restricted',
    );
    // The owner still finds it.
    expect((await listProblems(ctx.deps, { teamId: TEAM, view: 'all', viewer: viewer(OWNER.userId) })).total).toBe(1);
  });

  it('is an admin setting: a leader cannot open a restricted board', async () => {
    await seed('restricted');
    await expectRefusal(editBoard(ctx.deps, LEADER, 'RECT', { visibility: 'open' }), 'forbidden', 'error.not_admin');
    expect((await editBoard(ctx.deps, ADMIN, 'RECT', { visibility: 'open' })).visibility).toBe('open');
  });
});

describe('separation of duties', () => {
  it('is on by default: the leader who owns a problem cannot approve its closeout; another leader can', async () => {
    await seed('open');
    await createProblem(ctx.deps, LEADER, 'RECT', { title: 'Own work', ownerId: LEADER.userId });
    const { request } = await requestCloseout(ctx.deps, LEADER, 'RECT-2', { evidence: 'done' });
    await expectRefusal(approveCloseout(ctx.deps, LEADER, request.id), 'forbidden', 'reliability.separation_of_duties');
    expect(await ctx.deps.db.closeoutRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: 'pending',
    });
    const approved = await approveCloseout(ctx.deps, LEADER2, request.id);
    expect(approved.problem.status).toBe('closed');
  });

  it('stops the leader who requested closeout (on someone else’s problem) from approving it', async () => {
    await seed('open');
    const { request } = await requestCloseout(ctx.deps, LEADER, 'RECT-1', { evidence: 'checked on site' });
    await expectRefusal(approveCloseout(ctx.deps, LEADER, request.id), 'forbidden', 'reliability.separation_of_duties');
    // Returning one's own request is still allowed: it closes nothing.
    expect((await returnCloseout(ctx.deps, LEADER, request.id, 'not yet')).request.state).toBe('returned');
  });

  it('lets any leader approve when the board turns it off', async () => {
    await seed('open');
    await editBoard(ctx.deps, ADMIN, 'RECT', { separationOfDuties: false });
    const { request } = await requestCloseout(ctx.deps, LEADER, 'RECT-1', { evidence: 'checked on site' });
    expect((await approveCloseout(ctx.deps, LEADER, request.id)).problem.status).toBe('closed');
  });
});
