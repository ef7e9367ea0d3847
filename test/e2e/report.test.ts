import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
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
  type SentView,
} from '../support/modals.js';

let app: TestApp;

function problem(ownerId: string, fields: Partial<Parameters<typeof createProblem>[3]> = {}) {
  return createProblem(app.deps, LEADER, 'RECT', {
    title: 'Backlog of unprocessed traffic violations',
    ownerId,
    deadline: '2026-12-20',
    ...fields,
  });
}

beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
  await problem(OWNER.userId, { measures: ['Hire two clerks', 'Open a second window', 'Weekly backlog report'] }); // RECT-1
  await problem(OWNER.userId, { title: 'Queue times at the permit window', deadline: '2026-12-01' }); // RECT-2
  await problem('USOLO', { title: 'Noise complaints' }); // RECT-3
  await problem('URACE', { title: 'Closed while typing' }); // RECT-4
  app.fake.locales.set('UZHOWN', 'zh-CN');
  await problem('UZHOWN', { title: '窗口排队时间过长' }); // RECT-5
  await problem('UMANY', {
    measures: Array.from({ length: 60 }, (_, i) => `Measure ${i + 1}: ${'a long corrective measure '.repeat(4)}`),
  }); // RECT-6
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const optionsOf = (view: SentView, blockId: string) =>
  ((blockOf(view, blockId)?.element?.options as { value: string }[] | undefined) ?? []).map((o) => o.value);

describe('/closeout report KEY', () => {
  it('opens the progress modal with the open measures as checkboxes', async () => {
    const view = await openByCommand(app, 'report RECT-1', OWNER.userId);
    expect(view.callback_id).toBe(VIEW.report);
    expect(view.title.text).toBe('Report progress');
    expect(blockOf(view, 'health')?.element).toMatchObject({ type: 'radio_buttons' });
    expect(blockOf(view, 'health')?.element).not.toHaveProperty('initial_option');
    expect(blockOf(view, 'percent')?.element).toMatchObject({ type: 'number_input', initial_value: '0' });
    expect(blockOf(view, 'measures_done')?.element).toMatchObject({ type: 'checkboxes' });
    expect(optionsOf(view, 'measures_done')).toEqual(['1', '2', '3']);
    expect(JSON.parse(view.private_metadata)).toEqual({ lang: 'en', channel: 'C0HERE', key: 'RECT-1' });
  });

  it('records the update, marks measures done and confirms', async () => {
    const view = await openByCommand(app, 'report RECT-1', OWNER.userId);
    const from = app.fake.calls.length;
    const res = await submitView(app, OWNER.userId, view, {
      health: state.radio('at_risk'),
      percent: state.number('60'),
      measures_done: state.checks(['2']),
      note: state.text('Hired one clerk; the second starts in January.'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    const confirm = await app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'chat.postEphemeral'));
    expect(confirm.args).toMatchObject({ channel: 'C0HERE', user: OWNER.userId });
    expect(String(confirm.args.text)).toContain('Progress recorded for *RECT-1*: 60% · At risk · 1 measure done');

    const row = await app.db.problem.findFirstOrThrow({
      where: { key: 'RECT-1' },
      include: { updates: true, measures: { orderBy: { number: 'asc' } } },
    });
    expect(row).toMatchObject({ status: 'in_progress', percent: 60, health: 'at_risk' });
    expect(row.updates).toHaveLength(1);
    expect(row.updates[0]).toMatchObject({
      authorId: OWNER.userId,
      health: 'at_risk',
      percent: 60,
      note: 'Hired one clerk; the second starts in January.',
      measuresDone: '[2]',
    });
    expect(row.measures.map((m) => m.status)).toEqual(['todo', 'done', 'todo']);
  });

  it('presets the last health and percent next time, and offers only measures not yet done', async () => {
    const view = await openByCommand(app, 'report RECT-1', OWNER.userId);
    expect(blockOf(view, 'health')?.element).toMatchObject({ initial_option: { value: 'at_risk' } });
    expect(blockOf(view, 'percent')?.element).toMatchObject({ initial_value: '60' });
    expect(optionsOf(view, 'measures_done')).toEqual(['1', '3']);
  });

  it('shows inline errors and records nothing on bad input', async () => {
    const view = await openByCommand(app, 'report RECT-1', OWNER.userId);
    const before = await app.db.update.count();
    const res = await submitView(app, OWNER.userId, view, {
      health: state.radio(null),
      percent: state.number('150'),
      note: state.text('n'.repeat(3001)),
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        health: 'Please fill this in.',
        percent: 'Enter a whole number from 0 to 100.',
        note: 'Please keep this to 3,000 characters or fewer.',
      },
    });
    await settle();
    expect(await app.db.update.count()).toBe(before);
  });

  it("refuses someone else's problem in plain words, without a modal", async () => {
    const from = app.fake.calls.length;
    const reply = await callAfter(app, 'response_url', () => app.command('report RECT-1', OTHER.userId));
    expect(String(reply.args.text)).toContain('Only the owner of RECT-1 or a leader of its board can do that.');
    expect(callsSince(app, from, 'views.open')).toEqual([]);
  });

  it('uses a multi-select for a problem with 60 measures', async () => {
    const view = await openByCommand(app, 'report RECT-6', 'UMANY');
    expect(blockOf(view, 'measures_done')?.element).toMatchObject({ type: 'multi_static_select' });
    expect(optionsOf(view, 'measures_done')).toHaveLength(60);
    const confirm = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, 'UMANY', view, {
        health: state.radio('on_track'),
        percent: state.number('10'),
        measures_done: state.multi(['1', '60']),
        note: state.text(''),
      }),
    );
    expect(String(confirm.args.text)).toContain('2 measures done');
    expect(await app.db.measure.count({ where: { problem: { key: 'RECT-6' }, status: 'done' } })).toBe(2);
  });
});

