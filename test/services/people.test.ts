import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rememberNames, storedNames } from '../../src/services/people.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { makeDeps, seedBoard } from '../support/fixtures.js';

// Names Slack gave, kept for documents made without Slack (issue 24).
let t: TestDb;
let deps: ServiceDeps;
let boardId: number;
beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  boardId = (await seedBoard(deps)).id;
});
afterEach(() => t.close());

describe('rememberNames', () => {
  it('several reports naming the same new people at once keep one row each, with the latest name', async () => {
    const at = deps.clock.now();
    const names = new Map([
      ['UOWNER', 'Wang Fang'],
      ['UOTHER', 'Li Qiang'],
    ]);
    await Promise.all(Array.from({ length: 6 }, () => rememberNames(t.db, boardId, names, at)));
    await rememberNames(t.db, boardId, new Map([['UOWNER', '王芳']]), at);
    expect(await t.db.person.count()).toBe(2);
    expect([...(await storedNames(t.db, boardId, ['UOWNER', 'UOTHER', 'UNEVER']))].sort()).toEqual([
      ['UOTHER', 'Li Qiang'],
      ['UOWNER', '王芳'],
    ]);
  });
});
