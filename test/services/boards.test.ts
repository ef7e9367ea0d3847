import { describe, expect, it } from 'vitest';
import {
  archiveBoard,
  boardsLedBy,
  categories,
  createBoard,
  editBoard,
  getBoard,
  listBoards,
  problemCountsByBoard,
  reminderOffsets,
} from '../../src/services/boards.js';
import { withdrawProblem } from '../../src/services/problem-changes.js';
import { createProblem } from '../../src/services/problems.js';
import { ADMIN, LEADER, OTHER, TEAM, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb();
const minimal = {
  code: 'ops',
  name: '  Ops findings ',
  timezone: 'America/New_York',
  language: 'en' as const,
  anchorDate: '2026-11-16',
};

describe('boards', () => {
  it('creates a board with defaults, an upper-case code and de-duplicated leaders', async () => {
    const board = await createBoard(ctx.deps, ADMIN, {
      ...minimal,
      leaders: [LEADER.userId, LEADER.userId, OTHER.userId],
    });
    expect(board).toMatchObject({
      teamId: TEAM,
      code: 'OPS',
      name: 'Ops findings',
      cycleDays: 14,
      promptTime: '09:00',
      nudgeDaysBefore: 2,
      archived: false,
      nextProblemNumber: 1,
      channelId: null,
      deadline: null,
      createdBy: ADMIN.userId,
    });
    expect(reminderOffsets(board)).toEqual([7, 3, 1, 0]);
    expect(categories(board)).toEqual([]);
    expect(board.leaders.map((l) => l.userId).sort()).toEqual([LEADER.userId, OTHER.userId]);
  });

  it('refuses a duplicate code (any case) and malformed input, naming the field', async () => {
    await seedBoard(ctx.deps);
    await expectRefusal(seedBoard(ctx.deps, { code: 'rect' }), 'conflict', 'error.board_exists', { code: 'RECT' });
    await expectRefusal(
      createBoard(ctx.deps, ADMIN, { ...minimal, timezone: 'Mars/Olympus' }),
      'invalid',
      'error.invalid_field',
      { field: 'timezone' },
    );
    await expectRefusal(createBoard(ctx.deps, ADMIN, { ...minimal, code: '1X' }), 'invalid', 'error.invalid_field', {
      field: 'code',
    });
    await expectRefusal(
      createBoard(ctx.deps, ADMIN, { ...minimal, anchorDate: '2026-02-30' }),
      'invalid',
      'error.invalid_field',
      { field: 'anchorDate' },
    );
    await expectRefusal(
      createBoard(ctx.deps, ADMIN, { ...minimal, promptTime: '24:00' }),
      'invalid',
      'error.invalid_field',
      { field: 'promptTime' },
    );
    await expectRefusal(
      createBoard(ctx.deps, ADMIN, { ...minimal, leaders: ['bob'] }),
      'invalid',
      'error.invalid_field',
      { field: 'leaders.0' },
    );
    expect(await ctx.t.db.board.count()).toBe(1);
  });

  it('the same code may exist in another workspace', async () => {
    await seedBoard(ctx.deps);
    const other = await createBoard(
      ctx.deps,
      { teamId: 'T0OTHER', userId: ADMIN.userId },
      { ...minimal, code: 'RECT' },
    );
    expect(other.teamId).toBe('T0OTHER');
    expect((await listBoards(ctx.deps, TEAM)).map((b) => b.code)).toEqual(['RECT']);
  });

  it('an edit changes only the fields it names', async () => {
    await seedBoard(ctx.deps, {
      cycleDays: 7,
      promptTime: '08:30',
      reminderOffsets: [5, 1],
      categories: ['A', 'B'],
      nudgeDaysBefore: 3,
    });
    const after = await editBoard(ctx.deps, ADMIN, 'RECT', { name: 'Renamed' });
    expect(after).toMatchObject({
      name: 'Renamed',
      cycleDays: 7,
      promptTime: '08:30',
      nudgeDaysBefore: 3,
      timezone: 'Asia/Shanghai',
      channelId: 'C0BOARD',
    });
    expect(reminderOffsets(after)).toEqual([5, 1]);
    expect(categories(after)).toEqual(['A', 'B']);
    expect(after.leaders.map((l) => l.userId)).toEqual([LEADER.userId]);

    const leaders = await editBoard(ctx.deps, ADMIN, 'RECT', {
      leaders: [OTHER.userId],
      deadline: '2027-01-31',
      channelId: null,
    });
    expect(leaders.leaders.map((l) => l.userId)).toEqual([OTHER.userId]);
    expect(leaders).toMatchObject({ deadline: '2027-01-31', channelId: null, name: 'Renamed' });
    await expectRefusal(editBoard(ctx.deps, ADMIN, 'RECT', { cycleDays: 0 }), 'invalid', 'error.invalid_field', {
      field: 'cycleDays',
    });
    await expectRefusal(editBoard(ctx.deps, ADMIN, 'NOPE', { name: 'x' }), 'not_found', 'error.board_not_found', {
      code: 'NOPE',
    });
  });

  it('archiving hides a board from lists but keeps everything, and an admin can bring it back', async () => {
    await seedBoard(ctx.deps);
    await seedBoard(ctx.deps, { code: 'OPS', name: 'Ops' });
    const archived = await archiveBoard(ctx.deps, ADMIN, 'ops');
    expect(archived.archived).toBe(true);
    expect((await listBoards(ctx.deps, TEAM)).map((b) => b.code)).toEqual(['RECT']);
    expect((await listBoards(ctx.deps, TEAM, { includeArchived: true })).map((b) => b.code)).toEqual(['OPS', 'RECT']);
    expect((await getBoard(ctx.deps, TEAM, 'OPS')).archived).toBe(true);
    expect((await boardsLedBy(ctx.deps, LEADER)).map((b) => b.code)).toEqual(['RECT']);
    const back = await editBoard(ctx.deps, ADMIN, 'OPS', { archived: false });
    expect(back.archived).toBe(false);
    expect(await ctx.t.db.board.count()).toBe(2);
  });

  it('boardsLedBy: admins see every board, leaders theirs, others none', async () => {
    await seedBoard(ctx.deps);
    await seedBoard(ctx.deps, { code: 'OPS', name: 'Ops', leaders: [OTHER.userId] });
    expect((await boardsLedBy(ctx.deps, ADMIN)).map((b) => b.code)).toEqual(['OPS', 'RECT']);
    expect((await boardsLedBy(ctx.deps, LEADER)).map((b) => b.code)).toEqual(['RECT']);
    expect(await boardsLedBy(ctx.deps, { teamId: TEAM, userId: 'UNOBODY' })).toEqual([]);
  });

  it('counts the problems on each board’s list: withdrawn ones and other workspaces’ boards are not', async () => {
    const rect = await seedBoard(ctx.deps);
    const ops = await seedBoard(ctx.deps, { code: 'OPS' });
    await seedBoard(ctx.deps, { code: 'EMPTY' });
    const raise = (code: string, title: string) =>
      createProblem(ctx.deps, LEADER, code, { title, ownerId: OTHER.userId });
    await raise('RECT', 'Queue times');
    await raise('RECT', 'Forms in two languages');
    await raise('RECT', 'Raised twice');
    await raise('OPS', 'Night shift');
    await withdrawProblem(ctx.deps, LEADER, 'RECT-3', 'duplicate of RECT-1');
    // Another workspace's problem, on a board of the same code.
    const elsewhere = { teamId: 'T0ELSE', userId: 'UADMIN2' };
    const theirs = { ...ctx.deps, admins: new Set([elsewhere.userId]) };
    await createBoard(theirs, elsewhere, { ...minimal, code: 'RECT' });
    await createProblem(theirs, elsewhere, 'RECT', { title: 'Theirs', ownerId: elsewhere.userId });

    const counts = await problemCountsByBoard(ctx.deps, TEAM);
    expect(Object.fromEntries(counts)).toEqual({ [rect.id]: 2, [ops.id]: 1 });
  });
});
