import type { HomeView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import type { BoardDashboard, HomeProblem } from '../../../src/services/home.js';
import { ACTION } from '../../../src/slack/ids.js';
import { HOME_LIMITS, homeView, type HomeViewData } from '../../../src/slack/blocks/home.js';
import { limitProblems, schemaProblems } from '../../support/block-kit.js';

const en = translator('en');
const zh = translator('zh-CN');

function problem(n: number, over: Partial<HomeProblem> = {}): HomeProblem {
  return {
    key: `RECT-${n}`,
    title: `Problem number ${n}`,
    status: 'in_progress',
    percent: 40,
    health: 'at_risk',
    deadline: '2026-12-01',
    overdue: false,
    daysOverdue: 0,
    stale: false,
    lastUpdateAt: new Date('2026-11-20T03:00:00Z'),
    timezone: 'Asia/Shanghai',
    ...over,
  };
}

function dashboard(code: string, over: Partial<BoardDashboard> = {}): BoardDashboard {
  return {
    code,
    name: `Board ${code}`,
    timezone: 'UTC',
    language: 'en',
    archived: false,
    total: 31,
    closed: 19,
    completion: 61,
    byStatus: { open: 4, in_progress: 6, closeout_requested: 2, closed: 19 },
    overdue: 4,
    stale: 6,
    pending: {
      total: 2,
      items: [
        {
          key: `${code}-5`,
          title: 'Duplicate inspections',
          requestedBy: 'UOWNER',
          requestedAt: new Date('2026-11-18T04:00:00Z'),
          files: [],
        },
        {
          key: `${code}-9`,
          title: 'Fee schedule',
          requestedBy: 'UOTHER',
          requestedAt: new Date('2026-11-19T04:00:00Z'),
          files: [],
        },
      ],
    },
    ...over,
  };
}

function data(over: Partial<HomeViewData> = {}): HomeViewData {
  return {
    lang: 'en',
    today: '2026-11-25',
    mine: { total: 0, overdue: 0, items: [] },
    boards: null,
    isAdmin: false,
    replies: { total: 0, items: [] },
    ...over,
  };
}

/** Blocks as plain data: enough structure to read texts and buttons back. */
type Plain = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Btn[];
  accessory?: Btn;
  fields?: { text: string }[];
};
type Btn = { type: string; action_id: string; value: string; text?: { text: string } };

const json = (v: unknown) => JSON.stringify(v);
const plain = (view: HomeView) => view.blocks as unknown as Plain[];
const texts = (view: HomeView) =>
  plain(view)
    .map((b) => (b.text ? b.text.text : json(b)))
    .join('\n');
const sections = (view: HomeView) =>
  plain(view)
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '');
/** The buttons of problems and boards (the footer's absence button is checked on its own). */
const buttons = (view: HomeView) =>
  plain(view)
    .filter((b) => b.block_id !== 'home_away')
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : b.accessory ? [b.accessory] : []));

function expectValid(view: HomeView) {
  const payload = {
    surface: 'home' as const,
    method: 'views.publish',
    blocks: view.blocks,
    view: view as unknown as Record<string, unknown>,
  };
  expect([...limitProblems(payload), ...schemaProblems(payload)]).toEqual([]);
}

describe('homeView for an owner', () => {
  it('lists problems in the given (due soonest) order with three buttons each carrying the key', () => {
    const view = homeView(
      en,
      data({
        mine: {
          total: 2,
          overdue: 1,
          items: [problem(3, { overdue: true, daysOverdue: 3, deadline: '2026-11-22' }), problem(1)],
        },
      }),
    );
    expect(view.type).toBe('home');
    const all = texts(view);
    expect(all.indexOf('*RECT-3*')).toBeLessThan(all.indexOf('*RECT-1*'));
    expect(all).toContain('2 open problems · :red_circle: 1 overdue');
    expect(buttons(view).map((b) => [b.action_id, b.value])).toEqual([
      [ACTION.reportProgress, 'RECT-3'],
      [ACTION.noChange, 'RECT-3'],
      [ACTION.requestCloseout, 'RECT-3'],
      [ACTION.reportProgress, 'RECT-1'],
      [ACTION.noChange, 'RECT-1'],
      [ACTION.requestCloseout, 'RECT-1'],
    ]);
    expectValid(view);
  });

  it('flags overdue problems with the days overdue, and shows due date, percent, health and freshness otherwise', () => {
    const view = homeView(
      en,
      data({
        mine: {
          total: 3,
          overdue: 1,
          items: [
            problem(1, { overdue: true, daysOverdue: 1, deadline: '2026-11-24' }),
            problem(2, { stale: true, health: null, percent: 0, lastUpdateAt: null }),
            problem(3, { deadline: null }),
          ],
        },
      }),
    );
    const [p1, p2, p3] = sections(view);
    expect(p1).toContain(':red_circle: *OVERDUE 1 day*');
    expect(p1).not.toContain('due ');
    expect(p2).toContain('due Dec 1 · 0% · :warning: no update this round');
    expect(p3).toContain('no deadline · 40% · :large_yellow_circle: At risk · last update Nov 20');
  });

  it('shows a pending closeout as waiting, without buttons', () => {
    const view = homeView(
      en,
      data({ mine: { total: 1, overdue: 0, items: [problem(5, { status: 'closeout_requested' })] } }),
    );
    expect(texts(view)).toContain('closeout requested — waiting for a leader’s decision');
    expect(buttons(view)).toEqual([]);
  });

  it('offers *I’ll be away…* in the footer while the user is not away', () => {
    const away = plain(homeView(en, data({}))).find((b) => b.block_id === 'home_away');
    expect(away?.accessory).toMatchObject({ action_id: ACTION.planAbsence, text: { text: 'I’ll be away…' } });
  });

  it('escapes and shortens titles', () => {
    const title = `<!channel> & ${'x'.repeat(300)}`;
    const view = homeView(en, data({ mine: { total: 1, overdue: 0, items: [problem(1, { title })] } }));
    const text = texts(view);
    expect(text).toContain('&lt;!channel&gt; &amp; xxx');
    expect(text).not.toContain('<!channel>');
    expectValid(view);
  });

  it('has a friendly empty state and no dashboards for members', () => {
    const view = homeView(en, data());
    const text = texts(view);
    expect(text).toContain('You have no open problems right now');
    expect(text).toContain('/closeout help');
    expect(text).not.toContain('Boards you lead');
    expectValid(view);
  });

  it('speaks Chinese', () => {
    const view = homeView(
      zh,
      data({ lang: 'zh-CN', mine: { total: 1, overdue: 1, items: [problem(1, { overdue: true, daysOverdue: 3 })] } }),
    );
    const all = json(view.blocks);
    expect(all).toContain('我负责的未销号问题');
    expect(all).toContain('已逾期 3 天');
    expect(all).toContain('汇报进展');
  });
});

