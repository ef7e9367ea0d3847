import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import { VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OTHER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { newProblem, seedRect } from '../support/cards.js';
import { allText, blockOf, callAfter, openByCommand, state, submitView } from '../support/modals.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app, { categories: ['Permits'] });
  await newProblem(app);
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const board = () => app.db.board.findFirstOrThrow({ where: { code: 'RECT' } });

describe('/closeout board edit', () => {
  it('a leader edits the fields leaders may change, and only those', async () => {
    const view = await openByCommand(app, 'board edit RECT', LEADER.userId);
    expect(view.callback_id).toBe(VIEW.board);
    expect(blockOf(view, 'name')).toBeDefined();
    expect(blockOf(view, 'categories')).toBeDefined();
    for (const id of ['channel', 'timezone', 'leaders', 'cycle_days', 'archived'])
      expect(blockOf(view, id), id).toBeUndefined();
    const res = await submitView(app, LEADER.userId, view, {
      name: state.text('Rectification list 2027'),
      deadline: state.date(null),
      categories: state.text('Permits\nTraffic'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(async () => (await board()).name === 'Rectification list 2027');
    expect(await board()).toMatchObject({
      channelId: 'C0BOARD',
      timezone: 'Asia/Shanghai',
      categories: '["Permits","Traffic"]',
    });
  });

  it('someone else is refused', async () => {
    const card = await callAfter(app, 'response_url', () => app.command('board edit RECT', OTHER.userId));
    expect(allText(card)).toContain('Only leaders of board RECT can do that.');
  });

  it('an admin archives the board (no prompts, said in lists) and unarchives it', async () => {
    const view = await openByCommand(app, 'board edit RECT', ADMIN.userId);
    const b = await board();
    const all = {
      name: state.text(b.name),
      channel: state.conversation('C0BOARD'),
      timezone: state.select('Asia/Shanghai'),
      language: state.select('en'),
      leaders: state.users([LEADER.userId, 'ULEADER2']),
      cycle_days: state.number('14'),
      anchor_date: state.date('2026-11-16'),
      prompt_time: state.time('09:00'),
      deadline: state.date(null),
      categories: state.text('Permits\nTraffic'),
    };
    await submitView(app, ADMIN.userId, view, { ...all, archived: state.checks(['archived']) });
    await app.fake.waitFor(async () => (await board()).archived);
    const audit = await app.db.auditEvent.findFirst({ where: { action: 'board.archive' } });
    expect(audit).not.toBeNull();

    const list = await callAfter(app, 'response_url', () => app.command('list all board:RECT', LEADER.userId));
    expect(allText(list)).toContain('*RECT* is archived');
    const boards = await callAfter(app, 'response_url', () => app.command('board list', LEADER.userId));
    expect(allText(boards)).toContain('*RECT* is archived');
    // The leader's Home still shows the board, marked archived, so it can be found and unarchived.
    const home = await callAfter(app, 'views.publish', () =>
      app.event({ type: 'app_home_opened', user: LEADER.userId, channel: 'DLEADER', tab: 'home', event_ts: '1.2' }),
    );
    expect(JSON.stringify(home.args.view)).toContain('*RECT* is archived');
    const report = await runJob(
      { db: app.db, clock: app.clock, logger: app.running.ctx.logger, sender: null, instanceId: 't' },
      'cycle-prompts',
      new Date('2026-11-30T01:00:00Z'),
      { dryRun: true },
    );
    expect(report.planned).toEqual([]);

    const again = await openByCommand(app, 'board edit RECT', ADMIN.userId);
    expect(blockOf(again, 'archived')?.element).toMatchObject({ initial_options: [{ value: 'archived' }] });
    await submitView(app, ADMIN.userId, again, { ...all, archived: state.checks([]) });
    await app.fake.waitFor(async () => !(await board()).archived);
    const after = await callAfter(app, 'views.publish', () =>
      app.event({ type: 'app_home_opened', user: LEADER.userId, channel: 'DLEADER', tab: 'home', event_ts: '1.3' }),
    );
    expect(JSON.stringify(after.args.view)).toContain('RECT');
    expect(JSON.stringify(after.args.view)).not.toContain('is archived');
  });
});
