import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { calendarOverview, importBoardSchedule } from '../../src/services/calendar-admin.js';
import { homeData } from '../../src/services/home.js';
import { homeView } from '../../src/slack/blocks/home.js';
import { LEADER, seedBoard } from '../support/fixtures.js';
import { harness, problem, textOf, type Harness } from '../support/jobs.js';

/**
 * Issue 22: every timer follows the board's working-day calendar. A simulated autumn 2026 in Asia/Shanghai
 * on the CN calendar (National Day holiday 1–7 Oct, make-up workdays Sun 20 Sep and Sat 10 Oct), and
 * New York on the US calendar. Prompt time 09:00 local: 01:00Z in Shanghai.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness('2026-09-01T00:00:00Z');
});
afterEach(async () => {
  await h.stop();
});

/** Runs the runner at 09:00 Shanghai time (and a minute before) on each day from `from` to `to`. */
async function everyMorning(from: string, to: string, job: Parameters<Harness['run']>[1] = 'all') {
  const sent: { date: string; key: string }[] = [];
  for (let t = Date.parse(`${from}T00:59:00Z`); t <= Date.parse(`${to}T01:00:00Z`); t += 86_400_000) {
    for (const at of [t, t + 60_000]) {
      const report = await h.run(new Date(at), job);
      const date = new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
      sent.push(...report.sent.map((key) => ({ date, key })));
    }
  }
  return sent;
}

