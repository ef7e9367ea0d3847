import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/types.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { archiveBoard, createBoard, editBoard } from '../../src/services/boards.js';
import { approveCloseout, reopenProblem, requestCloseout, returnCloseout } from '../../src/services/closeout.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { reassignProblem } from '../../src/services/problem-changes.js';
import { applyMeasureChanges } from '../../src/services/measure-changes.js';
import { createProblem, editMeasure, editProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { ADMIN, LEADER, OTHER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb();
/** Leads another board only: on RECT they are nobody special. */
const FOREIGN_LEADER: Actor = { teamId: TEAM, userId: 'UFOREIGN' };
const ACTORS = { admin: ADMIN, leader: LEADER, owner: OWNER, other: OTHER, foreignLeader: FOREIGN_LEADER } as const;
type Role = keyof typeof ACTORS;

type Outcome = 'ok' | ['forbidden', MessageKey];
const notAdmin: Outcome = ['forbidden', 'error.not_admin'];
const notLeader: Outcome = ['forbidden', 'error.not_leader'];
const notOwner: Outcome = ['forbidden', 'error.not_owner'];

interface Case {
  name: string;
  /** State RECT-1 must be in first. */
  given?: 'pending' | 'closed';
  run(deps: ServiceDeps, actor: Actor, requestId: number): Promise<unknown>;
  expect: Record<Role, Outcome>;
}

const cases: Case[] = [
  {
    name: 'create a board',
    run: (d, a) =>
      createBoard(d, a, { code: 'NEW', name: 'New', timezone: 'UTC', language: 'en', anchorDate: '2026-11-16' }),
    expect: { admin: 'ok', leader: notAdmin, owner: notAdmin, other: notAdmin, foreignLeader: notAdmin },
  },
  {
    name: 'edit a board’s name, deadline and categories',
    run: (d, a) => editBoard(d, a, 'RECT', { name: 'Renamed', deadline: '2026-12-31', categories: ['Livelihood'] }),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notLeader, foreignLeader: notLeader },
  },
  {
    name: 'edit a board’s cadence, time zone and leaders',
    run: (d, a) => editBoard(d, a, 'RECT', { timezone: 'UTC', cycleDays: 7, leaders: [LEADER.userId, OTHER.userId] }),
    expect: { admin: 'ok', leader: notAdmin, owner: notLeader, other: notLeader, foreignLeader: notLeader },
  },
  {
    name: 'archive a board',
    run: (d, a) => archiveBoard(d, a, 'RECT'),
    expect: { admin: 'ok', leader: notAdmin, owner: notAdmin, other: notAdmin, foreignLeader: notAdmin },
  },
  {
    name: 'create a problem',
    run: (d, a) => createProblem(d, a, 'RECT', { title: 'Another', ownerId: OTHER.userId }),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notLeader, foreignLeader: notLeader },
  },
  {
    name: 'edit a problem’s title, category and deadline',
    run: (d, a) =>
      editProblem(
        d,
        a,
        'RECT-1',
        { title: 'Sharper title', category: 'Permits', deadline: '2026-12-20' },
        { reason: 'Agreed at the review' },
      ),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notOwner, foreignLeader: notOwner },
  },
  {
    name: 'edit a problem’s description, unit and source',
    run: (d, a) =>
      editProblem(d, a, 'RECT-1', { description: 'More detail', unit: 'Permit office', source: 'Hotline' }),
    expect: { admin: 'ok', leader: 'ok', owner: 'ok', other: notOwner, foreignLeader: notOwner },
  },
  {
    name: 'reassign a problem',
    run: (d, a) => reassignProblem(d, a, 'RECT-1', OTHER.userId),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notLeader, foreignLeader: notLeader },
  },
  {
    name: 'add a measure',
    run: (d, a) => applyMeasureChanges(d, a, 'RECT-1', [], { texts: ['Publish queue times'] }),
    expect: { admin: 'ok', leader: 'ok', owner: 'ok', other: notOwner, foreignLeader: notOwner },
  },
  {
    name: 'edit a measure’s text and status',
    run: (d, a) => editMeasure(d, a, 'RECT-1', 1, { text: 'Hire three clerks', status: 'doing' }),
    expect: { admin: 'ok', leader: 'ok', owner: 'ok', other: notOwner, foreignLeader: notOwner },
  },
  {
    name: 'assign a measure’s owner and deadline',
    run: (d, a) => editMeasure(d, a, 'RECT-1', 1, { ownerId: OTHER.userId, deadline: '2026-12-10' }),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notOwner, foreignLeader: notOwner },
  },
  {
    name: 'report an update',
    run: (d, a) => reportUpdate(d, a, 'RECT-1', { health: 'on_track', percent: 20 }),
    expect: { admin: 'ok', leader: 'ok', owner: 'ok', other: notOwner, foreignLeader: notOwner },
  },
  {
    name: 'request closeout',
    run: (d, a) => requestCloseout(d, a, 'RECT-1', { evidence: 'done' }),
    expect: { admin: 'ok', leader: 'ok', owner: 'ok', other: notOwner, foreignLeader: notOwner },
  },
  {
    name: 'approve closeout',
    given: 'pending',
    run: (d, a, id) => approveCloseout(d, a, id),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notLeader, foreignLeader: notLeader },
  },
  {
    name: 'return closeout',
    given: 'pending',
    run: (d, a, id) => returnCloseout(d, a, id, 'not yet'),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notLeader, foreignLeader: notLeader },
  },
  {
    name: 'reopen a closed problem',
    given: 'closed',
    run: (d, a) => reopenProblem(d, a, 'RECT-1', 'It came back'),
    expect: { admin: 'ok', leader: 'ok', owner: notLeader, other: notLeader, foreignLeader: notLeader },
  },
];

