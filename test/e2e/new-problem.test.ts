import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { archiveBoard } from '../../src/services/boards.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import {
  allText,
  blockOf,
  callAfter,
  callsSince,
  openByCommand,
  selectInModal,
  settle,
  state,
  submitView,
  viewOf,
} from '../support/modals.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
  await seedBoard(app.deps, {
    code: 'OPS',
    name: 'Ops findings',
    leaders: ['ULEADOPS'],
    categories: ['Livelihood services', 'Business environment'],
  });
  app.fake.locales.set('UZHLEAD', 'zh-CN');
  await seedBoard(app.deps, { code: 'ZH', name: '整改清单', leaders: ['UZHLEAD'], language: 'zh-CN' });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const good = {
  title: state.text('Backlog of unprocessed traffic violations'),
  description: state.text('Cases pile up at the desk.'),
  category: state.text('Traffic enforcement'),
  source: state.text('Complaints hotline'),
  owner: state.user(OWNER.userId),
  unit: state.text('Traffic brigade'),
  deadline: state.date('2026-12-20'),
  measures: state.text('1. Hire two clerks\n2. Open a second window\n3. Weekly backlog report'),
};

describe('/closeout new', () => {
  it('opens the modal for a leader, with the only board they lead chosen', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    expect(view.callback_id).toBe(VIEW.newProblem);
    expect(view.title.text).toBe('New problem');
    expect(blockOf(view, 'board')?.element).toMatchObject({
      type: 'static_select',
      initial_option: { value: 'RECT' },
      options: [{ value: 'RECT' }],
    });
    for (const id of ['title', 'description', 'category', 'source', 'owner', 'unit', 'deadline', 'measures'])
      expect(blockOf(view, id)).toBeDefined();
    expect(JSON.parse(view.private_metadata)).toEqual({ lang: 'en', channel: 'C0HERE' });
  });

  it('creates the problem with its measures, confirms, and tells the owner with a Report progress button', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    const from = app.fake.calls.length;
    const res = await submitView(app, LEADER.userId, view, { board: state.select('RECT'), ...good });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'clear' });

    const confirm = await app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'chat.postEphemeral'));
    expect(confirm.args).toMatchObject({ channel: 'C0HERE', user: LEADER.userId });
    expect(String(confirm.args.text)).toContain(
      'Created *RECT-1* Backlog of unprocessed traffic violations — owner <@UOWNER>, 3 measures, due Dec 20',
    );

    const problem = await app.db.problem.findUniqueOrThrow({
      where: { teamId_key: { teamId: LEADER.teamId, key: 'RECT-1' } },
      include: { measures: { orderBy: { number: 'asc' } } },
    });
    expect(problem).toMatchObject({
      title: 'Backlog of unprocessed traffic violations',
      description: 'Cases pile up at the desk.',
      category: 'Traffic enforcement',
      source: 'Complaints hotline',
      ownerId: OWNER.userId,
      unit: 'Traffic brigade',
      deadline: '2026-12-20',
      status: 'open',
      createdBy: LEADER.userId,
    });
    expect(problem.measures.map((m) => m.text)).toEqual([
      'Hire two clerks',
      'Open a second window',
      'Weekly backlog report',
    ]);

    const dm = await app.fake.waitFor((calls) =>
      calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === OWNER.userId),
    );
    expect(allText(dm)).toContain('RECT-1');
    expect(JSON.stringify(dm.args.blocks)).toContain(ACTION.reportProgress);
  });

  it('shows inline errors and saves nothing on bad input', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    const before = await app.db.problem.count();
    const res = await submitView(app, LEADER.userId, view, {
      board: state.select('RECT'),
      ...good,
      title: state.text('  '),
      owner: state.user(null),
      measures: state.text(`Hire two clerks\n${'x'.repeat(1001)}`),
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        title: 'Please fill this in.',
        owner: 'Please fill this in.',
        measures: 'Line 2: please keep each line to 1,000 characters or fewer.',
      },
    });
    await settle();
    expect(await app.db.problem.count()).toBe(before);
  });

  it('refuses a member plainly, without a modal', async () => {
    const from = app.fake.calls.length;
    await app.command('new', OTHER.userId);
    const reply = await app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'response_url'));
    expect(String(reply.args.text)).toContain('you do not lead any');
    expect(callsSince(app, from, 'views.open')).toEqual([]);
  });

  it('refuses a board the user does not lead', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('new OPS', LEADER.userId));
    expect(String(reply.args.text)).toContain('Only leaders of board OPS');
    const unknown = await callAfter(app, 'response_url', () => app.command('new NOPE', LEADER.userId));
    expect(String(unknown.args.text)).toContain('There is no board with code NOPE');
  });

  it('offers the categories of a board that has them', async () => {
    const view = await openByCommand(app, 'new', 'ULEADOPS');
    expect(blockOf(view, 'category')?.element).toMatchObject({
      type: 'static_select',
      options: [{ value: 'Livelihood services' }, { value: 'Business environment' }],
    });
    const confirm = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, 'ULEADOPS', view, {
        board: state.select('OPS'),
        ...good,
        category: state.select('Business environment'),
        measures: state.text(''),
      }),
    );
    expect(String(confirm.args.text)).toContain('*OPS-1*');
    expect(String(confirm.args.text)).toContain('no measures yet');
    const problem = await app.db.problem.findFirstOrThrow({ where: { key: 'OPS-1' } });
    expect(problem.category).toBe('Business environment');
  });

  it('for an admin with several boards: picking a board updates the modal with its categories', async () => {
    const view = await openByCommand(app, 'new', ADMIN.userId);
    expect(blockOf(view, 'board')).toMatchObject({ dispatch_action: true });
    expect(blockOf(view, 'board')?.element).not.toHaveProperty('initial_option');
    const update = await callAfter(app, 'views.update', () =>
      selectInModal(app, { userId: ADMIN.userId, view, blockId: 'board', value: 'OPS', viewId: 'VNEW1' }),
    );
    expect(update.args).toMatchObject({ view_id: 'VNEW1', hash: 'hash-1' });
    const updated = viewOf(update);
    expect(blockOf(updated, 'board')?.element).toMatchObject({ initial_option: { value: 'OPS' } });
    expect(blockOf(updated, 'category')?.element).toMatchObject({ type: 'static_select' });
    expect(updated.private_metadata).toBe(view.private_metadata);
  });

  it('if the board was archived meanwhile, tells the user why and gives back what they wrote', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    await archiveBoard(app.deps, ADMIN, 'RECT');
    const from = app.fake.calls.length;
    const res = await submitView(app, LEADER.userId, view, {
      board: state.select('RECT'),
      ...good,
      title: state.text('Queue times at the permit window'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    const refusal = await app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'chat.postEphemeral'));
    expect(String(refusal.args.text)).toContain('Board RECT is archived');
    const text = JSON.stringify(refusal.args.blocks);
    expect(text).toContain('Queue times at the permit window');
    expect(text).toContain('Weekly backlog report');
    expect(await app.db.problem.count({ where: { title: 'Queue times at the permit window' } })).toBe(0);
    await app.db.board.update({
      where: { teamId_code: { teamId: LEADER.teamId, code: 'RECT' } },
      data: { archived: false },
    });
  });

  it('falls back to a DM when it cannot post in the channel', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    app.fake.on('chat.postEphemeral', () => ({ ok: false, error: 'channel_not_found' }));
    try {
      const dm = await callAfter(
        app,
        'chat.postMessage',
        () =>
          submitView(app, LEADER.userId, view, {
            board: state.select('RECT'),
            ...good,
            title: state.text('Noise complaints'),
            owner: state.user(LEADER.userId),
          }),
        (c) => c.args.channel === LEADER.userId,
      );
      expect(String(dm.args.text)).toContain('Noise complaints');
    } finally {
      app.fake.on('chat.postEphemeral', () => undefined);
    }
  });

  it('speaks Chinese to a Chinese-speaking leader: titles, labels and inline errors', async () => {
    const view = await openByCommand(app, 'new', 'UZHLEAD');
    expect(view.title.text).toBe('新建问题');
    expect(blockOf(view, 'measures')?.label?.text).toBe('整改措施');
    expect(blockOf(view, 'deadline')?.label?.text).toBe('完成时限');
    const res = await submitView(app, 'UZHLEAD', view, { board: state.select('ZH'), ...good, title: state.text('') });
    expect(res.json).toEqual({ response_action: 'errors', errors: { title: '请填写此项。' } });
    const ok = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, 'UZHLEAD', view, { board: state.select('ZH'), ...good, title: state.text('窗口排队时间过长') }),
    );
    expect(String(ok.args.text)).toContain('已创建 *ZH-1* 窗口排队时间过长');
  });
});
