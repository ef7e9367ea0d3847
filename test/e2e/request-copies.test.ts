import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { callAfter, openByCommand, state, submitView } from '../support/modals.js';

const LEADER2 = 'ULEADER2';

/** Every leader gets the request; once one decides, the others' copies show the decision, not live buttons. */
describe('leaders’ copies of a closeout request', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
    app.fake.locales.set(LEADER2, 'zh-CN');
    await seedBoard(app.deps, { leaders: [LEADER.userId, LEADER2] });
    await createProblem(app.deps, LEADER, 'RECT', { title: 'Queue times at the permit window', ownerId: OWNER.userId });
  });
  afterAll(async () => {
    expect(blockKitProblems(app.fake.calls)).toEqual([]);
    await app.stop();
  });

  it('are brought up to date when one leader approves', async () => {
    const view = await openByCommand(app, 'close RECT-1', OWNER.userId);
    expect(view.callback_id).toBe(VIEW.closeout);
    await submitView(app, OWNER.userId, view, { evidence: state.text('Second window open since Monday.') });
    const copies = await app.fake.waitFor(() => {
      const sent = app.fake.messages.filter((m) => m.channel === 'DLEADER' || m.channel === 'DLEADER2');
      return sent.length === 2 && sent;
    });
    const mine = copies.find((m) => m.channel === 'DLEADER')!;
    const theirs = copies.find((m) => m.channel === 'DLEADER2')!;
    const request = await app.db.closeoutRequest.findFirstOrThrow({ where: { state: 'pending' } });

    const other = await callAfter(
      app,
      'chat.update',
      () =>
        app.click({
          userId: LEADER.userId,
          actionId: ACTION.approve,
          value: String(request.id),
          blockId: `closeout_request:${request.id}`,
          message: { channel: mine.channel, ts: mine.ts },
        }),
      (c) => c.args.ts === theirs.ts,
    );
    expect(other.args.channel).toBe(theirs.channel);
    const blocks = JSON.stringify(other.args.blocks);
    expect(blocks).not.toContain(ACTION.approve);
    expect(blocks).toContain('<@ULEADER>');
    expect(blocks).toMatch(/批准|销号/); // the second leader reads Chinese
    expect((await app.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } })).status).toBe('closed');
  });
});