describe('/closeout report without a key', () => {
  it('opens a picker of my open problems, due soonest first; picking one turns it into the progress modal', async () => {
    const picker = await openByCommand(app, 'report', OWNER.userId);
    expect(picker.callback_id).toBe(VIEW.pickProblem);
    expect(blockOf(picker, 'problem')).toMatchObject({
      dispatch_action: true,
      element: { action_id: ACTION.pickProblem },
    });
    expect(optionsOf(picker, 'problem')).toEqual(['RECT-2', 'RECT-1']);

    const update = await callAfter(app, 'views.update', () =>
      selectInModal(app, { userId: OWNER.userId, view: picker, blockId: 'problem', value: 'RECT-2', viewId: 'VPICK' }),
    );
    expect(update.args).toMatchObject({ view_id: 'VPICK', hash: 'hash-1' });
    const report = viewOf(update);
    expect(report.callback_id).toBe(VIEW.report);
    expect(JSON.parse(report.private_metadata)).toMatchObject({ key: 'RECT-2', channel: 'C0HERE' });
    expect(JSON.stringify(report.blocks)).toContain('Queue times at the permit window');
  });

  it('"Next" in the picker answers with the progress modal', async () => {
    const picker = await openByCommand(app, 'report', OWNER.userId);
    const res = await submitView(app, OWNER.userId, picker, { problem: state.select('RECT-1') });
    expect(res.json).toMatchObject({ response_action: 'update', view: { callback_id: VIEW.report } });
    const none = await submitView(app, OWNER.userId, picker, { problem: state.select(null) });
    expect(none.json).toEqual({ response_action: 'errors', errors: { problem: 'Please fill this in.' } });
  });

  it('goes straight to the only open problem', async () => {
    const view = await openByCommand(app, 'report', 'USOLO');
    expect(view.callback_id).toBe(VIEW.report);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ key: 'RECT-3' });
  });

  it('says so when there is nothing to report on', async () => {
    const reply = await callAfter(app, 'response_url', () => app.command('report', 'UNOBODY'));
    expect(String(reply.args.text)).toContain('You have no open problems to report on');
  });
});

describe('reporting from a card', () => {
  it('carries the card through the modal and updates it in place after the report', async () => {
    const open = await callAfter(app, 'views.open', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.reportProgress,
        value: 'RECT-2',
        message: { channel: 'DUOWNER', ts: '1700000000.000111' },
      }),
    );
    const view = viewOf(open);
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      key: 'RECT-2',
      channel: 'DUOWNER',
      origin: { channel: 'DUOWNER', ts: '1700000000.000111' },
    });
    const update = await callAfter(
      app,
      'chat.update',
      () =>
        submitView(app, OWNER.userId, view, {
          health: state.radio('on_track'),
          percent: state.number('30'),
          note: state.text('Started'),
        }),
      (c) => c.args.ts === '1700000000.000111',
    );
    expect(update.args.channel).toBe('DUOWNER');
    expect(allText(update)).toContain('reported 30%');
  });
});

describe('after the modal closed', () => {
  it('if the problem was closed meanwhile, says so and gives the note back', async () => {
    const view = await openByCommand(app, 'report RECT-4', 'URACE');
    const { request } = await requestCloseout(app.deps, { teamId: LEADER.teamId, userId: 'URACE' }, 'RECT-4', {
      evidence: 'done',
    });
    await approveCloseout(app.deps, LEADER, request.id);
    const refusal = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, 'URACE', view, {
        health: state.radio('on_track'),
        percent: state.number('90'),
        note: state.text('Almost there: the last two cases go to court on Monday.'),
      }),
    );
    expect(String(refusal.args.text)).toContain('RECT-4 is already closed.');
    expect(JSON.stringify(refusal.args.blocks)).toContain('the last two cases go to court on Monday');
    expect(await app.db.update.count({ where: { problem: { key: 'RECT-4' } } })).toBe(0);
  });
});

describe('in Chinese', () => {
  it('shows Chinese titles, labels and inline errors', async () => {
    const view = await openByCommand(app, 'report RECT-5', 'UZHOWN');
    expect(view.title.text).toBe('汇报整改进展');
    expect(blockOf(view, 'health')?.label?.text).toBe('整改情况');
    expect(JSON.stringify(blockOf(view, 'health'))).toContain('有风险');
    const res = await submitView(app, 'UZHOWN', view, { health: state.radio('on_track'), percent: state.number('') });
    expect(res.json).toEqual({ response_action: 'errors', errors: { percent: '请填写此项。' } });
    const ok = await callAfter(app, 'chat.postEphemeral', () =>
      submitView(app, 'UZHOWN', view, { health: state.radio('blocked'), percent: state.number('20') }),
    );
    expect(String(ok.args.text)).toContain('已记录 *RECT-5* 的进展：20% · 受阻');
  });
});
