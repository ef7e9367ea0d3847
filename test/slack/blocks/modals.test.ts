import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { ACTION, VIEW } from '../../../src/slack/ids.js';
import { IANAZone } from 'luxon';
import { boardModal } from '../../../src/slack/blocks/modals/board.js';
import { COMMON_TIMEZONES, timezoneChoices } from '../../../src/slack/blocks/modals/timezones.js';
import { closeoutModal } from '../../../src/slack/blocks/modals/closeout.js';
import { newProblemModal } from '../../../src/slack/blocks/modals/new-problem.js';
import { pickProblemModal } from '../../../src/slack/blocks/modals/pick-problem.js';
import { reportModal, type ReportModalData } from '../../../src/slack/blocks/modals/report.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const en = translator('en');
const zh = translator('zh-CN');
const NOW = new Date('2026-11-25T02:00:00Z');

function problemsOf(view: ModalView): string[] {
  const p = {
    surface: 'modal' as const,
    method: 'views.open',
    blocks: view.blocks as unknown[],
    view: view as unknown as Record<string, unknown>,
  };
  return [...limitProblems(p), ...schemaProblems(p)];
}

type AnyBlock = KnownBlock & { block_id?: string; element?: Record<string, unknown>; label?: { text: string } };
const block = (view: ModalView, id: string) => (view.blocks as AnyBlock[]).find((b) => b.block_id === id);
const metadata = { lang: 'en' as const, channel: 'C0HERE' };

describe('new problem modal', () => {
  const boards = [
    { code: 'RECT', name: 'Rectification list', categories: [] },
    { code: 'OPS', name: 'Ops findings', categories: ['Livelihood services', 'Business environment'] },
  ];

  it('preselects the only board and offers its categories as a select', () => {
    const view = newProblemModal(en, { boards: [boards[1]!], metadata });
    expect(view.callback_id).toBe(VIEW.newProblem);
    expect(block(view, 'board')?.element).toMatchObject({
      action_id: ACTION.newProblemBoard,
      initial_option: { value: 'OPS' },
    });
    expect(block(view, 'board')).not.toHaveProperty('dispatch_action');
    expect(block(view, 'category')?.element).toMatchObject({
      type: 'static_select',
      options: [{ value: 'Livelihood services' }, { value: 'Business environment' }],
    });
    expect(block(view, 'owner')?.element).toMatchObject({ type: 'users_select' });
    expect(block(view, 'deadline')?.element).toMatchObject({ type: 'datepicker' });
    expect(block(view, 'title')?.element).toMatchObject({ max_length: 150 });
    expect(JSON.parse(view.private_metadata ?? '')).toEqual(metadata);
    expect(problemsOf(view)).toEqual([]);
  });

  it('with several boards, nothing is preselected, the board select dispatches and the category is free text', () => {
    const view = newProblemModal(en, { boards, metadata });
    expect(block(view, 'board')).toMatchObject({ dispatch_action: true });
    expect(block(view, 'board')?.element).not.toHaveProperty('initial_option');
    expect(block(view, 'category')?.element).toMatchObject({ type: 'plain_text_input', action_id: 'category_text' });
    expect(problemsOf(view)).toEqual([]);
  });

  it('keeps to 100 board options and says how many more there are', () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ code: `B${i}`, name: 'x'.repeat(200), categories: [] }));
    const view = newProblemModal(en, { boards: many, metadata });
    expect((block(view, 'board')?.element as { options: unknown[] }).options).toHaveLength(100);
    expect(JSON.stringify(view.blocks)).toContain('30 more');
    expect(problemsOf(view)).toEqual([]);
  });

  it('speaks Chinese', () => {
    const view = newProblemModal(zh, { boards, metadata: { lang: 'zh-CN' } });
    expect(view.title.text).toBe('新建问题');
    expect(block(view, 'measures')?.label?.text).toBe('整改措施');
    expect(block(view, 'unit')?.label?.text).toBe('责任单位');
  });
});

