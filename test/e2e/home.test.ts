import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { refreshHomes } from '../../src/slack/refresh/homes.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, OTHER, OWNER, TEAM } from '../support/fixtures.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';
import { TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: SUMMARY_NOW });
  await seedSummaryDataset(app.deps, app.clock);
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text?: { text: string } }[];
  accessory?: { action_id: string; value: string };
};

const publishesFor = (userId: string) => (calls: SlackCall[]) =>
  calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId);

/** Opens the Home tab as `userId` and returns the blocks of the view published for them. */
async function openHome(userId: string): Promise<Block[]> {
  const before = publishesFor(userId)(app.fake.calls).length;
  const res = await app.event({
    type: 'app_home_opened',
    user: userId,
    channel: `D${userId.slice(1)}`,
    tab: 'home',
    event_ts: '1700000000.000100',
  });
  expect(res.status).toBe(200);
  const call = await app.fake.waitFor((calls) => publishesFor(userId)(calls)[before]);
  const view = call.args.view as { type: string; blocks: Block[] };
  expect(view.type).toBe('home');
  // The footer's absence section (away-home.test.ts covers it) is left out of the problems and boards checked here.
  expect(view.blocks.some((b) => b.block_id === 'home_away')).toBe(true);
  return view.blocks.filter((b) => b.block_id !== 'home_away');
}

const allText = (blocks: Block[]) => JSON.stringify(blocks);
const buttonsOf = (blocks: Block[]) =>
  blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]).filter((e) => e.action_id);

describe('App Home', () => {
  it('shows an owner their open problems, due soonest first, overdue flagged, with buttons', async () => {
    const blocks = await openHome(OWNER.userId);
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections.map((t) => /^\*(RECT-\d+)\*/.exec(t)?.[1])).toEqual([
      'RECT-1',
      'RECT-2',
      'RECT-4',
      'RECT-5',
      'RECT-7',
    ]);
    expect(sections[0]).toContain(':red_circle: *OVERDUE 21 days*');
    expect(sections[1]).toContain(':red_circle: *OVERDUE 3 days*');
    expect(sections[2]).toContain('due Dec 1 · 30% · :large_green_circle: On track · :warning: no update this round');
    expect(sections[3]).toContain('closeout requested');
    expect(allText(blocks)).toContain('5 open problems · :red_circle: 2 overdue');
    const buttons = buttonsOf(blocks);
    expect(buttons.filter((b) => b.value === 'RECT-1').map((b) => b.action_id)).toEqual([
      ACTION.reportProgress,
      ACTION.noChange,
      ACTION.requestCloseout,
    ]);
    expect(buttons.some((b) => b.value === 'RECT-5')).toBe(false); // waiting for a decision: nothing to click
    expect(buttons.some((b) => b.value === 'RECT-8')).toBe(false); // someone else's
    expect(allText(blocks)).not.toContain('Boards you lead');
  });

  it('shows a leader the board dashboard with the pending request and a View button', async () => {
    const blocks = await openHome(LEADER.userId);
    const text = allText(blocks);
    expect(text).toContain('You have no open problems right now');
    expect(text).toContain('Boards you lead');
    expect(text).toContain('8 problems · 2 closed (25%) · 2 overdue · 3 without an update this round');
    expect(text).toContain('*RECT-5* Duplicate inspections\\nCloseout requested by <@UOWNER>');
    expect(buttonsOf(blocks)).toEqual([expect.objectContaining({ action_id: ACTION.showProblem, value: 'RECT-5' })]);
  });

  it('speaks Chinese to a zh-CN user', async () => {
    app.fake.locales.set('UZHONG', 'zh-CN');
    await createProblem(app.deps, LEADER, 'RECT', {
      title: '窗口排队时间过长',
      ownerId: 'UZHONG',
      deadline: '2026-11-20',
    });
    const text = allText(await openHome('UZHONG'));
    expect(text).toContain('我负责的未销号问题');
    expect(text).toContain('*RECT-9*  窗口排队时间过长');
    expect(text).toContain('已逾期 5 天');
    expect(text).toContain('汇报进展');
    expect(text).not.toContain('Report progress');
  });

  it('ignores the Messages tab', async () => {
    const before = app.fake.callsTo('views.publish').length;
    await app.event({
      type: 'app_home_opened',
      user: OWNER.userId,
      channel: 'DOWNER',
      tab: 'messages',
      event_ts: '1700000000.000200',
    });
    await openHome(OTHER.userId); // a later event is handled, so the first one had its chance
    expect(
      app.fake
        .callsTo('views.publish')
        .slice(before)
        .map((c) => c.args.user_id),
    ).toEqual([OTHER.userId]);
  });

  it('refreshHomes publishes once per distinct user, skips non-Slack ids, and never throws', async () => {
    const { client } = app.running.app;
    const before = app.fake.callsTo('views.publish').length;
    await refreshHomes(client, app.running.ctx, TEAM, [OWNER.userId, LEADER.userId, OWNER.userId, 'operator', '']);
    expect(
      app.fake
        .callsTo('views.publish')
        .slice(before)
        .map((c) => c.args.user_id)
        .sort(),
    ).toEqual([LEADER.userId, OWNER.userId]);

    app.fake.on('views.publish', () => ({ ok: false, error: 'not_enabled' }));
    try {
      await expect(refreshHomes(client, app.running.ctx, TEAM, [OWNER.userId])).resolves.toBeUndefined();
    } finally {
      app.fake.on('views.publish', () => undefined); // back to the default answer
    }
  });

  it('reflects a change after refreshHomes', async () => {
    const { client } = app.running.app;
    await createProblem(app.deps, LEADER, 'RECT', { title: 'Fresh problem', ownerId: OTHER.userId });
    const before = publishesFor(OTHER.userId)(app.fake.calls).length;
    await refreshHomes(client, app.running.ctx, TEAM, [OTHER.userId]);
    const call = publishesFor(OTHER.userId)(app.fake.calls)[before]!;
    expect(JSON.stringify(call.args.view)).toContain('Fresh problem');
  });
});
