import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editProblem } from '../../src/services/problems.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER } from '../support/fixtures.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';
import { TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: SUMMARY_NOW });
  await seedSummaryDataset(app.deps, app.clock);
  await editProblem(app.deps, LEADER, 'RECT-4', { unit: '市场监管局' });
  await editProblem(app.deps, LEADER, 'RECT-7', { unit: null });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('App Home: the leader’s per-unit table', () => {
  it('lists each unit’s open, overdue and on-time rate, most open first, in one block', async () => {
    const before = app.fake.callsTo('views.publish').length;
    const res = await app.event({
      type: 'app_home_opened',
      user: LEADER.userId,
      channel: 'DLEADER',
      tab: 'home',
      event_ts: '1700000000.000100',
    });
    expect(res.status).toBe(200);
    const call = await app.fake.waitForCall('views.publish', before + 1);
    const blocks = (call.args.view as { blocks: { type: string; text?: { text: string } }[] }).blocks;
    const table = blocks.filter((b) => b.text?.text.startsWith('*By responsible unit*'));
    expect(table).toHaveLength(1);
    // Permits office: RECT-1,2,3,5,6,8 — 4 open, 2 overdue; closed RECT-3 late, RECT-6 on time: 1 of 4 on time.
    expect(table[0]!.text!.text).toBe(
      [
        '*By responsible unit* · open · overdue · on time',
        '• Permits office — 4 open · 2 overdue · 25% on time',
        '• 市场监管局 — 1 open · 0 overdue · — on time',
        '• No unit — 1 open · 0 overdue · — on time',
      ].join('\n'),
    );
  });
});
