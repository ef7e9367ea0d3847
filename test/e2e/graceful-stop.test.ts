import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { openByCommand, state, submitView } from '../support/modals.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
  await createProblem(app.deps, LEADER, 'RECT', { title: 'Backlog', ownerId: OWNER.userId });
});
afterAll(async () => {
  await app.fake.stop();
  await app.testDb.close();
});

describe('a graceful stop', () => {
  it('turns new requests away and finishes acknowledged work before it returns', async () => {
    const view = await openByCommand(app, 'report RECT-1', OWNER.userId);
    // The confirmation after the save is slow to send: the stop must wait for it.
    let confirmed = 0;
    app.fake.on('chat.postEphemeral', () => {
      confirmed = Date.now() + 1_500;
      return { late: 1_500 };
    });
    const res = await submitView(app, OWNER.userId, view, {
      health: state.radio('at_risk'),
      percent: state.number('60'),
      note: state.text('Submitted a moment before SIGTERM'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });

    const stopping = app.running.stop(10_000);
    await new Promise((r) => setTimeout(r, 50));
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'stopping' });
    const late = await app.command('list', OWNER.userId);
    expect(late.status).toBe(503);

    expect(await stopping).toBe(true);
    expect(confirmed).toBeGreaterThan(0);
    expect(Date.now()).toBeGreaterThanOrEqual(confirmed);
    expect(app.running.inFlight.size).toBe(0);
    const update = await app.db.update.findFirstOrThrow({ where: { problem: { key: 'RECT-1' } } });
    expect(update).toMatchObject({ percent: 60, health: 'at_risk', note: 'Submitted a moment before SIGTERM' });
  });
});
