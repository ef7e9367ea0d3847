import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/domain/types.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { callAfter, openByCommand, state, submitView, viewOf } from '../support/modals.js';

/** Everything a user would read in a message or view. */
const allText = (c: SlackCall): string => JSON.stringify([c.args.text ?? '', c.args.blocks ?? [], c.args.view ?? {}]);

/**
 * Issue 3's "done when", as a new user would try it: a leader creates a problem with three measures, the
 * owner reports from the card's button and asks for closeout, a leader approves from the DM; `list overdue`,
 * `show`, `summary` and the Home tab reflect each step. Run once per language.
 */
describe.each<{ lang: Language; locale: string; words: { overdue: RegExp; closed: RegExp } }>([
  { lang: 'en', locale: 'en-US', words: { overdue: /overdue/i, closed: /closed/i } },
  { lang: 'zh-CN', locale: 'zh-CN', words: { overdue: /逾期/, closed: /销号/ } },
])('a problem from creation to closeout ($lang)', ({ locale, words }) => {
  let app: TestApp;
  let key = '';
  const card = { channel: 'C0HERE', ts: '1700000500.000001', ephemeral: true };

  const home = async (userId: string): Promise<SlackCall> =>
    callAfter(
      app,
      'views.publish',
      () => app.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home', event_ts: '1' }),
      (c) => c.args.user_id === userId,
    );
  const reply = (text: string, userId: string) => callAfter(app, 'response_url', () => app.command(text, userId));

  beforeAll(async () => {
    // Deadline 2026-11-20 is already past at the clock's 2026-11-25: the problem is overdue from the start.
    app = await TestApp.start({ at: '2026-11-25T02:00:00Z' });
    app.fake.locales.set(LEADER.userId, locale);
    app.fake.locales.set(OWNER.userId, locale);
    await seedBoard(app.deps);
  });
  afterAll(async () => {
    expect(blockKitProblems(app.fake.calls)).toEqual([]);
    // Every request was acknowledged (the handlers ack before any slow work).
    expect(app.acks.length).toBeGreaterThan(10);
    await app.stop();
  });

  it('1. a leader creates a problem with three measures in the `new` modal', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    expect(view.callback_id).toBe(VIEW.newProblem);
    const res = await submitView(app, LEADER.userId, view, {
      board: state.select('RECT'),
      title: state.text('Backlog of unprocessed traffic violations'),
      description: state.text('Cases pile up at the desk.'),
      category: state.text('Traffic enforcement'),
      source: state.text('Complaints hotline'),
      owner: state.user(OWNER.userId),
      unit: state.text('Traffic brigade'),
      deadline: state.date('2026-11-20'),
      measures: state.text('Hire two clerks\nOpen a second window\nWeekly backlog report'),
    });
    expect(res.status).toBe(200);
    const problem = await waitForProblem(app);
    key = problem.key;
    expect(problem).toMatchObject({ ownerId: OWNER.userId, status: 'open', deadline: '2026-11-20' });
    expect(problem.measures.map((m) => m.text)).toEqual([
      'Hire two clerks',
      'Open a second window',
      'Weekly backlog report',
    ]);

    const overdue = await reply('list overdue', LEADER.userId);
    expect(allText(overdue)).toContain(key);
    expect(allText(overdue)).toMatch(words.overdue);
    expect(allText(await home(OWNER.userId))).toContain(key);
  });

  it('2. the owner reports progress from the card’s button', async () => {
    const shown = await reply(`show ${key}`, OWNER.userId);
    expect(allText(shown)).toContain(ACTION.reportProgress);
    const opened = await callAfter(app, 'views.open', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.reportProgress,
        value: key,
        blockId: 'card_actions',
        message: card,
      }),
    );
    const view = viewOf(opened);
    expect(view.callback_id).toBe(VIEW.report);
    const measureOne = await app.db.measure.findFirstOrThrow({ where: { problem: { key }, number: 1 } });
    await submitView(app, OWNER.userId, view, {
      health: state.radio('at_risk'),
      percent: state.number('60'),
      note: state.text('Hired two clerks'),
      measures_done: state.checks([String(measureOne.number)]),
    });
    const problem = await waitFor(() =>
      app.db.problem.findFirst({ where: { key, percent: 60 }, include: { measures: true } }),
    );
    expect(problem).toMatchObject({ status: 'in_progress', health: 'at_risk' });
    expect(problem.measures.find((m) => m.number === 1)?.status).toBe('done');

    expect(allText(await reply(`show ${key}`, LEADER.userId))).toContain('60%');
    expect(allText(await home(OWNER.userId))).toContain('60%');
  });

  it('3. the owner requests closeout; each leader gets a DM with Approve and Return', async () => {
    const opened = await callAfter(app, 'views.open', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.requestCloseout,
        value: key,
        blockId: 'card_actions',
        message: card,
      }),
    );
    const view = viewOf(opened);
    expect(view.callback_id).toBe(VIEW.closeout);
    const dm = await callAfter(
      app,
      'chat.postMessage',
      () => submitView(app, OWNER.userId, view, { evidence: state.text('Backlog cleared; weekly report attached.') }),
      (c) => c.args.channel === LEADER.userId,
    );
    expect(allText(dm)).toContain(ACTION.approve);
    expect(allText(dm)).toContain(ACTION.returnRequest);
    const problem = await app.db.problem.findFirstOrThrow({ where: { key } });
    expect(problem.status).toBe('closeout_requested');
    expect(allText(await reply(`show ${key}`, LEADER.userId))).toContain('Backlog cleared');
  });

  it('4. a leader approves from the DM: closed, the DM updated in place, the owner told', async () => {
    const request = await app.db.closeoutRequest.findFirstOrThrow({ where: { problem: { key }, state: 'pending' } });
    const dm = { channel: 'DLEADER', ts: '1700000600.000001' };
    const updated = await callAfter(app, 'chat.update', () =>
      app.click({
        userId: LEADER.userId,
        actionId: ACTION.approve,
        value: String(request.id),
        blockId: 'closeout_actions',
        message: dm,
      }),
    );
    expect(updated.args).toMatchObject({ channel: dm.channel, ts: dm.ts });
    expect(allText(updated)).not.toContain(ACTION.approve);
    await app.fake.waitFor((calls) =>
      calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === OWNER.userId && allText(c).includes(key)),
    );
    const problem = await app.db.problem.findFirstOrThrow({ where: { key } });
    expect(problem).toMatchObject({ status: 'closed', closedBy: LEADER.userId });

    await app.settled(); // the approval's own answers are all out before the next command's is awaited
    expect(allText(await reply('list overdue', LEADER.userId))).not.toContain(`${key} `);
    expect(allText(await reply(`show ${key}`, OWNER.userId))).toMatch(words.closed);
    const summary = await reply('summary', LEADER.userId);
    expect(allText(summary)).toMatch(/100\s?%/);
    expect(allText(await home(OWNER.userId))).not.toContain(ACTION.reportProgress);
  });
});

async function waitFor<T>(read: () => Promise<T | null | undefined>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting for the database');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function waitForProblem(app: TestApp) {
  return waitFor(() =>
    app.db.problem.findFirst({
      where: { title: 'Backlog of unprocessed traffic violations' },
      include: { measures: { orderBy: { number: 'asc' } } },
    }),
  );
}
