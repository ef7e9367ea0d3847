import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../../src/services/boards.js';
import { createProblem } from '../../src/services/problems.js';
import { VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import {
  allText,
  blockOf,
  callAfter,
  callsSince,
  openByCommand,
  settle,
  state,
  submitView,
} from '../support/modals.js';

let app: TestApp;
const ZH_ADMIN = 'UZHADMIN';

beforeAll(async () => {
  app = await TestApp.start({ admins: [ADMIN.userId, ZH_ADMIN] });
  app.fake.locales.set(ZH_ADMIN, 'zh-CN');
  await seedBoard(app.deps, { categories: ['Livelihood services'], deadline: '2027-06-30' });
  await createProblem(app.deps, LEADER, 'RECT', {
    title: 'Overdue one',
    ownerId: OWNER.userId,
    deadline: '2026-11-01',
  });
  await createProblem(app.deps, LEADER, 'RECT', { title: 'Later one', ownerId: OWNER.userId, deadline: '2026-12-20' });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const newBoard = {
  code: state.text('ops'),
  name: state.text('Ops findings'),
  channel: state.conversation('C0OPS'),
  timezone: state.select('Asia/Shanghai'),
  language: state.select('zh-CN'),
  leaders: state.users([LEADER.userId, 'ULEADER2']),
  cycle_days: state.number('7'),
  anchor_date: state.date('2026-11-16'),
  prompt_time: state.time('08:30'),
  deadline: state.date('2027-06-30'),
  categories: state.text('Livelihood services\nBusiness environment'),
};

describe('/closeout board new', () => {
  it('opens the board modal for an admin, with the workspace defaults', async () => {
    const view = await openByCommand(app, 'board new', ADMIN.userId);
    expect(view.callback_id).toBe(VIEW.board);
    expect(view.title.text).toBe('New problem list');
    for (const id of [
      'code',
      'name',
      'channel',
      'timezone',
      'language',
      'leaders',
      'cycle_days',
      'anchor_date',
      'prompt_time',
      'deadline',
      'categories',
    ]) {
      expect(blockOf(view, id), id).toBeDefined();
    }
    expect(blockOf(view, 'timezone')?.element).toMatchObject({ initial_option: { value: 'UTC' } });
    expect((blockOf(view, 'timezone')?.element?.options as { value: string }[])[0]?.value).toBe('UTC');
    expect(blockOf(view, 'anchor_date')?.element).toMatchObject({ initial_date: '2026-11-25' });
  });

  it('creates the board and confirms, reminding to invite the bot', async () => {
    const view = await openByCommand(app, 'board new', ADMIN.userId);
    const from = app.fake.calls.length;
    const res = await submitView(app, ADMIN.userId, view, newBoard);
    expect(res.json).toEqual({ response_action: 'clear' });
    const confirm = await app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'chat.postEphemeral'));
    expect(String(confirm.args.text)).toContain('Created the problem list *OPS* Ops findings');
    expect(String(confirm.args.text)).toContain('<#C0OPS>');
    const board = await app.db.board.findFirstOrThrow({ where: { code: 'OPS' }, include: { leaders: true } });
    expect(board).toMatchObject({
      name: 'Ops findings',
      channelId: 'C0OPS',
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      cycleDays: 7,
      anchorDate: '2026-11-16',
      promptTime: '08:30',
      deadline: '2027-06-30',
      createdBy: ADMIN.userId,
    });
    expect(board.leaders.map((l) => l.userId).sort()).toEqual([LEADER.userId, 'ULEADER2'].sort());
    expect(categories(board)).toEqual(['Livelihood services', 'Business environment']);
  });

  it('shows inline errors, including a code already taken, and saves nothing', async () => {
    const view = await openByCommand(app, 'board new', ADMIN.userId);
    const before = await app.db.board.count();
    const bad = await submitView(app, ADMIN.userId, view, {
      ...newBoard,
      code: state.text('x'),
      name: state.text(''),
      cycle_days: state.number('0'),
    });
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: {
        code: 'Use 2–10 capital letters or digits, starting with a letter (e.g. RECT).',
        name: 'Please fill this in.',
        cycle_days: 'Enter a whole number of days from 1 to 90.',
      },
    });
    const taken = await submitView(app, ADMIN.userId, view, { ...newBoard, code: state.text('rect') });
    expect(taken.json).toEqual({
      response_action: 'errors',
      errors: { code: 'There is already a board RECT. Pick another code.' },
    });
    await settle();
    expect(await app.db.board.count()).toBe(before);
  });

  it('refuses members and leaders a new board, and members an edit (leaders edit their own, see changes-board.test.ts)', async () => {
    const from = app.fake.calls.length;
    const member = await callAfter(app, 'response_url', () => app.command('board new', OTHER.userId));
    expect(String(member.args.text)).toContain('Only Closeout admins can do that.');
    const leader = await callAfter(app, 'response_url', () => app.command('board new', LEADER.userId));
    expect(String(leader.args.text)).toContain('Only Closeout admins can do that.');
    const edit = await callAfter(app, 'response_url', () => app.command('board edit RECT', OTHER.userId));
    expect(String(edit.args.text)).toContain('Only leaders of board RECT can do that.');
    expect(callsSince(app, from, 'views.open')).toEqual([]);
  });

  it('refuses a forged submission from a member', async () => {
    const view = await openByCommand(app, 'board new', ADMIN.userId);
    const refusal = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, OTHER.userId, view, { ...newBoard, code: state.text('FORGED') }),
    );
    expect(String(refusal.args.text)).toContain('Only Closeout admins');
    expect(await app.db.board.count({ where: { code: 'FORGED' } })).toBe(0);
  });
});

