import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { LEADER, OWNER, makeDeps, seedBoard } from '../support/fixtures.js';
import { cli } from '../support/cli.js';

// Issue 22: `closeout import` names the rows whose deadline falls on a day the board does not work.

let t: TestDb;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-warn-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

const saturday = (i: number) => new Date(Date.UTC(2026, 11, 5 + 7 * i)).toISOString().slice(0, 10);

describe('closeout import warns of deadlines on a day off', () => {
  it('lists the first ten rows (new and updated), counts the rest, and imports all the same', async () => {
    const { deps } = makeDeps(t.db);
    await seedBoard(deps, { calendar: 'weekends' });
    await createProblem(deps, LEADER, 'RECT', { title: 'Kept', ownerId: OWNER.userId, deadline: '2026-12-12' });
    await createProblem(deps, LEADER, 'RECT', { title: 'Moved', ownerId: OWNER.userId, deadline: '2026-12-07' });
    const rows = [
      'key,title,owner,deadline',
      'RECT-1,Kept,UOWNER,2026-12-12', // a Saturday already: not set by this file, not warned
      'RECT-2,Moved,UOWNER,2026-12-19', // moved onto a Saturday
      ...Array.from({ length: 11 }, (_, i) => `,New ${i + 1},UOWNER,${saturday(i)}`),
      ',Weekday,UOWNER,2026-12-08',
    ];
    const target = path.join(dir, 'list.csv');
    fs.writeFileSync(target, rows.join('\n'));

    const dry = await cli(['import', target, '--board', 'RECT', '--dry-run'], { url: t.url });
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(dry.stdout).toContain(
      [
        "Warning: 12 deadlines fall on a day this board's calendar does not work (kept as given):",
        '  line 3: RECT-2, deadline 2026-12-19',
        '  line 4: a new problem, deadline 2026-12-05',
      ].join('\n'),
    );
    expect(dry.stdout).toContain('  line 12: a new problem, deadline 2027-01-30\n  … and 2 more');
    expect(dry.stdout).not.toContain('line 2:'); // RECT-1's Saturday was already its deadline
    expect(dry.stdout).not.toContain('deadline 2026-12-08');

    const run = await cli(['import', target, '--board', 'RECT'], { url: t.url });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('12 created, 1 updated, 1 unchanged');
    expect(run.stdout).toContain('  line 4: RECT-3, deadline 2026-12-05');
    expect(await t.db.problem.count()).toBe(14);
  });
});
