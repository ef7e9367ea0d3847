import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { checksum, cli } from '../support/cli.js';

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

describe('closeout demo', () => {
  it('seeds RECT, whose export is the 31-problem, 81-measure list in seven categories', async () => {
    const demo = await cli(['demo'], { url: t.url });
    expect(demo).toMatchObject({ code: 0, stderr: '' });
    expect(demo.stdout).toContain('Created demo board RECT in team T_LOCAL: 31 problems, 81 measures');

    const exported = await cli(['export', '--board', 'RECT'], { url: t.url });
    expect(exported.code).toBe(0);
    const records = parse(exported.stdout, { bom: true }) as string[][];
    expect(records).toHaveLength(32);
    const [header, ...rows] = records;
    expect(header).toEqual([
      'key',
      'title',
      'description',
      'category',
      'source',
      'owner',
      'owner name',
      'unit',
      'deadline',
      'status',
      'measures',
      'original deadline',
      'extensions',
      'days overdue',
      'working days overdue',
      'outcome',
      'mechanisms',
      'follow-up date',
      'evidence files',
    ]);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 31 }, (_, i) => `RECT-${i + 1}`));
    expect(rows.reduce((n, r) => n + r[10]!.split('\n').length, 0)).toBe(81);
    expect(new Set(rows.map((r) => r[3])).size).toBe(7);
    expect(new Set(rows.map((r) => r[9]))).toEqual(new Set(['open', 'in_progress', 'closeout_requested', 'closed']));
  });

  it('refuses to seed a second time, with exit code 1 and nothing changed', async () => {
    expect((await cli(['demo'], { url: t.url })).code).toBe(0);
    const before = await checksum(t.db);
    const again = await cli(['demo'], { url: t.url });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Board RECT already exists in team T_LOCAL');
    expect(await checksum(t.db)).toEqual(before);
    // Another team in the same database can have its own.
    expect((await cli(['--team', 'T0OTHER', 'demo', '--channel', 'C0DEMO'], { url: t.url })).code).toBe(0);
    expect(await t.db.problem.count()).toBe(62);
    expect((await t.db.board.findFirstOrThrow({ where: { teamId: 'T0OTHER' } })).channelId).toBe('C0DEMO');
  });
});