describe('/closeout board edit CODE', () => {
  it('opens the modal filled in with the board and saves the changes', async () => {
    const view = await openByCommand(app, 'board edit rect', ADMIN.userId);
    expect(view.title.text).toBe('Edit problem list');
    expect(blockOf(view, 'code')).toBeUndefined();
    expect(blockOf(view, 'name')?.element).toMatchObject({ initial_value: 'Rectification list' });
    expect(blockOf(view, 'channel')?.element).toMatchObject({ initial_conversation: 'C0BOARD' });
    expect(blockOf(view, 'timezone')?.element).toMatchObject({ initial_option: { value: 'Asia/Shanghai' } });
    expect(blockOf(view, 'leaders')?.element).toMatchObject({ initial_users: [LEADER.userId] });
    expect(blockOf(view, 'categories')?.element).toMatchObject({ initial_value: 'Livelihood services' });

    const confirm = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, ADMIN.userId, view, {
        name: state.text('Rectification list 2026'),
        channel: state.conversation('C0BOARD'),
        timezone: state.select('Asia/Shanghai'),
        language: state.select('en'),
        leaders: state.users(['ULEADER2']),
        cycle_days: state.number('14'),
        anchor_date: state.date('2026-11-16'),
        prompt_time: state.time('09:00'),
        deadline: state.date(null),
        categories: state.text('Livelihood services\nTraffic enforcement'),
      }),
    );
    expect(String(confirm.args.text)).toContain('Saved the problem list *RECT* Rectification list 2026');
    const board = await app.db.board.findFirstOrThrow({ where: { code: 'RECT' }, include: { leaders: true } });
    expect(board).toMatchObject({ name: 'Rectification list 2026', deadline: null });
    expect(board.leaders.map((l) => l.userId)).toEqual(['ULEADER2']);
    expect(categories(board)).toEqual(['Livelihood services', 'Traffic enforcement']);
  });

  it('says there is no such board', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('board edit NOPE', ADMIN.userId));
    expect(String(reply.args.text)).toContain('There is no board with code NOPE');
  });
});

describe('/closeout board list', () => {
  it('lists each board with its channel, cadence, leaders and counts', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('board list', OTHER.userId));
    expect(reply.args.response_type).toBe('ephemeral');
    const text = allText(reply);
    expect(text).toContain('*RECT* · Rectification list 2026');
    expect(text).toContain('<#C0BOARD>');
    expect(text).toContain('Every 14 days from Nov 16, prompts at 09:00 (Asia/Shanghai)');
    expect(text).toContain('<@ULEADER2>');
    expect(text).toContain('2 problems · 2 open · 0 closed · 1 overdue');
    expect(text).toContain('*OPS* · Ops findings');
  });

  it('answers an unknown action with the usage', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('board frobnicate', ADMIN.userId));
    expect(String(reply.args.text)).toContain('Usage: `/closeout board new`');
  });
});

describe('in Chinese', () => {
  it('shows the modal and its errors in Chinese', async () => {
    const view = await openByCommand(app, 'board new', ZH_ADMIN);
    expect(view.title.text).toBe('新建问题清单');
    expect(blockOf(view, 'leaders')?.label?.text).toBe('负责领导');
    const res = await submitView(app, ZH_ADMIN, view, { ...newBoard, code: state.text('OPS2'), name: state.text('') });
    expect(res.json).toEqual({ response_action: 'errors', errors: { name: '请填写此项。' } });
    const list = await callAfter(app, 'response_url', () => app.command('board list', ZH_ADMIN));
    expect(allText(list)).toContain('共 2 个问题清单');
  });
});
