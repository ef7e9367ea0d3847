import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit.js';
import { seedRect } from '../support/cards.js';
import { exportCsv } from '../../src/services/csv-export.js';
import { homeData } from '../../src/services/home.js';
import { boardSummary } from '../support/summary.js';
import { createProblem } from '../../src/services/problems.js';
import { ADMIN, LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { allText, blockOf, callAfter, openByCommand, state, submitView } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/** Issue 22: `/closeout calendar` through the real Bolt app — the overview, and leaders adding and removing days. */
let app: TestApp;
beforeAll(async () => {
  // Thu 24 Sep 2026 in Shanghai: the National Day holiday is a week away.
  app = await TestApp.start({ at: '2026-09-24T02:00:00Z' });
  await seedRect(app, { anchorDate: '2026-09-17', calendar: 'CN' });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const answer = async (text: string, userId = LEADER.userId) =>
  allText(await callAfter(app, 'response_url', () => app.command(text, userId)));

describe('/closeout calendar', () => {
  it('lists the coming days off and the next prompt, nudge and digest', async () => {
    const text = await answer('calendar board:RECT');
    expect(text).toContain('CN official holidays and make-up workdays');
    expect(text).toContain('Oct 1 · National Day · 国庆节');
    expect(text).toContain('Sep 26 · Mid-autumn Festival · 中秋');
    expect(text).not.toContain('Oct 10 ·'); // a make-up Saturday is worked
    // Round 2 opens Thu 1 Oct (holiday): prompt and digest on Thu 8 Oct; round 1's nudge on Mon 28 Sep.
    expect(text).toContain('Next prompt: Oct 8 · next nudge: Sep 28 · next digest: Oct 8');
  });

  it('a leader closes a day and opens one, with a reason; the overview shows them; remove undoes', async () => {
    expect(await answer('calendar add 2026-10-09 closed "Office move"')).toContain(
      '2026-10-09 is now a day off on *Rectification list*: Office move',
    );
    expect(await answer('calendar add 2026-10-17 workday "Inspection weekend"')).toContain('is now a working day');
    const text = await answer('calendar');
    expect(text).toContain('Oct 9 · Office move');
    expect(text).toContain('Oct 17 · working day: Inspection weekend');
    expect(text).toContain('Next prompt: Oct 8');
    expect(await app.db.calendarDay.count()).toBe(2);
    expect(await answer('calendar remove 2026-10-09')).toContain('follows the *Rectification list* calendar again');
    expect(await answer('calendar remove 2026-10-09')).toContain('There is no day added on 2026-10-09');
    expect(await app.db.calendarDay.findMany({ select: { date: true } })).toEqual([{ date: '2026-10-17' }]);
  });

  it('answers bad dates, kinds, missing reasons and non-leaders, and changes nothing', async () => {
    const before = await app.db.calendarDay.count();
    expect(await answer('calendar add 2026-02-30 closed "x"')).toContain('“2026-02-30” is not a date');
    expect(await answer('calendar add 2026-10-20 holiday "x"')).toContain('“holiday” is not a kind of day');
    expect(await answer('calendar add 2026-10-20 closed')).toContain('Please give a reason');
    expect(await answer('calendar frobnicate')).toContain('Usage: `/closeout calendar');
    expect(await answer('calendar add 2026-10-20 closed "x" board:RECT', OTHER.userId)).toContain(
      'Only leaders of board RECT',
    );
    expect(await answer('calendar', OTHER.userId)).toContain('You do not lead a board');
    expect(await app.db.calendarDay.count()).toBe(before);
  });
});

describe('the problem card', () => {
  it('shows the working days overdue beside the calendar days (Sun 20 Sep is a make-up workday)', async () => {
    const p = await createProblem(app.deps, LEADER, 'RECT', {
      title: 'Late one',
      ownerId: OWNER.userId,
      deadline: '2026-09-18',
    });
    const text = await answer(`show ${p.key}`);
    expect(text).toContain('OVERDUE 6 days* (5 working days)');
    // So does the list (and with it the App Home's own list).
    expect(await answer('list overdue board:RECT')).toContain('OVERDUE 6 days* (5 working days)');
    const home = await homeData(app.deps, OWNER, { problems: 5, boards: 1, pendingPerBoard: 1, replies: 1 });
    expect(home.mine.items.find((i) => i.key === p.key)).toMatchObject({ daysOverdue: 6, workingDaysOverdue: 5 });
    const summary = await boardSummary(app.deps, LEADER, 'RECT');
    expect(summary.overdue.items.find((i) => i.key === p.key)).toMatchObject({ daysOverdue: 6, workingDaysOverdue: 5 });
    // The export keeps both: calendar days and the board's working days.
    const { csv } = await exportCsv(app.deps, LEADER, 'RECT');
    expect(csv.split('\r\n')[0]).toContain('days overdue,working days overdue');
    expect(csv).toMatch(new RegExp(`${p.key},Late one,[^\\r]*,6,5,,,,\\r\\n`));
  });
});

describe('a deadline on a day off', () => {
  it('is accepted from the new-problem modal, with a warning', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    const confirm = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, LEADER.userId, view, {
        board: state.select('RECT'),
        title: state.text('Due on National Day'),
        owner: state.user(OWNER.userId),
        deadline: state.date('2026-10-01'),
      }),
    );
    expect(String(confirm.args.text)).toContain('2026-10-01 is not a working day on this board’s calendar');
    const saved = await app.db.problem.findFirstOrThrow({ where: { title: 'Due on National Day' } });
    expect(saved.deadline).toBe('2026-10-01');
  });
});

describe('the board modal’s calendar select', () => {
  it('offers the calendars, defaults a new board to weekends, and saves a leader’s choice', async () => {
    const fresh = await openByCommand(app, 'board new', ADMIN.userId);
    expect(blockOf(fresh, 'calendar')?.element).toMatchObject({ initial_option: { value: 'weekends' } });
    const values = (blockOf(fresh, 'calendar')?.element?.options as { value: string }[]).map((o) => o.value);
    expect(values).toEqual(expect.arrayContaining(['weekends', 'none', 'CN', 'US', 'GB']));

    const view = await openByCommand(app, 'board edit RECT', LEADER.userId);
    expect(blockOf(view, 'calendar')?.element).toMatchObject({ initial_option: { value: 'CN' } });
    const res = await submitView(app, LEADER.userId, view, {
      name: state.text('Rectification list'),
      deadline: state.date(null),
      categories: state.text(''),
      calendar: state.select('US'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(
      async () => (await app.db.board.findFirstOrThrow({ where: { code: 'RECT' } })).calendar === 'US',
    );
  });
});