function reportData(overrides: Partial<ReportModalData> = {}): ReportModalData {
  return {
    problem: {
      key: 'RECT-12',
      title: 'Backlog of unprocessed traffic violations',
      deadline: '2026-12-20',
      percent: 40,
      health: 'at_risk',
    },
    measures: [
      { number: 1, text: 'Hire two clerks', status: 'done' },
      { number: 2, text: 'Open a second window', status: 'doing' },
      { number: 3, text: 'Weekly backlog report', status: 'todo' },
    ],
    today: '2026-11-25',
    metadata,
    ...overrides,
  };
}

describe('report modal', () => {
  it('presets the last health and percent and offers the open measures as checkboxes', () => {
    const view = reportModal(en, reportData());
    expect(view.callback_id).toBe(VIEW.report);
    expect(block(view, 'health')?.element).toMatchObject({
      type: 'radio_buttons',
      initial_option: { value: 'at_risk' },
    });
    expect(block(view, 'percent')?.element).toMatchObject({
      type: 'number_input',
      initial_value: '40',
      min_value: '0',
      max_value: '100',
      is_decimal_allowed: false,
    });
    const measures = block(view, 'measures_done')?.element as { type: string; options: { value: string }[] };
    expect(measures.type).toBe('checkboxes');
    expect(measures.options.map((o) => o.value)).toEqual(['2', '3']);
    expect(JSON.parse(view.private_metadata ?? '')).toMatchObject({ key: 'RECT-12', channel: 'C0HERE' });
    expect(problemsOf(view)).toEqual([]);
  });

  it('has no health preselected before the first report', () => {
    const view = reportModal(en, reportData({ problem: { ...reportData().problem, health: null, percent: 0 } }));
    expect(block(view, 'health')?.element).not.toHaveProperty('initial_option');
    expect(problemsOf(view)).toEqual([]);
  });

  it('uses a multi-select for 60 measures, with option texts cut to 75 characters', () => {
    const measures = Array.from({ length: 60 }, (_, i) => ({
      number: i + 1,
      text: `Measure ${i + 1} ${'long text '.repeat(40)}`,
      status: 'todo' as const,
    }));
    const view = reportModal(
      en,
      reportData({ measures, problem: { ...reportData().problem, title: 'T'.repeat(150) } }),
    );
    const element = block(view, 'measures_done')?.element as { type: string; options: { text: { text: string } }[] };
    expect(element.type).toBe('multi_static_select');
    expect(element.options).toHaveLength(60);
    expect(Math.max(...element.options.map((o) => o.text.text.length))).toBeLessThanOrEqual(75);
    expect(problemsOf(view)).toEqual([]);
  });

  it('offers at most 100 of 250 open measures and says so', () => {
    const measures = Array.from({ length: 250 }, (_, i) => ({
      number: i + 1,
      text: `Measure ${i + 1}`,
      status: 'todo' as const,
    }));
    const view = reportModal(en, reportData({ measures }));
    expect((block(view, 'measures_done')?.element as { options: unknown[] }).options).toHaveLength(100);
    expect(JSON.stringify(view.blocks)).toContain('150 more open measures');
    expect(problemsOf(view)).toEqual([]);
  });

  it('says when every measure is done, and leaves out the measures field', () => {
    const measures = reportData().measures.map((m) => ({ ...m, status: 'done' as const }));
    const view = reportModal(en, reportData({ measures }));
    expect(block(view, 'measures_done')).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('All 3 measures are done');
  });

  it('escapes mrkdwn in the title and fits a 3000-character title into the section', () => {
    const view = reportModal(
      en,
      reportData({ problem: { ...reportData().problem, title: `<!channel> & ${'x'.repeat(3000)}` } }),
    );
    const text = JSON.stringify(view.blocks[0]);
    expect(text).toContain('&lt;!channel&gt; &amp;');
    expect(problemsOf(view)).toEqual([]);
  });

  it('speaks Chinese', () => {
    const view = reportModal(zh, reportData({ metadata: { lang: 'zh-CN' } }));
    expect(view.title.text).toBe('汇报整改进展');
    expect(JSON.stringify(view.blocks)).toContain('有风险');
  });
});