describe('a CN board in Asia/Shanghai', () => {
  it('sends no prompt on the National Day holiday: the round opening 1 Oct is prompted on 8 Oct, once', async () => {
    // 14-day rounds from Thu 17 Sep: round 2 opens Thu 1 Oct, the first day of the holiday.
    await seedBoard(h.deps, { code: 'SHA', anchorDate: '2026-09-17', calendar: 'CN' });
    await problem(h.deps, 'U0OWNER1', {}, 'SHA');
    const sent = await everyMorning('2026-09-30', '2026-10-09', 'cycle-prompts');
    const prompts = sent.filter((s) => s.key.startsWith('prompt:SHA:cycle-1:'));
    expect(prompts).toEqual([{ date: '2026-10-08', key: 'prompt:SHA:cycle-1:U0OWNER1' }]);
    // The report-by day is a working day: two working days before the round's last one (Wed 14 Oct).
    expect(textOf(h.postedFor('prompt:SHA:cycle-1:U0OWNER1')[0]!)).toContain('Oct 12');
    // A restart re-running the same moments sends nothing more (the delivery key is the round's).
    expect((await h.run('2026-10-08T01:00:00Z', 'cycle-prompts')).sent).toEqual([]);
    expect((await h.run('2026-10-09T05:00:00Z', 'cycle-prompts')).sent).toEqual([]);
  });

  it('prompts on a make-up Saturday, and moves an ordinary Saturday’s round to Monday', async () => {
    await seedBoard(h.deps, { code: 'SAT', anchorDate: '2026-10-10', cycleDays: 7, calendar: 'CN' });
    await problem(h.deps, 'U0OWNER2', {}, 'SAT');
    const sent = await everyMorning('2026-10-09', '2026-10-20', 'cycle-prompts');
    expect(sent.map((s) => `${s.date} ${s.key}`)).toEqual([
      '2026-10-10 prompt:SAT:cycle-0:U0OWNER2', // Sat 10 Oct: a make-up workday (调休)
      '2026-10-19 prompt:SAT:cycle-1:U0OWNER2', // Sat 17 Oct is a day off: Monday
    ]);
  });

  it('counts deadline reminders in working days, and sends none on a holiday', async () => {
    await seedBoard(h.deps, { code: 'REM', anchorDate: '2026-09-01', calendar: 'CN' });
    const p = await problem(h.deps, 'U0OWNER3', { deadline: '2026-10-09' }, 'REM');
    const sent = await everyMorning('2026-09-18', '2026-10-09', 'deadline-reminders');
    const reminders = sent.filter((s) => s.key.startsWith('reminder:'));
    // 7, 3, 1 and 0 working days before Fri 9 Oct: the holidays (25–27 Sep, 1–7 Oct) are skipped.
    expect(reminders).toEqual([
      { date: '2026-09-22', key: `reminder:${p.key}:2026-10-09:d7` },
      { date: '2026-09-29', key: `reminder:${p.key}:2026-10-09:d3` },
      { date: '2026-10-08', key: `reminder:${p.key}:2026-10-09:d1` },
      { date: '2026-10-09', key: `reminder:${p.key}:2026-10-09:d0` },
    ]);
    expect(textOf(h.postedFor(`reminder:${p.key}:2026-10-09:d3`)[0]!)).toContain('in 3 working days');
  });

  it('climbs the overdue escalation ladder in working days', async () => {
    await seedBoard(h.deps, { code: 'ESC', anchorDate: '2026-09-01', calendar: 'CN' });
    const late = await problem(h.deps, 'U0OWNER4', { deadline: '2026-09-30' }, 'ESC');
    const older = await problem(h.deps, 'U0OWNER5', { deadline: '2026-09-22' }, 'ESC');
    // Nothing on the holiday, although 30 Sep has passed.
    expect((await h.run('2026-10-01T01:00:00Z', 'overdue-escalation')).sent).toEqual([]);
    expect((await h.run('2026-10-07T01:00:00Z', 'overdue-escalation')).sent).toEqual([]);
    // Thu 15 Oct is the 7th working day after 30 Sep (8, 9, 10 (make-up Saturday), 12, 13, 14, 15 Oct): still
    // escalated. Counting calendar days it would have ended on 7 Oct. The deadline of 22 Sep is past its week.
    const report = await h.run('2026-10-15T01:00:00Z', 'overdue-escalation');
    expect(report.sent).toEqual([`escalation:${late.key}:2026-09-30`]);
    expect(report.sent).not.toContain(`escalation:${older.key}:2026-09-22`);
    // The card line keeps the calendar days and shows the working days beside them.
    expect(textOf(h.postedFor(`escalation:${late.key}:2026-09-30`)[0]!)).toContain('(15 days ago)');
    expect(textOf(h.postedFor(`escalation:${late.key}:2026-09-30`)[0]!)).toContain('7 working days overdue');
  });

  it('sends the round digest when the next round opens on a working day', async () => {
    await seedBoard(h.deps, { code: 'DIG', anchorDate: '2026-09-17', calendar: 'CN' });
    await problem(h.deps, 'U0OWNER6', {}, 'DIG');
    const sent = await everyMorning('2026-09-30', '2026-10-09', 'cycle-digest');
    expect(sent).toEqual([{ date: '2026-10-08', key: 'digest:DIG:cycle-0' }]);
  });

  it('a board on none keeps counting every day (existing boards)', async () => {
    await seedBoard(h.deps, { code: 'OLD', anchorDate: '2026-09-17' });
    await problem(h.deps, 'U0OWNER7', {}, 'OLD');
    const sent = await everyMorning('2026-09-30', '2026-10-02', 'cycle-prompts');
    expect(sent.filter((s) => s.key.includes('cycle-1'))).toEqual([
      { date: '2026-10-01', key: 'prompt:OLD:cycle-1:U0OWNER7' },
    ]);
  });
});

describe('a US board in New York', () => {
  it('moves the Thanksgiving round to Friday and the Christmas one to Monday', async () => {
    await seedBoard(h.deps, {
      code: 'NYC',
      timezone: 'America/New_York',
      anchorDate: '2026-11-26',
      cycleDays: 7,
      calendar: 'US',
      leaders: [LEADER.userId],
    });
    await problem(h.deps, 'U0OWNER8', {}, 'NYC');
    await seedBoard(h.deps, {
      code: 'XMS',
      timezone: 'America/New_York',
      anchorDate: '2026-12-25',
      cycleDays: 7,
      calendar: 'US',
    });
    await problem(h.deps, 'U0OWNER9', {}, 'XMS');
    const keys: string[] = [];
    // 09:00 in New York is 14:00Z (EST).
    for (const day of ['2026-11-26', '2026-11-27', '2026-12-24', '2026-12-25', '2026-12-28']) {
      const report = await h.run(`${day}T14:00:00Z`, 'cycle-prompts');
      keys.push(...report.sent.map((k) => `${day} ${k}`));
    }
    expect(keys).toEqual([
      '2026-11-27 prompt:NYC:cycle-0:U0OWNER8', // Thanksgiving (Thu 26 Nov) is a holiday
      '2026-12-24 prompt:NYC:cycle-4:U0OWNER8', // Christmas Eve is a working day
      '2026-12-28 prompt:XMS:cycle-0:U0OWNER9', // Christmas Day (Fri), then the weekend
    ]);
  });
});

