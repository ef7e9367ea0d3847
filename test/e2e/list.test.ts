import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { ACTION } from '../../src/slack/ids.js';
import { seeAllBlocks } from '../../src/slack/blocks/scheduled/see-all.js';
import { blockKitProblems } from '../support/block-kit.js';
import { OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { buttonsOf, callAfter, newProblem, seedRect, textOf } from '../support/cards.js';

let app: TestApp;
const NOBODY = 'UNOBODY';
const list = (text: string, user: string) =>
  callAfter(app, 'response_url', () => app.command(`list ${text}`.trim(), user));

beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
  await newProblem(app, { title: 'Queue times at the permit window', deadline: '2026-11-20' }); // RECT-1, overdue
  await newProblem(app, { title: 'Backlog of traffic violations', deadline: '2026-12-20' }); // RECT-2
  await newProblem(app, {
    title: 'Slow pension approvals',
    ownerId: OTHER.userId,
    category: 'Livelihood services',
    unit: 'Civil affairs',
    deadline: '2026-12-01',
  });
  await seedBoard(app.deps, { code: 'BIG', name: 'Research results' });
  for (let i = 1; i <= 45; i++)
    await newProblem(app, { title: `Finding ${i}`, ownerId: 'UBULK', deadline: null, measures: [] }, 'BIG');
  app.fake.locales.set('UZHONG', 'zh-CN');
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('/closeout list', () => {
  it('shows my open problems by default when I own some, due soonest first', async () => {
    const reply = await list('', OWNER.userId);
    expect(reply.args.response_type).toBe('ephemeral');
    const text = textOf(reply);
    expect(text).toContain('My open problems');
    expect(text).toContain('Showing 1–2 of 2');
    expect(text.indexOf('RECT-1')).toBeLessThan(text.indexOf('RECT-2'));
    expect(text).not.toContain('RECT-3');
    expect(buttonsOf(reply).map((b) => [b.actionId, b.value])).toEqual([
      [ACTION.showProblem, 'RECT-1'],
      [ACTION.showProblem, 'RECT-2'],
    ]);
  });

  it('shows all open problems to someone who owns none', async () => {
    const text = textOf(await list('', NOBODY));
    expect(text).toContain('Open problems');
    expect(text).toContain('of 48');
  });

  it('lists overdue problems with how late they are, following the clock', async () => {
    const now = textOf(await list('overdue', NOBODY));
    expect(now).toContain('Overdue problems');
    expect(now).toContain('RECT-1');
    expect(now).toContain('OVERDUE 5 days');
    expect(now).not.toContain('RECT-3');

    app.clock.set('2026-12-03T02:00:00Z');
    try {
      const later = textOf(await list('overdue board:RECT', NOBODY));
      expect(later).toContain('OVERDUE 13 days');
      expect(later).toContain('RECT-3');
      expect(later).toContain('OVERDUE 2 days');
      expect(later).toContain('Showing 1–2 of 2');
    } finally {
      app.clock.set('2026-11-25T02:00:00Z');
    }
  });

  it('filters by @user, category and unit', async () => {
    const byUser = textOf(await list('<@UOTHER|other>', NOBODY));
    expect(byUser).toContain('Open problems of <@UOTHER>');
    expect(byUser).toContain('RECT-3');
    expect(byUser).not.toContain('RECT-1');
    const byCategory = textOf(await list('all category:"Livelihood services"', NOBODY));
    expect(byCategory).toContain('RECT-3');
    expect(byCategory).toContain('Showing 1–1 of 1');
    expect(textOf(await list('unit:"Civil affairs"', NOBODY))).toContain('RECT-3');
  });

  it('answers bad arguments with the correct usage', async () => {
    const typo = await list('overdeu', NOBODY);
    expect(typo.args.text).toContain("I don't understand `overdeu`");
    expect(typo.args.text).toContain('Did you mean `/closeout list overdue`?');
    expect(typo.args.text).toContain('Usage: `/closeout list [mine|open|overdue|stale|closed|all]');
    expect((await list('open closed', NOBODY)).args.text).toContain(
      'Give one view (mine, open, overdue, stale, closed or all) only (`closed` is a second one).',
    );
    expect((await list('board:NOPE', NOBODY)).args.text).toContain('There is no board with code NOPE.');
  });

  it('pages with Previous and Next, replacing the list in place', async () => {
    const first = await list('all board:BIG', NOBODY);
    expect(textOf(first)).toContain('Showing 1–20 of 45');
    const message = { channel: 'C0HERE', ts: '1700000000.900001' };
    const next = buttonsOf(first).find((b) => b.actionId === `${ACTION.listPage}.next`)!;
    expect(buttonsOf(first).some((b) => b.actionId === `${ACTION.listPage}.prev`)).toBe(false);

    const second = await callAfter(app, 'response_url', () =>
      app.click({ userId: NOBODY, actionId: next.actionId, value: next.value, message }),
    );
    expect(second.args.replace_original).toBe(true);
    expect(textOf(second)).toContain('Showing 21–40 of 45');
    expect(textOf(second)).toContain('BIG-21');

    const next2 = buttonsOf(second).find((b) => b.actionId === `${ACTION.listPage}.next`)!;
    const third = await callAfter(app, 'response_url', () =>
      app.click({ userId: NOBODY, actionId: next2.actionId, value: next2.value, message }),
    );
    expect(textOf(third)).toContain('Showing 41–45 of 45');
    expect(buttonsOf(third).map((b) => b.actionId)).toContain(`${ACTION.listPage}.prev`);
    expect(buttonsOf(third).map((b) => b.actionId)).not.toContain(`${ACTION.listPage}.next`);

    const prev = buttonsOf(third).find((b) => b.actionId === `${ACTION.listPage}.prev`)!;
    const back = await callAfter(app, 'response_url', () =>
      app.click({ userId: NOBODY, actionId: prev.actionId, value: prev.value, message }),
    );
    expect(textOf(back)).toContain('Showing 21–40 of 45');
  });

  it('a prompt’s “see all” button lists the owner’s problems on the board as a new message, keeping the prompt', async () => {
    const [, actions] = seeAllBlocks(translator('en'), 'BIG', 5) as [
      unknown,
      { elements: { action_id: string; value: string }[] },
    ];
    const button = actions.elements[0]!;
    const reply = await callAfter(app, 'response_url', () =>
      app.click({
        userId: 'UBULK',
        actionId: button.action_id,
        value: button.value,
        message: { channel: 'DBULK', ts: '1700000000.900003' },
      }),
    );
    expect(reply.args.replace_original).toBe(false);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('Showing 1–20 of 45');
    expect(textOf(reply)).toContain('BIG-1');
  });

  it('opens a problem’s card from its View button without replacing the list', async () => {
    const reply = await list('', OWNER.userId);
    const view = buttonsOf(reply)[0]!;
    const card = await callAfter(app, 'response_url', () =>
      app.click({
        userId: OWNER.userId,
        actionId: view.actionId,
        value: view.value,
        message: { channel: 'C0HERE', ts: '1700000000.900002' },
      }),
    );
    expect(card.args.replace_original).toBe(false);
    expect(card.args.response_type).toBe('ephemeral');
    expect(textOf(card)).toContain('RECT-1 · Queue times at the permit window');
  });

  it('speaks Chinese', async () => {
    const text = textOf(await list('overdue', 'UZHONG'));
    expect(text).toContain('逾期问题');
    expect(text).toContain('已逾期 5 天');
    expect(text).toContain('第 1–1 条，共 1 条');
  });
});