describe('homeView for leaders and admins', () => {
  it('shows each board’s counts, completion, overdue, stale and the requests waiting, with View buttons', () => {
    const view = homeView(en, data({ boards: { total: 1, items: [dashboard('RECT')] } }));
    const text = texts(view);
    expect(text).toContain('Boards you lead');
    expect(text).toContain(
      '*RECT* · Board RECT\n31 problems · 19 closed (61%) · 4 overdue · 6 without an update this round',
    );
    expect(json(view.blocks)).toContain('*Closeout requested*\\n2');
    expect(text).toContain('*RECT-5* Duplicate inspections\nCloseout requested by <@UOWNER> · Nov 18');
    expect(buttons(view)).toEqual([
      expect.objectContaining({ action_id: ACTION.showProblem, value: 'RECT-5' }),
      expect.objectContaining({ action_id: ACTION.showProblem, value: 'RECT-9' }),
    ]);
    expectValid(view);
  });

  it('has empty states for a board without problems and an admin without boards', () => {
    const empty = homeView(
      en,
      data({
        boards: {
          total: 1,
          items: [dashboard('NEW', { total: 0, closed: 0, completion: 0, pending: { total: 0, items: [] } })],
        },
      }),
    );
    expect(texts(empty)).toContain('No problems on this board yet');
    const admin = homeView(en, data({ isAdmin: true, boards: { total: 0, items: [] } }));
    expect(texts(admin)).toContain('All boards');
    expect(texts(admin)).toContain('No boards yet — create one with `/closeout board new`.');
    expectValid(admin);
  });

  it('stays within 100 blocks for an owner of 300 problems who leads 20 boards with 50 requests each', () => {
    const items = Array.from({ length: 300 }, (_, i) =>
      problem(i + 1, { overdue: i % 3 === 0, daysOverdue: i % 3 === 0 ? i + 1 : 0, title: 'T'.repeat(150) }),
    );
    const boards = Array.from({ length: 20 }, (_, i) => {
      const code = `B${String(i).padStart(2, '0')}`;
      const pendingItems = Array.from({ length: 50 }, (_, j) => ({
        key: `${code}-${j}`,
        title: 'P'.repeat(150),
        requestedBy: 'UOWNER',
        requestedAt: new Date('2026-11-18T04:00:00Z'),
        files: [],
      }));
      return dashboard(code, { name: 'N'.repeat(100), pending: { total: 50, items: pendingItems } });
    });
    const view = homeView(
      en,
      data({ isAdmin: true, mine: { total: 300, overdue: 100, items }, boards: { total: 20, items: boards } }),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const shownProblems = buttons(view).filter((b) => b.action_id === ACTION.reportProgress).length;
    expect(shownProblems).toBeGreaterThan(10);
    const text = texts(view);
    expect(text).toContain(`… and ${300 - shownProblems} more — use \`/closeout list mine\``);
    expect(text).toContain(`… and ${20 - HOME_LIMITS.boards} more boards`);
    expect(text).toContain('… and 47 more closeout requests waiting');
    expect(text).toContain('*OVERDUE 1 day*');
    expectValid(view);
  });

  it('gives an owner who leads nothing more room for their own problems', () => {
    const items = Array.from({ length: HOME_LIMITS.problems }, (_, i) => problem(i + 1));
    const view = homeView(en, data({ mine: { total: 300, overdue: 0, items } }));
    const shown = buttons(view).filter((b) => b.action_id === ACTION.reportProgress).length;
    expect(shown).toBe(HOME_LIMITS.problems);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(texts(view)).toContain(`… and ${300 - HOME_LIMITS.problems} more`);
    expectValid(view);
  });
});
