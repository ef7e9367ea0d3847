import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarOverview } from '../../src/services/calendar-admin.js';
import { cli } from '../support/cli.js';
import { ADMIN, seedBoard } from '../support/fixtures.js';
import { harness, problem, type Harness } from '../support/jobs.js';

/** Issue 22: calendars chosen at board creation, and an official 2027 schedule imported from ICS or CSV. */
let h: Harness;
let dir: string;
beforeEach(async () => {
  h = await harness('2026-12-01T00:00:00Z');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-calendar-'));
});
afterEach(async () => {
  await h.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

/** A made-up 2027 Spring Festival in chinese-days' own ICS style: 6–13 Feb off, Sun 14 Feb worked. */
const ICS_2027 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//EN',
  'BEGIN:VEVENT',
  'UID:a',
  'DTSTAMP:20261201T000000Z',
  'DTSTART;VALUE=DATE:20270206',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:b',
  'DTSTAMP:20261201T000000Z',
  'DTSTART;VALUE=DATE:20270214',
  'DTEND;VALUE=DATE:20270215',
  'SUMMARY:春节(班)',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('closeout board create --calendar', () => {
  it('takes a calendar, defaults to CLOSEOUT_CALENDAR (else weekends) and refuses an unknown one', async () => {
    const base = ['board', 'create', '--name', 'Board', '--channel', 'C0CAL', '--timezone', 'Asia/Shanghai'];
    const cn = await cli([...base, '--code', 'CNB', '--calendar', 'cn'], { url: h.testDb.url });
    expect([cn.code, cn.stdout]).toEqual([0, expect.stringContaining('calendar CN')]);
    const plain = await cli([...base, '--code', 'WKB'], { url: h.testDb.url });
    expect(plain.stdout).toContain('calendar weekends');
    const us = await cli([...base, '--code', 'USB'], { url: h.testDb.url, env: { CLOSEOUT_CALENDAR: 'US' } });
    expect(us.stdout).toContain('calendar US');
    const bad = await cli([...base, '--code', 'BAD', '--calendar', 'QQ'], { url: h.testDb.url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--calendar: QQ is not a country');
    const env = await cli([...base, '--code', 'ENV'], { url: h.testDb.url, env: { CLOSEOUT_CALENDAR: 'mars' } });
    expect(env.code).toBe(1);
    expect(env.stderr).toContain('CLOSEOUT_CALENDAR');
    const boards = await h.deps.db.board.findMany({ select: { code: true, calendar: true }, orderBy: { code: 'asc' } });
    expect(boards).toEqual([
      { code: 'CNB', calendar: 'CN' },
      { code: 'USB', calendar: 'US' },
      { code: 'WKB', calendar: 'weekends' },
    ]);
    const edit = await cli(['board', 'edit', '--code', 'WKB', '--calendar', 'none'], { url: h.testDb.url });
    expect([edit.code, edit.stdout]).toEqual([0, expect.stringContaining('now uses the none calendar')]);
  });
});

describe('closeout calendar import', () => {
  it('loads a 2027 schedule from ICS: the missing-year warning clears and prompts follow it', async () => {
    await seedBoard(h.deps, { code: 'CNY', anchorDate: '2027-02-08', cycleDays: 7, calendar: 'CN' });
    await problem(h.deps, 'U0OWNER1', {}, 'CNY');
    const before = await calendarOverview(h.deps, ADMIN, 'CNY');
    expect(before.missingYears).toEqual([2027]);

    const run = await cli(['calendar', 'import', file('cn-2027.ics', ICS_2027), '--board', 'CNY'], {
      url: h.testDb.url,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Loaded 9 days (8 closed, 1 working) into board CNY for 2027.');
    expect((await calendarOverview(h.deps, ADMIN, 'CNY')).missingYears).toEqual([]);

    // Round 1 opens Mon 8 Feb, inside the holiday: its prompt goes out on the make-up Sunday, 14 Feb.
    expect((await h.run('2027-02-08T01:00:00Z', 'cycle-prompts')).sent).toEqual([]);
    expect((await h.run('2027-02-12T01:00:00Z', 'cycle-prompts')).sent).toEqual([]);
    expect((await h.run('2027-02-14T01:00:00Z', 'cycle-prompts')).sent).toEqual(['prompt:CNY:cycle-0:U0OWNER1']);
  });

  it('refuses at once, with exit 1, /dev/zero named as a file and a file over 1 MB', async () => {
    await seedBoard(h.deps, { code: 'CNY', calendar: 'CN' });
    const zero = path.join(dir, 'zero.ics');
    fs.symlinkSync('/dev/zero', zero);
    const big = file('big.csv', 'date,kind,reason\n'.padEnd(1_100_000, ' '));
    const started = performance.now();
    expect(await cli(['calendar', 'import', zero, '--board', 'CNY'], { url: h.testDb.url })).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: Cannot read ${zero}: it is not a regular file.\n`,
    });
    const tooBig = await cli(['calendar', 'import', big, '--board', 'CNY'], { url: h.testDb.url });
    expect(tooBig).toMatchObject({ code: 1, stdout: '' });
    expect(tooBig.stderr).toBe(
      `Error: Cannot read ${big}: it is 1,100,000 bytes; a calendar file may be at most 1,000,000 bytes.\n`,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('loads a CSV schedule, and refuses a bad file whole', async () => {
    await seedBoard(h.deps, { code: 'CSV', anchorDate: '2027-01-01', calendar: 'CN' });
    const bad = await cli(
      [
        'calendar',
        'import',
        file('bad.csv', 'date,kind,reason\n2027-01-01,closed,New Year\n2027-02-30,closed,x\n2027-02-01,holiday,y\n'),
        '--board',
        'CSV',
      ],
      { url: h.testDb.url },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 3: "2027-02-30" is not a date');
    expect(bad.stderr).toContain('line 4: the kind must be closed or workday');
    expect(await h.deps.db.calendarDay.count()).toBe(0);

    const good = await cli(
      [
        'calendar',
        'import',
        file('cn-2027.csv', 'date,kind,reason\n2027-01-01,closed,元旦\n2027-01-02,workday,"元旦, 调休"\n'),
        '--board',
        'CSV',
      ],
      { url: h.testDb.url },
    );
    expect([good.code, good.stdout]).toEqual([0, expect.stringContaining('Loaded 2 days (1 closed, 1 working)')]);
    const days = await h.deps.db.calendarDay.findMany({
      select: { date: true, kind: true, reason: true, source: true },
    });
    expect(days).toEqual([
      { date: '2027-01-01', kind: 'closed', reason: '元旦', source: 'import' },
      { date: '2027-01-02', kind: 'workday', reason: '元旦, 调休', source: 'import' },
    ]);
    const other = await cli(['calendar', 'import', file('x.txt', 'hello'), '--board', 'CSV'], { url: h.testDb.url });
    expect([other.code, other.stderr]).toEqual([1, expect.stringContaining('must be .ics')]);
  });
});
