import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, OWNER, makeDeps, seedBoard } from '../support/fixtures.js';

let t: TestDb;
beforeAll(() => {
  t = createTestDb();
});
afterAll(() => t.close());

describe('smoke', () => {
  it('creates a problem with measures and a key', async () => {
    const { deps } = makeDeps(t.db);
    await seedBoard(deps);
    const p = await createProblem(deps, LEADER, 'RECT', {
      title: 'Queue times',
      ownerId: OWNER.userId,
      measures: ['a', 'b'],
    });
    expect(p.key).toBe('RECT-1');
    expect(p.measures.map((m) => m.number)).toEqual([1, 2]);
  });
});
