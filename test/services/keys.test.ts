import { describe, expect, it } from 'vitest';
import { problemInput } from '../../src/domain/inputs.js';
import { archiveBoard } from '../../src/services/boards.js';
import { applyMeasureChanges } from '../../src/services/measure-changes.js';
import { createProblem, insertProblem } from '../../src/services/problems.js';
import { ADMIN, LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb();
const newProblem = (title: string, measures: string[] = []) =>
  createProblem(ctx.deps, LEADER, 'RECT', { title, ownerId: OWNER.userId, measures });
const counter = async (code: string) => (await ctx.t.db.board.findFirstOrThrow({ where: { code } })).nextProblemNumber;

describe('problem keys', () => {
  it('number problems per board, independently', async () => {
    await seedBoard(ctx.deps);
    await seedBoard(ctx.deps, { code: 'OPS', name: 'Ops findings' });
    const keys = [];
    keys.push((await newProblem('a')).key);
    keys.push((await createProblem(ctx.deps, LEADER, 'ops', { title: 'x', ownerId: OWNER.userId })).key);
    keys.push((await newProblem('b')).key);
    keys.push((await createProblem(ctx.deps, LEADER, 'OPS', { title: 'y', ownerId: OWNER.userId })).key);
    keys.push((await newProblem('c')).key);
    expect(keys).toEqual(['RECT-1', 'OPS-1', 'RECT-2', 'OPS-2', 'RECT-3']);
    const rows = await ctx.t.db.problem.findMany({ orderBy: { id: 'asc' }, select: { key: true, number: true } });
    expect(rows.map((r) => `${r.key}#${r.number}`)).toEqual(['RECT-1#1', 'OPS-1#1', 'RECT-2#2', 'OPS-2#2', 'RECT-3#3']);
  });

  it('never reuses a number, even when the creation that took it failed afterwards', async () => {
    const board = await seedBoard(ctx.deps);
    // A row already holding number 2 (as a botched import could leave) makes the second creation fail after taking 2.
    await ctx.t.db.$transaction((tx) =>
      insertProblem(
        tx,
        ADMIN,
        ctx.clock.now(),
        board,
        problemInput.parse({ title: 'squatter', ownerId: OTHER.userId }),
        2,
      ),
    );
    expect((await newProblem('first')).key).toBe('RECT-1');
    await expect(newProblem('second')).rejects.toThrow();
    expect(await ctx.t.db.problem.count({ where: { title: 'second' } })).toBe(0);
    expect((await newProblem('third')).key).toBe('RECT-3');
    expect(await counter('RECT')).toBe(4);
  });

  it('refused creations take no number', async () => {
    await seedBoard(ctx.deps);
    await expectRefusal(
      createProblem(ctx.deps, OWNER, 'RECT', { title: 'x', ownerId: OWNER.userId }),
      'forbidden',
      'error.not_leader',
    );
    await expectRefusal(
      createProblem(ctx.deps, LEADER, 'RECT', { title: '', ownerId: OWNER.userId }),
      'invalid',
      'error.invalid_field',
      { field: 'title' },
    );
    expect(await counter('RECT')).toBe(1);
    await archiveBoard(ctx.deps, ADMIN, 'RECT');
    await expectRefusal(newProblem('late'), 'conflict', 'error.board_archived', { code: 'RECT' });
    expect(await counter('RECT')).toBe(1);
    await expectRefusal(
      createProblem(ctx.deps, LEADER, 'NOPE', { title: 'x', ownerId: OWNER.userId }),
      'not_found',
      'error.board_not_found',
      { code: 'NOPE' },
    );
  });

  it('concurrent creations get distinct consecutive numbers', async () => {
    await seedBoard(ctx.deps);
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => newProblem(`p${i}`)));
    expect(created.map((p) => p.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(created.map((p) => p.key)).size).toBe(12);
  });

  it('number measures per problem, continuing after added ones', async () => {
    await seedBoard(ctx.deps);
    const one = await newProblem('one', ['a', 'b']);
    const two = await newProblem('two', ['c']);
    expect(one.measures.map((m) => m.number)).toEqual([1, 2]);
    expect(two.measures.map((m) => m.number)).toEqual([1]);
    const addMeasure = async (actor: typeof OWNER, key: string, text: string) =>
      (await applyMeasureChanges(ctx.deps, actor, key, [], { texts: [text] })).added;
    expect(await addMeasure(OWNER, 'RECT-1', 'd')).toEqual([3]);
    expect(await addMeasure(LEADER, 'rect-2', 'e')).toEqual([2]);
    expect(await addMeasure(LEADER, 'RECT-1', 'f')).toEqual([4]);
    const rows = await ctx.t.db.measure.findMany({ orderBy: { id: 'asc' }, include: { problem: true } });
    expect(rows.map((m) => `${m.problem.key}.${m.number} ${m.text}`)).toEqual([
      'RECT-1.1 a',
      'RECT-1.2 b',
      'RECT-2.1 c',
      'RECT-1.3 d',
      'RECT-2.2 e',
      'RECT-1.4 f',
    ]);
    await expectRefusal(addMeasure(OWNER, 'RECT-1', '   '), 'invalid', 'error.invalid_field');
    expect(await ctx.t.db.measure.count()).toBe(6);
  });
});
