import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import type { SlackContext } from '../../src/slack/context.js';
import { ACTION } from '../../src/slack/ids.js';
import { owedCloseoutRequest } from '../../src/slack/notify/closeout-request.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { allText, callAfter } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';
import { newProblem, seedRect } from '../support/cards.js';

/**
 * A deputy's Approve button outlives the absence it was sent for (issues 22/23): clicked the day after the
 * leader is back, and twice at once while still standing in, it decides nothing / once.
 */
const DEPUTY = 'UDEPUTY1';
let app: TestApp;
let n = 0;
const answer = async (text: string, userId = LEADER.userId) =>
  allText(await callAfter(app, 'response_url', () => app.command(text, userId)));
async function pending() {
  const problem = await newProblem(app, { title: `Deputy problem ${++n}` });
  const { request } = await requestCloseout(
    app.deps,
    OWNER,
    problem.key,
    { evidence: 'Done.' },
    owedCloseoutRequest({ deps: app.deps } as SlackContext),
  );
  return request.id;
}
const click = (id: number) =>
  app.click({
    userId: DEPUTY,
    actionId: ACTION.approve,
    value: String(id),
    blockId: `closeout_request:${id}`,
    message: { channel: 'DDEPUTY1', ts: `1700000009.${String(++n).padStart(6, '0')}` },
  });

beforeAll(async () => {
  app = await TestApp.start({ at: '2026-11-25T02:00:00Z' });
  await seedRect(app);
  await answer(`deputy <@${DEPUTY}> until 2026-12-31`);
  await answer('away 2026-11-20..2026-11-30');
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('a deputy’s button after the absence', () => {
  it('a double click while standing in approves once, with one audit event', async () => {
    const id = await pending();
    await Promise.all([click(id), click(id)]);
    await app.fake.waitFor(async () =>
      (await app.db.closeoutRequest.findUniqueOrThrow({ where: { id } })).state === 'approved' ? true : undefined,
    );
    const events = await app.db.auditEvent.count({ where: { action: 'closeout.approve', targetId: String(id) } });
    expect(events).toBe(1);
    // The losing click's "already approved" answer may still be on its way (PostgreSQL): let it land here, not
    // as the next test's first answer.
    await app.settled();
  });

  it('clicked the day after the leader is back, it is refused and the request waits for the leaders', async () => {
    const id = await pending();
    app.clock.set('2026-11-30T16:30:00Z'); // 1 December, 00:30 in Shanghai
    const refusal = await callAfter(app, 'response_url', () => click(id));
    expect(String(refusal.args.text)).toContain('Only leaders of board RECT can do that.');
    expect((await app.db.closeoutRequest.findUniqueOrThrow({ where: { id } })).state).toBe('pending');
  });
});
