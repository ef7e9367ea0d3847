import { describe, expect, it } from 'vitest';
import { archiveBoard, editBoard } from '../../src/services/boards.js';
import { approveCloseout, reopenProblem, requestCloseout, returnCloseout } from '../../src/services/closeout.js';
import { reassignProblem } from '../../src/services/problem-changes.js';
import { applyMeasureChanges } from '../../src/services/measure-changes.js';
import { createProblem, editMeasure, editProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { ADMIN, LEADER, OTHER, OWNER, TEAM, seedBoard } from '../support/fixtures.js';
import { auditRows, useDb } from '../support/services.js';

const ctx = useDb('2026-11-25T02:00:00Z');

/** Moves the clock a minute per step so each event's time is distinguishable. */
const tick = () => ctx.clock.advance(60_000);

describe('audit trail', () => {
  it('records every change with actor, action, target, before/after and time, in order', async () => {
    const board = await seedBoard(ctx.deps);
    tick();
    await editBoard(ctx.deps, LEADER, 'RECT', { deadline: '2026-12-31' });
    tick();
    const problem = await createProblem(ctx.deps, LEADER, 'RECT', {
      title: 'Queue times',
      ownerId: OWNER.userId,
      measures: ['Hire clerks'],
    });
    tick();
    await editProblem(ctx.deps, OWNER, 'RECT-1', { unit: 'Permit office' });
    tick();
    await reassignProblem(ctx.deps, LEADER, 'RECT-1', OTHER.userId);
    tick();
    await reassignProblem(ctx.deps, ADMIN, 'RECT-1', OWNER.userId);
    tick();
    await applyMeasureChanges(ctx.deps, OWNER, 'RECT-1', [], { texts: ['Open window 5'] });
    tick();
    await editMeasure(ctx.deps, OWNER, 'RECT-1', 2, { status: 'doing' });
    tick();
    await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'at_risk', percent: 40, measuresDone: [1] });
    tick();
    const first = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'done' });
    tick();
    await returnCloseout(ctx.deps, LEADER, first.request.id, 'show records');
    tick();
    const second = await requestCloseout(ctx.deps, OWNER, 'RECT-1', { evidence: 'records attached' });
    tick();
    await approveCloseout(ctx.deps, LEADER, second.request.id);
    tick();
    await reopenProblem(ctx.deps, ADMIN, 'RECT-1', 'queues are back');
    tick();
    await archiveBoard(ctx.deps, ADMIN, 'RECT');

    const rows = await auditRows(ctx.t.db);
    expect(rows.map((r) => [r.action, r.actorId, r.targetType, r.targetId])).toEqual([
      ['board.create', ADMIN.userId, 'board', String(board.id)],
      ['board.edit', LEADER.userId, 'board', String(board.id)],
      ['problem.create', LEADER.userId, 'problem', 'RECT-1'],
      ['problem.edit', OWNER.userId, 'problem', 'RECT-1'],
      ['problem.reassign', LEADER.userId, 'problem', 'RECT-1'],
      ['problem.reassign', ADMIN.userId, 'problem', 'RECT-1'],
      ['measure.create', OWNER.userId, 'measure', 'RECT-1.2'],
      ['measure.edit', OWNER.userId, 'measure', 'RECT-1.2'],
      ['problem.update', OWNER.userId, 'problem', 'RECT-1'],
      ['closeout.request', OWNER.userId, 'closeout', String(first.request.id)],
      ['closeout.return', LEADER.userId, 'closeout', String(first.request.id)],
      ['closeout.request', OWNER.userId, 'closeout', String(second.request.id)],
      ['closeout.approve', LEADER.userId, 'closeout', String(second.request.id)],
      ['problem.reopen', ADMIN.userId, 'problem', 'RECT-1'],
      ['board.archive', ADMIN.userId, 'board', String(board.id)],
    ]);
    expect(rows.every((r) => r.teamId === TEAM)).toBe(true);
    expect(rows.map((r) => r.createdAt.getTime() - rows[0]!.createdAt.getTime())).toEqual(
      rows.map((_, i) => i * 60_000),
    );

    const [
      boardCreate,
      boardEdit,
      create,
      edit,
      reassign,
      ,
      measureCreate,
      measureEdit,
      update,
      request,
      ret,
      ,
      approve,
      reopen,
      archive,
    ] = rows;
    expect(boardCreate!.before).toBeNull();
    expect(boardCreate!.after).toMatchObject({
      code: 'RECT',
      timezone: 'Asia/Shanghai',
      leaders: [{ userId: LEADER.userId }],
    });
    expect(boardEdit!.before).toMatchObject({ deadline: null });
    expect(boardEdit!.after).toMatchObject({ deadline: '2026-12-31' });
    expect(create!.before).toBeNull();
    expect(create!.after).toMatchObject({
      id: problem.id,
      key: 'RECT-1',
      title: 'Queue times',
      ownerId: OWNER.userId,
      measures: [{ number: 1, text: 'Hire clerks' }],
    });
    expect(edit!.before).toMatchObject({ unit: null });
    expect(edit!.after).toMatchObject({ unit: 'Permit office' });
    expect(reassign!.before).toEqual({ ownerId: OWNER.userId });
    expect(reassign!.after).toEqual({ ownerId: OTHER.userId });
    expect(measureCreate!.after).toMatchObject({ number: 2, text: 'Open window 5', status: 'todo' });
    expect(measureEdit!.before).toMatchObject({ status: 'todo' });
    expect(measureEdit!.after).toMatchObject({ status: 'doing' });
    expect(update!.before).toEqual({ status: 'open', health: null, percent: 0 });
    expect(update!.after).toMatchObject({ status: 'in_progress', health: 'at_risk', percent: 40, measuresDone: [1] });
    expect(request!.before).toEqual({ status: 'in_progress' });
    expect(request!.after).toEqual({ status: 'closeout_requested', evidence: 'done', files: [] });
    expect(ret!.before).toEqual({ status: 'closeout_requested' });
    expect(ret!.after).toEqual({ status: 'in_progress', reason: 'show records' });
    expect(approve!.after).toEqual({ status: 'closed', reason: null, outcome: 'rectified' });
    expect(reopen!.before).toMatchObject({ status: 'closed', closedBy: LEADER.userId });
    expect(reopen!.after).toEqual({ status: 'in_progress', reason: 'queues are back' });
    expect(archive!.before).toEqual({ archived: false });
    expect(archive!.after).toEqual({ archived: true });
  });

  it('changes that change nothing record nothing', async () => {
    await seedBoard(ctx.deps);
    await createProblem(ctx.deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId, measures: ['m'] });
    const before = await ctx.t.db.auditEvent.count();
    await editProblem(ctx.deps, LEADER, 'RECT-1', {});
    await editMeasure(ctx.deps, OWNER, 'RECT-1', 1, {});
    await reassignProblem(ctx.deps, LEADER, 'RECT-1', OWNER.userId);
    await archiveBoard(ctx.deps, ADMIN, 'RECT');
    await archiveBoard(ctx.deps, ADMIN, 'RECT');
    expect(await ctx.t.db.auditEvent.count()).toBe(before + 1);
  });
});
