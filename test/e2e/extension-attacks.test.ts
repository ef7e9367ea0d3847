import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { callAfter, newProblem, seedRect, textOf } from '../support/cards.js';
import { answers, state, type SentView } from '../support/modals.js';

/**
 * Request more time (issue 23), pressed by the wrong person or asked for a day the board does not work:
 * a stranger gets no modal, and a new deadline on a weekend is warned of as any deadline set there is
 * (issue 22), by the modal and by `/closeout extend` alike.
 */
let app: TestApp;
let n = 0;
const click = (userId: string, actionId: string, value: string) =>
  app.click({
    userId,
    actionId,
    value,
    message: { channel: `D${userId.slice(1)}`, ts: `1700000009.${String(++n).padStart(6, '0')}` },
  });

beforeAll(async () => {
  app = await TestApp.start({ at: '2026-12-07T02:00:00Z' });
  await seedRect(app, { calendar: 'weekends' });
  await newProblem(app, { title: 'Permit backlog' }); // RECT-1, deadline 2026-12-20
  await newProblem(app, { title: 'Queue times' }); // RECT-2
});
afterAll(async () => {
  await app.stop();
});

describe('Request more time, misused', () => {
  it('a stranger gets a refusal and no modal', async () => {
    const from = app.fake.calls.length;
    const refusal = await callAfter(app, 'response_url', () => click(OTHER.userId, ACTION.requestExtension, 'RECT-1'));
    expect(String(refusal.args.text)).toContain('RECT-1');
    expect(app.fake.calls.slice(from).some((c) => c.method === 'views.open')).toBe(false);
  });

  it('a date on a Saturday is sent, with the warning any deadline there gets', async () => {
    const open = await callAfter(app, 'views.open', () => click(OWNER.userId, ACTION.requestExtension, 'RECT-1'));
    const view = open.args.view as SentView;
    expect(view.callback_id).toBe(VIEW.extension);
    const told = await callAfter(
      app,
      'chat.postEphemeral',
      async () => {
        const res = await app.submit({
          userId: OWNER.userId,
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: answers(view, {
            extension_date: state.date('2027-01-09'),
            extension_reason: state.text('Supplier late'),
          }),
        });
        expect(res.json).toEqual({ response_action: 'clear' });
      },
      (c) => c.args.user === OWNER.userId,
    );
    expect(textOf(told)).toContain('2027-01-09 is not a working day on this board’s calendar');
    expect(await app.db.extensionRequest.count()).toBe(1);
  });

  it('/closeout extend warns the same way; a weekday is not warned of', async () => {
    const sat = await callAfter(app, 'response_url', () =>
      app.command('extend RECT-2 2027-01-09 Supplier late', OWNER.userId),
    );
    expect(String(sat.args.text)).toContain('2027-01-09 is not a working day');
    await app.db.extensionRequest.updateMany({ data: { state: 'refused', decidedBy: LEADER.userId } });
    const mon = await callAfter(app, 'response_url', () =>
      app.command('extend RECT-2 2027-01-11 Supplier late', OWNER.userId),
    );
    expect(String(mon.args.text)).not.toContain('not a working day');
  });
});
