import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { seedRect } from '../support/cards.js';
import { blockOf, openByCommand, state, submitView } from '../support/modals.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

/** The value a select block starts with. */
const initialValue = (view: Parameters<typeof blockOf>[0], id: string) =>
  (blockOf(view, id)?.element?.initial_option as { value: string } | undefined)?.value;

const board = () => app.db.board.findFirstOrThrow({ where: { code: 'RECT' } });

describe('the board modal’s report settings', () => {
  it('lets a leader turn on the live ledger and the round-end report, off by default', async () => {
    const view = await openByCommand(app, 'board edit RECT', LEADER.userId);
    const selected = (id: string) => initialValue(view, id);
    expect(selected('ledger')).toBe('off');
    expect(selected('round_report')).toBe('off');
    const res = await submitView(app, LEADER.userId, view, {
      name: state.text('Rectification list'),
      deadline: state.date(null),
      categories: state.text(''),
      ledger: state.select('canvas'),
      round_report: state.select('pdf'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(async () => (await board()).ledger === 'canvas');
    expect(await board()).toMatchObject({ ledger: 'canvas', roundReport: 'pdf' });
    const again = await openByCommand(app, 'board edit RECT', LEADER.userId);
    expect(initialValue(again, 'round_report')).toBe('pdf');
  });

  it('refuses a value outside the choices, changing nothing', async () => {
    const view = await openByCommand(app, 'board edit RECT', LEADER.userId);
    const res = await submitView(app, LEADER.userId, view, {
      name: state.text('Rectification list'),
      deadline: state.date(null),
      categories: state.text(''),
      ledger: state.select('wiki'),
      round_report: state.select('pdf'),
    });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { ledger: expect.any(String) } });
    expect((await board()).ledger).toBe('canvas');
  });
});
