import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW } from '../../src/slack/ids.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { newProblem, seedRect } from '../support/cards.js';
import { callsSince, settle, state } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/**
 * The double submit (issue 20): Slack shows its error when an ack is late, the person presses Submit again
 * (and again), and the same view arrives while the first submission is still being saved. Measured before
 * the fix: two problems from one modal. Each burst below is one modal's view id sent three times at once.
 */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
});
afterAll(() => app.stop());

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await check());) {
    if (Date.now() > end) throw new Error('until: timed out');
    await settle(20);
  }
}
const burst = (n: number, send: () => Promise<{ status: number }>) =>
  Promise.all(Array.from({ length: n }, send)).then((rs) => rs.map((r) => r.status));

describe('the double submit', () => {
  it('one new-problem modal sent three times at once creates one problem and tells its owner once', async () => {
    const from = app.fake.calls.length;
    const statuses = await burst(3, () =>
      app.submit({
        userId: LEADER.userId,
        callbackId: VIEW.newProblem,
        privateMetadata: JSON.stringify({ lang: 'en', channel: 'C0HERE' }),
        viewId: 'VBURSTNEW',
        values: {
          board: { board: state.select('RECT') },
          title: { title: state.text('Pressed three times') },
          owner: { owner: state.user(OWNER.userId) },
          measures: { measures: state.text('1. One') },
        },
      }),
    );
    expect(statuses).toEqual([200, 200, 200]);
    const confirmations = () =>
      callsSince(app, from, 'chat.postEphemeral').filter((c) => c.args.user === LEADER.userId);
    await until(() => confirmations().length === 3);
    expect(new Set(confirmations().map((c) => String(c.args.text))).size).toBe(1);
    expect(await app.db.problem.count({ where: { title: 'Pressed three times' } })).toBe(1);
    await settle(200);
    expect(callsSince(app, from, 'chat.postMessage').filter((c) => c.args.channel === OWNER.userId)).toHaveLength(1);
  });

  it('one report modal sent three times at once saves one update', async () => {
    const { key } = await newProblem(app, { title: 'Reported in a burst' });
    const statuses = await burst(3, () =>
      app.submit({
        userId: OWNER.userId,
        callbackId: VIEW.report,
        privateMetadata: JSON.stringify({ lang: 'en', channel: 'C0HERE', key }),
        viewId: 'VBURSTREPORT',
        values: {
          health: { health: state.radio('on_track') },
          percent: { percent: state.number('70') },
          note: { note: state.text('Pressed three times') },
        },
      }),
    );
    expect(statuses).toEqual([200, 200, 200]);
    await until(async () => (await app.db.update.count({ where: { problem: { key } } })) > 0);
    await settle(300);
    expect(await app.db.update.count({ where: { problem: { key } } })).toBe(1);
  });
});
