import { afterEach, describe, expect, it } from 'vitest';
import type { fixedClock } from '../../src/domain/clock.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { receiveReply } from '../../src/services/chat-replies.js';
import { ANSWER_LEASE_MS } from '../../src/services/chat-reply-answers.js';
import { createProblem } from '../../src/services/problems.js';
import { LEADER, seedBoard, TEAM } from '../support/fixtures.js';
import { settle } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/**
 * A chat reply stored by a process that died before answering it (issue 20): Slack's retry of the event is
 * answered, and so is a reply whose event Slack will not send again (it was acknowledged) — at the next start.
 */
const AT = '2026-11-25T02:00:00Z';
let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function seed(deps: ServiceDeps): Promise<void> {
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', { title: 'Backlog of traffic violations', ownerId: 'UONE' }); // RECT-1
  await createProblem(deps, LEADER, 'RECT', { title: 'Queue times', ownerId: 'UMULTI' }); // RECT-2
  await createProblem(deps, LEADER, 'RECT', { title: 'Hotline', ownerId: 'UMULTI' }); // RECT-3
}

const dm = (user: string, text: string, ts: string) => ({
  type: 'message',
  channel: `D${user.slice(1)}`,
  channel_type: 'im',
  user,
  text,
  ts,
  event_ts: ts,
});
/** What the dying process got done: the reply stored (and, here, recorded), no answer posted. */
const storedOnly = (deps: ServiceDeps, e: ReturnType<typeof dm>) =>
  receiveReply(
    deps,
    { teamId: TEAM, userId: e.user },
    { channelId: e.channel, ts: e.ts, text: e.text, inChannel: false },
  );
const answersIn = (a: TestApp, ts: string) =>
  a.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
const updatesOf = (a: TestApp, key: string) => a.db.update.count({ where: { problem: { key } } });

describe('a chat reply whose answer was never posted', () => {
  it("is answered when Slack redelivers its event, once the first handler's claim has lapsed; then never again", async () => {
    app = await TestApp.start({ at: AT, before: seed });
    const event = dm('UONE', 'RECT-1 60% hired two clerks', '1765000000.000001');
    expect(await storedOnly(app.deps, event)).toMatchObject({ kind: 'recorded' });
    expect(await updatesOf(app, 'RECT-1')).toBe(1);

    // Slack's retry while the first handler might still be answering: left to it.
    app.clock.advance(5_000);
    await app.event(event);
    await settle(300);
    expect(answersIn(app, event.ts)).toEqual([]);

    // Its process died: the retry a minute later answers, as recorded, without a second update.
    app.clock.advance(ANSWER_LEASE_MS);
    expect((await app.event(event)).status).toBe(200);
    const answer = await app.fake.waitFor(() => answersIn(app!, event.ts)[0]);
    expect(answer.args.channel).toBe('DONE');
    expect(JSON.stringify(answer.args)).toContain('RECT-1');
    expect(JSON.stringify(answer.args)).toContain('60%');
    expect(await updatesOf(app, 'RECT-1')).toBe(1);

    // Answered now: a later redelivery is a duplicate.
    app.clock.advance(ANSWER_LEASE_MS * 2);
    await app.event(event);
    await settle(300);
    expect(answersIn(app, event.ts)).toHaveLength(1);
    expect(await updatesOf(app, 'RECT-1')).toBe(1);
  });

  it('is answered at the next start, with no event at all (a pending one asks which problem)', async () => {
    const recorded = dm('UONE', 'RECT-1 80% second clerk started', '1765000000.000002');
    const ambiguous = dm('UMULTI', 'made good progress this week', '1765000000.000003');
    app = await TestApp.start({
      at: AT,
      before: async (deps) => {
        await seed(deps);
        // Stored a minute before the start by the process that died.
        const clock = deps.clock as ReturnType<typeof fixedClock>;
        clock.advance(-60_000);
        expect(await storedOnly(deps, recorded)).toMatchObject({ kind: 'recorded' });
        expect(await storedOnly(deps, ambiguous)).toMatchObject({ kind: 'ask' });
        clock.advance(60_000);
      },
    });
    const first = await app.fake.waitFor(() => answersIn(app!, recorded.ts)[0]);
    expect(JSON.stringify(first.args)).toContain('80%');
    const ask = await app.fake.waitFor(() => answersIn(app!, ambiguous.ts)[0]);
    expect(ask.args.channel).toBe('DMULTI');
    expect(JSON.stringify(ask.args)).toContain('RECT-2');
    expect(JSON.stringify(ask.args)).toContain('RECT-3');
    expect(await updatesOf(app, 'RECT-1')).toBe(1);
    // Both are answered now: Slack's redelivery of either gets nothing more.
    await app.event(recorded);
    await app.event(ambiguous);
    await settle(300);
    expect(answersIn(app, recorded.ts)).toHaveLength(1);
    expect(answersIn(app, ambiguous.ts)).toHaveLength(1);
    const rows = await app.db.chatReply.findMany({ select: { answeredAt: true } });
    expect(rows.every((r) => r.answeredAt !== null)).toBe(true);
  });

  it('a reply answered the normal way is never answered again by a redelivery or a restart', async () => {
    app = await TestApp.start({ at: AT, before: seed });
    const event = dm('UONE', 'RECT-1 30% started', '1765000000.000004');
    await app.event(event);
    await app.fake.waitFor(() => answersIn(app!, event.ts)[0]);
    await app.fake.waitFor(async () => (await app!.db.chatReply.count({ where: { answeredAt: { not: null } } })) === 1);
    app.clock.advance(ANSWER_LEASE_MS * 3);
    await app.event(event);
    await settle(300);
    expect(answersIn(app, event.ts)).toHaveLength(1);
  });
});
