import { describe, expect, it } from 'vitest';
import { LOCAL_TEAM, adoptLocalRows, hasLocalRows, teamsWithBoards } from '../../src/services/workspace.js';
import { TEAM, seedBoard } from '../support/fixtures.js';
import { useDb } from '../support/services.js';

const ctx = useDb();

describe('boards created offline', () => {
  it('move into the bot’s workspace when it first connects', async () => {
    const board = await seedBoard(ctx.deps, { code: 'DEMO' });
    await ctx.deps.db.board.update({ where: { id: board.id }, data: { teamId: LOCAL_TEAM } });
    expect(await hasLocalRows(ctx.deps.db)).toBe(true);

    expect(await adoptLocalRows(ctx.deps.db, TEAM)).toBe(1);
    expect(await hasLocalRows(ctx.deps.db)).toBe(false);
    expect((await ctx.deps.db.board.findUniqueOrThrow({ where: { id: board.id } })).teamId).toBe(TEAM);
  });

  it('leave everything as it was when there are none', async () => {
    const board = await seedBoard(ctx.deps, { code: 'OWN' });
    const before = await ctx.deps.db.board.findUniqueOrThrow({ where: { id: board.id } });
    expect(await hasLocalRows(ctx.deps.db)).toBe(false);
    expect(await adoptLocalRows(ctx.deps.db, 'T0OTHER')).toBe(0);
    expect(await ctx.deps.db.board.findUniqueOrThrow({ where: { id: board.id } })).toEqual(before);
  });
});

describe('teamsWithBoards', () => {
  it('names each workspace that has boards once, in order (archived boards count)', async () => {
    expect(await teamsWithBoards(ctx.deps.db)).toEqual([]);
    await seedBoard(ctx.deps, { code: 'ONE' });
    const two = await seedBoard(ctx.deps, { code: 'TWO' });
    await ctx.deps.db.board.update({ where: { id: two.id }, data: { archived: true } });
    const local = await seedBoard(ctx.deps, { code: 'DEMO' });
    await ctx.deps.db.board.update({ where: { id: local.id }, data: { teamId: LOCAL_TEAM } });
    expect(await teamsWithBoards(ctx.deps.db)).toEqual([TEAM, LOCAL_TEAM].sort());
  });
});
