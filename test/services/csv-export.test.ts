import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../src/domain/types.js';
import { exportCsv } from '../../src/services/csv-export.js';
import { importCsv } from '../../src/services/csv-import.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { OTHER, TEAM, makeDeps, seedBoard } from '../support/fixtures.js';

const operator: Actor = { teamId: TEAM, userId: OPERATOR };
let t: TestDb;
let deps: ServiceDeps;
beforeEach(async () => {
  t = createTestDb();
  deps = makeDeps(t.db).deps;
  await seedBoard(deps);
});
afterEach(() => t.close());

describe('exportCsv', () => {
  it('writes the exact Excel-friendly format, rows in number order', async () => {
    await importCsv(
      deps,
      operator,
      'RECT',
      'key,title,description,owner,deadline,status,measures\n' +
        'RECT-10,"Ten, with comma","He said ""no""",U0A,2027-01-31,closed,"[x] done one"\n' +
        'RECT-2,二号问题,"line 1\nline 2",U0B,,open,"todo\n[~] doing"\n',
    );
    const { csv, problems, measures } = await exportCsv(deps, operator, 'RECT');
    expect({ problems, measures }).toEqual({ problems: 2, measures: 3 });
    expect(csv).toBe(
      '\uFEFFkey,title,description,category,source,owner,owner name,unit,deadline,status,measures,original deadline,extensions,days overdue,working days overdue,outcome,mechanisms,follow-up date,evidence files\r\n' +
        'RECT-2,二号问题,"line 1\nline 2",,,U0B,,,,open,"todo\n[~] doing",,0,,,,,,\r\n' +
        'RECT-10,"Ten, with comma","He said ""no""",,,U0A,,,2027-01-31,closed,[x] done one,,0,,,rectified,,,\r\n',
    );
  });

  it('writes just the header for an empty board, and only for leaders', async () => {
    expect((await exportCsv(deps, operator, 'rect')).csv).toBe(
      '\uFEFFkey,title,description,category,source,owner,owner name,unit,deadline,status,measures,original deadline,extensions,days overdue,working days overdue,outcome,mechanisms,follow-up date,evidence files\r\n',
    );
    await expect(exportCsv(deps, OTHER, 'RECT')).rejects.toMatchObject({ key: 'error.not_leader' });
  });
});
