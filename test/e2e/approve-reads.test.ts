import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { isPostgres, markPostgres } from '../../src/db/kind.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION } from '../../src/slack/ids.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { openByCommand, state, submitView } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

const LEADER2 = 'ULEADER2';

/** Every query the app makes while `counting`: model.operation and its where. */
const queries: { query: string; where: unknown }[] = [];
let counting = false;
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start({
    // The app is handed a client that notes each query it makes (the same database, the same answers).
    before: async (deps) => {
      const plain = deps.db;
      const counted = plain.$extends({
        query: {
          $allModels: {
            async $allOperations({ model, operation, args, query }) {
              if (counting)
                queries.push({ query: `${model}.${operation}`, where: (args as { where?: unknown }).where });
              return query(args);
            },
          },
        },
      });
      if (isPostgres(plain)) markPostgres(counted);
      (deps as { db: Db }).db = counted as unknown as Db;
    },
  });
  await seedBoard(app.deps, { leaders: [LEADER.userId, LEADER2] });
  await createProblem(app.deps, LEADER, 'RECT', { title: 'Reads counted', ownerId: OWNER.userId });
});
afterAll(async () => {
  await app.stop();
});

describe('Approve passes what it has instead of reading it again (issue 21)', () => {
  it('reads the problem once in the decision and once to announce it, the request and its copies once', async () => {
    const view = await openByCommand(app, 'close RECT-1', OWNER.userId);
    await submitView(app, OWNER.userId, view, { evidence: state.text('Done.') });
    const copies = await app.fake.waitFor(() => {
      const sent = app.fake.messages.filter((m) => m.channel === 'DLEADER' || m.channel === 'DLEADER2');
      return sent.length === 2 && sent;
    });
    const mine = copies.find((m) => m.channel === 'DLEADER')!;
    const theirs = copies.find((m) => m.channel === 'DLEADER2')!;
    const request = await app.db.closeoutRequest.findFirstOrThrow({ where: { state: 'pending' } });
    await app.settled();

    counting = true;
    await app.click({
      userId: LEADER.userId,
      actionId: ACTION.approve,
      value: String(request.id),
      blockId: `closeout_request:${request.id}`,
      message: { channel: mine.channel, ts: mine.ts },
    });
    // The clicked message, the other leader's copy and the owner's Home are all brought up to date.
    await app.fake.waitFor((calls) =>
      [mine.ts, theirs.ts].every((ts) => calls.some((c) => c.method === 'chat.update' && c.args.ts === ts)),
    );
    await app.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'views.publish' && c.args.user_id === OWNER.userId),
    );
    await app.settled();
    counting = false;

    const shown = queries.map((q) => `${q.query} ${JSON.stringify(q.where)}`).join('\n');
    const oneRow = (model: string) => queries.filter((q) => new RegExp(`^${model}\\.find(Unique|First)`).test(q.query));
    // The decision's transaction reads the problem as it was; announcing it reads it once (getProblemDetail:
    // its key to its id, then the detail) for the clicked message, the other leaders' copies and the Homes.
    // Before issue 21 each of those read it again.
    expect(oneRow('Problem').length, shown).toBeGreaterThan(0);
    expect(oneRow('Problem').length, shown).toBeLessThanOrEqual(3);
    // The request: checked before the decision and read back in its transaction, never again.
    expect(oneRow('CloseoutRequest'), shown).toHaveLength(2);
    // The other leaders' copies are looked up once.
    const copyLookups = queries.filter((q) =>
      JSON.stringify(q.where ?? null).includes(`closeout-request:${request.id}:`),
    );
    expect(copyLookups, shown).toHaveLength(1);
  });
});
