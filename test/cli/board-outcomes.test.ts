import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { cli } from '../support/cli.js';

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

const create = ['board', 'create', '--code', 'RECT', '--name', 'Findings', '--channel', 'C0BOARD'];
const settings = () =>
  t.db.board.findFirstOrThrow({ where: { code: 'RECT' }, select: { evidenceRequired: true, effectivenessDays: true } });

describe('closeout board: evidence and effectiveness settings', () => {
  it('creates a board that requires evidence files and checks fixes 30 days after closeout', async () => {
    const run = await cli([...create, '--evidence', 'required', '--effectiveness-days', '30'], { url: t.url });
    expect(run.code).toBe(0);
    expect(await settings()).toEqual({ evidenceRequired: true, effectivenessDays: 30 });
  });

  it('defaults to optional evidence and no checks; `board edit` changes them', async () => {
    expect((await cli(create, { url: t.url })).code).toBe(0);
    expect(await settings()).toEqual({ evidenceRequired: false, effectivenessDays: 0 });
    const edit = await cli(['board', 'edit', '--code', 'rect', '--evidence', 'required'], { url: t.url });
    expect(edit).toMatchObject({ code: 0 });
    expect(edit.stdout).toContain('evidence files required');
    expect(await settings()).toEqual({ evidenceRequired: true, effectivenessDays: 0 });
  });

  it('one `board edit` changes the calendar, the report settings and the closeout settings together', async () => {
    expect((await cli(create, { url: t.url })).code).toBe(0);
    const edit = await cli(
      [
        'board',
        'edit',
        '--code',
        'RECT',
        '--calendar',
        'cn',
        '--evidence',
        'required',
        '--effectiveness-days',
        '30',
        '--ledger',
        'canvas',
        '--round-report',
        'pdf',
      ],
      { url: t.url },
    );
    expect(edit).toMatchObject({ code: 0, stderr: '' });
    expect(edit.stdout).toContain('now uses the CN calendar');
    expect(edit.stdout).toContain('evidence files required, effectiveness checks 30 days after closeout');
    expect(
      await t.db.board.findFirstOrThrow({
        where: { code: 'RECT' },
        select: { calendar: true, evidenceRequired: true, effectivenessDays: true, ledger: true, roundReport: true },
      }),
    ).toEqual({ calendar: 'CN', evidenceRequired: true, effectivenessDays: 30, ledger: 'canvas', roundReport: 'pdf' });
    const nothing = await cli(['board', 'edit', '--code', 'RECT'], { url: t.url });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('nothing to change');
    const bad = await cli(['board', 'edit', '--code', 'RECT', '--effectiveness-days', '999'], { url: t.url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--effectiveness-days');
  });

  it('refuses a bad value with exit code 1 and changes nothing', async () => {
    const bad = await cli([...create, '--evidence', 'maybe'], { url: t.url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--evidence: must be required or optional');
    expect(await t.db.board.count()).toBe(0);
    const tooMany = await cli([...create, '--effectiveness-days', '999'], { url: t.url });
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('--effectiveness-days');
    expect(await t.db.board.count()).toBe(0);
  });
});