describe('report picker', () => {
  const problem = (i: number) => ({
    key: `RECT-${i}`,
    title: `Problem ${i} ${'with a long title '.repeat(10)}`,
    deadline: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
    overdue: i % 7 === 0,
    percent: i % 100,
    today: '2026-11-25',
  });

  it('lists the problems in the given order as a dispatching select', () => {
    const view = pickProblemModal(en, { problems: [problem(1), problem(7)], total: 2, metadata });
    expect(view.callback_id).toBe(VIEW.pickProblem);
    const b = block(view, 'problem');
    expect(b).toMatchObject({
      dispatch_action: true,
      element: { type: 'static_select', action_id: ACTION.pickProblem },
    });
    const options = (b?.element as { options: { value: string; description: { text: string } }[] }).options;
    expect(options.map((o) => o.value)).toEqual(['RECT-1', 'RECT-7']);
    expect(options[1]?.description.text).toContain('OVERDUE');
    expect(problemsOf(view)).toEqual([]);
  });

  it('keeps to 100 of 2,000 problems and points to /closeout report KEY', () => {
    const problems = Array.from({ length: 2000 }, (_, i) => problem(i + 1));
    const view = pickProblemModal(en, { problems, total: 2000, metadata });
    expect((block(view, 'problem')?.element as { options: unknown[] }).options).toHaveLength(100);
    expect(JSON.stringify(view.blocks)).toContain('100 due soonest of 2,000');
    expect(problemsOf(view)).toEqual([]);
  });
});

describe('closeout modal', () => {
  it('asks for evidence, warns about open measures and names the leaders', () => {
    const view = closeoutModal(en, {
      problem: { key: 'RECT-12', title: 'Backlog', percent: 80 },
      measures: { done: 2, total: 3 },
      leaderIds: ['ULEADER', 'ULEADER2'],
      metadata,
    });
    expect(view.callback_id).toBe(VIEW.closeout);
    expect(block(view, 'evidence')).toMatchObject({
      element: { type: 'plain_text_input', multiline: true, max_length: 3000 },
    });
    expect(block(view, 'evidence')).not.toHaveProperty('optional');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('1 measure is not marked done');
    expect(text).toContain('<@ULEADER>, <@ULEADER2>');
    expect(problemsOf(view)).toEqual([]);
  });

  it('says the request goes to admins when the list has no leaders', () => {
    const view = closeoutModal(zh, {
      problem: { key: 'RECT-1', title: 'x', percent: 100 },
      measures: { done: 1, total: 1 },
      leaderIds: [],
      metadata: { lang: 'zh-CN' },
    });
    expect(view.title.text).toBe('申请销号');
    expect(JSON.stringify(view.blocks)).toContain('管理员');
    expect(JSON.stringify(view.blocks)).not.toContain('未标记完成');
  });
});

