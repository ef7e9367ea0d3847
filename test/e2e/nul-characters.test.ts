import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { openByCommand, state, submitView } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/**
 * NUL (U+0000) in what a person sends: JSON carries it (`\u0000`), SQLite stores it, PostgreSQL refuses
 * any text holding it. Whatever the database, the request is done and nothing stored holds a NUL.
 */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
  await createProblem(app.deps, LEADER, 'RECT', { title: 'Queue at the desk', ownerId: OWNER.userId });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('NUL characters in what people send', () => {
  it('a new problem typed with NULs is created without them', async () => {
    const view = await openByCommand(app, 'new', LEADER.userId);
    const res = await submitView(app, LEADER.userId, view, {
      board: state.select('RECT'),
      title: state.text('Noisy\u0000 title'),
      description: state.text('line\u0000one'),
      owner: state.user(OWNER.userId),
      unit: state.text('Unit\u0000A'),
      measures: state.text('1. first\u0000\n2. second'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    await app.settled();
    const problem = await app.db.problem.findFirstOrThrow({
      where: { title: { startsWith: 'Noisy' } },
      include: { measures: { orderBy: { number: 'asc' } } },
    });
    expect([problem.title, problem.description, problem.unit]).toEqual(['Noisy title', 'lineone', 'UnitA']);
    expect(problem.measures.map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('a chat reply with NULs is recorded without them, and answered', async () => {
    const ts = '1765000000.000777';
    const from = app.fake.calls.length;
    const res = await app.event({
      type: 'message',
      channel: `D${OWNER.userId.slice(1)}`,
      channel_type: 'im',
      user: OWNER.userId,
      text: 'RECT-1 40%\u0000 hired\u0000 a clerk',
      ts,
      event_ts: ts,
    });
    expect(res.status).toBe(200);
    await app.fake.waitFor((calls) =>
      calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts),
    );
    const update = await app.db.update.findFirstOrThrow({
      where: { problem: { key: 'RECT-1' } },
      orderBy: { id: 'desc' },
    });
    expect(update).toMatchObject({ percent: 40, note: 'hired a clerk' });
    const reply = await app.db.chatReply.findFirstOrThrow({ where: { ts } });
    expect(reply.text).not.toContain('\u0000');
  });
});