describe('calendars run out (no official 2027 data in chinese-days 1.5.7)', () => {
  const LIMITS = { problems: 5, boards: 5, pendingPerBoard: 1, replies: 1 };

  it('warns leaders once in the digest and once on the App Home; importing the year clears it', async () => {
    await seedBoard(h.deps, { code: 'GAP', anchorDate: '2026-11-02', cycleDays: 7, calendar: 'CN' });
    await seedBoard(h.deps, { code: 'WKD', anchorDate: '2026-11-02', cycleDays: 7, calendar: 'weekends' });
    await problem(h.deps, 'U0OWNER1', {}, 'GAP');
    await problem(h.deps, 'U0OWNER2', {}, 'WKD');
    const warning = 'The 2027 official holidays are not loaded';

    // Mon 9 Nov: 60 days ahead reach 2027. The first digest says so (with the command to fix it) …
    expect((await h.run('2026-11-09T01:00:00Z', 'cycle-digest')).sent).toEqual([
      'digest:GAP:cycle-0',
      'digest:WKD:cycle-0',
    ]);
    const first = textOf(h.postedFor('digest:GAP:cycle-0')[0]!);
    expect(first).toContain(warning);
    expect(first).toContain('closeout calendar import FILE.ics --board GAP');
    expect(textOf(h.postedFor('digest:WKD:cycle-0')[0]!)).not.toContain(warning); // weekends: nothing to load
    // … the next one does not repeat it.
    await h.run('2026-11-16T01:00:00Z', 'cycle-digest');
    expect(textOf(h.postedFor('digest:GAP:cycle-1')[0]!)).not.toContain(warning);

    // The App Home tells each leader once.
    h.clock.set('2026-11-16T02:00:00Z');
    const home = await homeData(h.deps, LEADER, LIMITS);
    expect(home.calendarGaps).toEqual([{ code: 'GAP', name: 'Rectification list', year: 2027 }]);
    const view = homeView(translator('en'), { ...home, lang: 'en', today: '2026-11-16' });
    expect(JSON.stringify(view.blocks)).toContain(warning);
    expect((await homeData(h.deps, LEADER, LIMITS)).calendarGaps).toBeUndefined();

    // Loading 2027 ends it: the overview has no gap any more.
    await importBoardSchedule(h.deps, LEADER, 'GAP', [{ date: '2027-01-01', kind: 'closed', reason: '元旦' }]);
    expect((await calendarOverview(h.deps, LEADER, 'GAP')).missingYears).toEqual([]);
    await h.run('2026-11-23T01:00:00Z', 'cycle-digest');
    expect(textOf(h.postedFor('digest:GAP:cycle-2')[0]!)).not.toContain(warning);
  });
});

describe('weekly posts on a CN board', () => {
  it('the Monday overdue digest of a holiday week goes out on its first working day', async () => {
    await seedBoard(h.deps, { code: 'WKL', anchorDate: '2026-09-01', calendar: 'CN' });
    await problem(h.deps, 'U0OWNER9', { deadline: '2026-09-15' }, 'WKL');
    // Mon 5 Oct is in the National Day holiday; Thu 8 Oct is the week's first working day.
    const sent = await everyMorning('2026-10-05', '2026-10-09', 'overdue-escalation');
    expect(sent.filter((s) => s.key.startsWith('overdue-weekly:'))).toEqual([
      { date: '2026-10-08', key: 'overdue-weekly:WKL:2026-W41' },
    ]);
  });
});