describe('board modal', () => {
  const defaults = { timezone: 'Asia/Shanghai', language: 'zh-CN' as const, anchorDate: '2026-11-25' };

  it('for a new board: a code field, the default zone first and selected, sensible defaults', () => {
    const view = boardModal(en, { defaults, now: NOW, metadata });
    expect(view.callback_id).toBe(VIEW.board);
    expect(block(view, 'code')).toBeDefined();
    const tz = block(view, 'timezone')?.element as {
      options: { value: string; text: { text: string } }[];
      initial_option: { value: string };
    };
    expect(tz.options[0]?.value).toBe('Asia/Shanghai');
    expect(tz.options[0]?.text.text).toBe('(UTC+08:00) Asia/Shanghai');
    expect(tz.initial_option.value).toBe('Asia/Shanghai');
    expect(tz.options.length).toBeLessThanOrEqual(100);
    expect(block(view, 'language')?.element).toMatchObject({ initial_option: { value: 'zh-CN' } });
    expect(block(view, 'cycle_days')?.element).toMatchObject({ type: 'number_input', initial_value: '14' });
    expect(block(view, 'anchor_date')?.element).toMatchObject({ type: 'datepicker', initial_date: '2026-11-25' });
    expect(block(view, 'prompt_time')?.element).toMatchObject({ type: 'timepicker', initial_time: '09:00' });
    expect(block(view, 'channel')?.element).toMatchObject({ type: 'conversations_select' });
    expect(block(view, 'leaders')?.element).toMatchObject({ type: 'multi_users_select' });
    expect(problemsOf(view)).toEqual([]);
  });

  it('for an edit: no code field, every current value filled in, an unusual zone kept first', () => {
    const board = {
      code: 'RECT',
      name: 'Rectification list',
      channelId: 'C0BOARD',
      timezone: 'Asia/Kamchatka',
      language: 'en',
      leaders: ['ULEADER', 'ULEADER2'],
      cycleDays: 7,
      anchorDate: '2026-11-16',
      promptTime: '10:30',
      deadline: '2027-06-30',
      categories: ['Livelihood services', 'Business environment'],
    };
    const view = boardModal(en, { board, defaults, now: NOW, metadata });
    expect(block(view, 'code')).toBeUndefined();
    expect(JSON.parse(view.private_metadata ?? '')).toMatchObject({ key: 'RECT' });
    expect(block(view, 'name')?.element).toMatchObject({ initial_value: 'Rectification list' });
    expect(block(view, 'channel')?.element).toMatchObject({ initial_conversation: 'C0BOARD' });
    expect(block(view, 'timezone')?.element).toMatchObject({ initial_option: { value: 'Asia/Kamchatka' } });
    expect(block(view, 'leaders')?.element).toMatchObject({ initial_users: ['ULEADER', 'ULEADER2'] });
    expect(block(view, 'cycle_days')?.element).toMatchObject({ initial_value: '7' });
    expect(block(view, 'prompt_time')?.element).toMatchObject({ initial_time: '10:30' });
    expect(block(view, 'deadline')?.element).toMatchObject({ initial_date: '2027-06-30' });
    expect(block(view, 'categories')?.element).toMatchObject({
      initial_value: 'Livelihood services\nBusiness environment',
    });
    expect(problemsOf(view)).toEqual([]);
  });

  it('leaves out a category list too long to show (100 × 75 characters) instead of cutting it', () => {
    const categories = Array.from({ length: 100 }, (_, i) => `${i} ${'c'.repeat(70)}`);
    const board = {
      code: 'RECT',
      name: 'R',
      channelId: null,
      timezone: 'UTC',
      language: 'en',
      leaders: [],
      cycleDays: 14,
      anchorDate: '2026-11-16',
      promptTime: '09:00',
      deadline: null,
      categories,
    };
    const view = boardModal(en, { board, defaults, now: NOW, metadata });
    expect(block(view, 'categories')).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('100 categories');
    expect(problemsOf(view)).toEqual([]);
  });

  it('offers every common zone once, sorted west to east after the current one', () => {
    const zones = timezoneChoices('Europe/Berlin', NOW);
    expect(zones[0]).toBe('Europe/Berlin');
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones.indexOf('America/Los_Angeles')).toBeLessThan(zones.indexOf('Asia/Shanghai'));
    expect(COMMON_TIMEZONES.filter((z) => !IANAZone.isValidZone(z))).toEqual([]);
  });

  it('speaks Chinese', () => {
    const view = boardModal(zh, { defaults, now: NOW, metadata: { lang: 'zh-CN' } });
    expect(view.title.text).toBe('新建问题清单');
    expect(block(view, 'leaders')?.label?.text).toBe('负责领导');
  });
});