async function given(state: Case['given']): Promise<number> {
  const { deps } = ctx;
  await seedBoard(deps, { categories: ['Permits'] });
  await seedBoard(deps, { code: 'OPS', name: 'Ops findings', leaders: [FOREIGN_LEADER.userId] });
  await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId, measures: ['Hire clerks'] });
  if (!state) return 0;
  const { request } = await requestCloseout(deps, OWNER, 'RECT-1', { evidence: 'done' });
  if (state === 'closed') await approveCloseout(deps, LEADER, request.id);
  return request.id;
}

describe('permission matrix', () => {
  for (const c of cases) {
    for (const role of Object.keys(ACTORS) as Role[]) {
      const outcome = c.expect[role];
      it(`${role}: ${c.name} → ${outcome === 'ok' ? 'allowed' : outcome[1]}`, async () => {
        const requestId = await given(c.given);
        const audits = await ctx.t.db.auditEvent.count();
        const actor = ACTORS[role];
        if (outcome === 'ok') {
          await c.run(ctx.deps, actor, requestId);
          const last = await ctx.t.db.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
          expect(await ctx.t.db.auditEvent.count()).toBe(audits + 1);
          expect(last.actorId).toBe(actor.userId);
        } else {
          await expectRefusal(c.run(ctx.deps, actor, requestId), outcome[0], outcome[1]);
          expect(await ctx.t.db.auditEvent.count()).toBe(audits);
        }
      });
    }
  }

  it('a measure’s own owner may edit its text and status, but not reassign it', async () => {
    await given(undefined);
    await editMeasure(ctx.deps, LEADER, 'RECT-1', 1, { ownerId: OTHER.userId });
    const m = await editMeasure(ctx.deps, OTHER, 'RECT-1', 1, { status: 'done', text: 'Hired two clerks' });
    expect(m).toMatchObject({ status: 'done', text: 'Hired two clerks', ownerId: OTHER.userId });
    await expectRefusal(editMeasure(ctx.deps, OTHER, 'RECT-1', 1, { ownerId: null }), 'forbidden', 'error.not_leader', {
      code: 'RECT',
    });
    // Owning a measure does not make you the problem's owner.
    await expectRefusal(
      reportUpdate(ctx.deps, OTHER, 'RECT-1', { health: 'on_track', percent: 5 }),
      'forbidden',
      'error.not_owner',
      { key: 'RECT-1' },
    );
  });

  it('an owner may not edit their problem once it is closed; a leader may, to correct the record', async () => {
    await given('closed');
    await expectRefusal(
      editProblem(ctx.deps, OWNER, 'RECT-1', { description: 'late edit' }),
      'conflict',
      'error.problem_closed',
    );
    const p = await editProblem(ctx.deps, LEADER, 'RECT-1', { description: 'Corrected' });
    expect(p).toMatchObject({ description: 'Corrected', status: 'closed' });
  });

  it('admins come from the deps, not from the database', async () => {
    await given(undefined);
    const deps = { ...ctx.deps, admins: new Set([OTHER.userId]) };
    await expect(reassignProblem(deps, OTHER, 'RECT-1', OTHER.userId)).resolves.toMatchObject({
      after: { ownerId: OTHER.userId },
    });
    await expectRefusal(
      createBoard(deps, ADMIN, { code: 'X1', name: 'x', timezone: 'UTC', language: 'en', anchorDate: '2026-01-01' }),
      'forbidden',
      'error.not_admin',
    );
  });
});
