import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { dismissReply, receiveReply, resolvePending, type IncomingReply } from '../../src/services/chat-replies.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { expectRefusal, useDb } from '../support/services.js';

const ctx = useDb('2026-11-25T02:00:00Z');

/** RECT with three problems: RECT-1 and RECT-2 owned by OWNER (RECT-2 due first), RECT-3 by OTHER. */
async function seed(deps: ServiceDeps) {
  await seedBoard(deps);
  await createProblem(deps, LEADER, 'RECT', {
    title: 'Backlog of traffic violations',
    ownerId: OWNER.userId,
    deadline: '2026-12-20',
  });
  await createProblem(deps, LEADER, 'RECT', {
    title: 'Queue times at the permit window',
    ownerId: OWNER.userId,
    deadline: '2026-12-10',
  });
  await createProblem(deps, LEADER, 'RECT', { title: 'Complaints hotline', ownerId: OTHER.userId });
}

let tsCounter = 0;
/** Replies still waiting for the user to say which problem they are about, oldest first (as stored). */
function pendingReplies(deps: Pick<ServiceDeps, 'db'>, actor: { teamId: string; userId: string }) {
  return deps.db.chatReply.findMany({
    where: { teamId: actor.teamId, userId: actor.userId, state: 'pending' },
    orderBy: { createdAt: 'asc' },
  });
}

function dm(text: string, extra: Partial<IncomingReply> = {}): IncomingReply {
  tsCounter += 1;
  return {
    channelId: 'DOWNER',
    ts: `1764000000.${String(tsCounter).padStart(6, '0')}`,
    text,
    inChannel: false,
    ...extra,
  };
}

async function delivery(
  deps: ServiceDeps,
  channelId: string,
  slackTs: string,
  keys: string[],
  recipient = OWNER.userId,
) {
  await deps.db.delivery.create({
    data: {
      teamId: OWNER.teamId,
      dedupeKey: `test:${channelId}:${slackTs}`,
      job: 'cycle-prompts',
      recipient,
      state: 'sent',
      channelId,
      slackTs,
      problemKeys: JSON.stringify(keys),
    },
  });
}

async function updates(deps: ServiceDeps) {
  return deps.db.update.findMany({ include: { problem: true }, orderBy: { id: 'asc' } });
}

describe('receiveReply: which problem', () => {
  it('records a DM naming a key on that problem, as a chat update with percent, health and note', async () => {
    await seed(ctx.deps);
    const out = await receiveReply(ctx.deps, OWNER, dm('rect-1 60% at risk hired two clerks'));
    expect(out).toMatchObject({
      kind: 'recorded',
      already: false,
      problem: { key: 'RECT-1' },
      update: { percent: 60, health: 'at_risk', note: 'hired two clerks' },
    });
    const [u] = await updates(ctx.deps);
    expect(u).toMatchObject({
      source: 'chat',
      percent: 60,
      health: 'at_risk',
      note: 'hired two clerks',
      authorId: OWNER.userId,
    });
    expect(u?.problem).toMatchObject({ key: 'RECT-1', status: 'in_progress', percent: 60, health: 'at_risk' });
    const reply = await ctx.deps.db.chatReply.findFirstOrThrow();
    expect(reply).toMatchObject({
      state: 'recorded',
      problemKey: 'RECT-1',
      updateId: u?.id,
      text: 'rect-1 60% at risk hired two clerks',
    });
    if (out.kind === 'recorded') expect(out.affected.sort()).toEqual([LEADER.userId, OWNER.userId].sort());
  });

  it('keeps the last percent and health when the reply gives none', async () => {
    await seed(ctx.deps);
    await reportUpdate(ctx.deps, OWNER, 'RECT-1', { health: 'blocked', percent: 35, note: 'first' });
    await receiveReply(ctx.deps, OWNER, dm('RECT-1 waiting for the budget'));
    const last = (await updates(ctx.deps)).at(-1);
    expect(last).toMatchObject({ percent: 35, health: 'blocked', note: 'waiting for the budget', source: 'chat' });
  });

  it('defaults to on track and 0% on a first report', async () => {
    await seed(ctx.deps);
    await receiveReply(ctx.deps, OWNER, dm('RECT-2 first meeting held'));
    expect((await updates(ctx.deps))[0]).toMatchObject({ percent: 0, health: 'on_track', note: 'first meeting held' });
  });

  it("records on the user's only open problem when no key is named", async () => {
    await seed(ctx.deps);
    const out = await receiveReply(ctx.deps, OTHER, dm('40% 正常 热线已接通'));
    expect(out).toMatchObject({
      kind: 'recorded',
      problem: { key: 'RECT-3' },
      update: { percent: 40, health: 'on_track', note: '热线已接通' },
    });
  });

  it('asks which problem when the user owns several, keeping the text as a pending reply', async () => {
    await seed(ctx.deps);
    const out = await receiveReply(ctx.deps, OWNER, dm('80% nearly there'));
    expect(out.kind).toBe('ask');
    if (out.kind !== 'ask') return;
    expect(out.candidates.map((c) => c.key)).toEqual(['RECT-2', 'RECT-1']); // due soonest first
    expect(await updates(ctx.deps)).toEqual([]);
    expect(await pendingReplies(ctx.deps, OWNER)).toMatchObject([
      { id: out.replyId, text: '80% nearly there', state: 'pending' },
    ]);
  });

  it('records a reply in the thread of a one-problem message on that problem', async () => {
    await seed(ctx.deps);
    await delivery(ctx.deps, 'DOWNER', '1763000000.000100', ['RECT-2']);
    const out = await receiveReply(ctx.deps, OWNER, dm('done 90%', { threadTs: '1763000000.000100' }));
    expect(out).toMatchObject({ kind: 'recorded', problem: { key: 'RECT-2' }, update: { percent: 90 } });
  });

  it('treats a thread whose parent has unreadable problem keys as no thread at all', async () => {
    await seed(ctx.deps);
    await ctx.deps.db.delivery.create({
      data: {
        teamId: OTHER.teamId,
        dedupeKey: 'test:bad',
        job: 'cycle-prompts',
        recipient: OTHER.userId,
        state: 'sent',
        channelId: 'DOTHER',
        slackTs: '1763000000.000900',
        problemKeys: 'not json',
      },
    });
    const out = await receiveReply(ctx.deps, OTHER, dm('20%', { channelId: 'DOTHER', threadTs: '1763000000.000900' }));
    expect(out).toMatchObject({ kind: 'recorded', problem: { key: 'RECT-3' } });
  });

  it("asks among the thread's problems when the parent listed several", async () => {
    await seed(ctx.deps);
    await createProblem(ctx.deps, LEADER, 'RECT', { title: 'Fourth', ownerId: OWNER.userId });
    await delivery(ctx.deps, 'DOWNER', '1763000000.000200', ['RECT-1', 'RECT-2']);
    const out = await receiveReply(ctx.deps, OWNER, dm('all good', { threadTs: '1763000000.000200' }));
    expect(out.kind === 'ask' && out.candidates.map((c) => c.key)).toEqual(['RECT-2', 'RECT-1']);
  });

  it('lets a key named in the text choose among the thread’s problems', async () => {
    await seed(ctx.deps);
    await delivery(ctx.deps, 'DOWNER', '1763000000.000300', ['RECT-1', 'RECT-2']);
    const out = await receiveReply(ctx.deps, OWNER, dm('RECT-1 70%', { threadTs: '1763000000.000300' }));
    expect(out).toMatchObject({ kind: 'recorded', problem: { key: 'RECT-1' } });
  });

  it('records an owner’s reply in the thread of the channel’s update-round post on their problem there', async () => {
    await seed(ctx.deps);
    await delivery(ctx.deps, 'C0BOARD', '1763000000.000400', ['RECT-1', 'RECT-3'], 'C0BOARD');
    const out = await receiveReply(ctx.deps, OWNER, {
      channelId: 'C0BOARD',
      ts: '1764000001.000001',
      threadTs: '1763000000.000400',
      text: '50% on track',
      inChannel: true,
    });
    expect(out).toMatchObject({ kind: 'recorded', problem: { key: 'RECT-1' }, update: { percent: 50 } });
  });

  it('ignores channel-thread chatter from someone with no problem there, but keeps the text', async () => {
    await seed(ctx.deps);
    await delivery(ctx.deps, 'C0BOARD', '1763000000.000500', ['RECT-3'], 'C0BOARD');
    const out = await receiveReply(ctx.deps, LEADER, {
      channelId: 'C0BOARD',
      ts: '1764000001.000002',
      threadTs: '1763000000.000500',
      text: 'please hurry up',
      inChannel: true,
    });
    expect(out.kind).toBe('ignored');
    expect(await updates(ctx.deps)).toEqual([]);
    expect(await ctx.deps.db.chatReply.findFirstOrThrow()).toMatchObject({
      text: 'please hurry up',
      state: 'dismissed',
    });
  });

  it('does not record a leader’s message naming a problem of their board as its update', async () => {
    await seed(ctx.deps);
    const out = await receiveReply(ctx.deps, LEADER, dm('RECT-3 blocked: no budget', { channelId: 'DLEADER' }));
    expect(out).toMatchObject({ kind: 'refused', error: { key: 'error.not_owner' } });
    expect(await updates(ctx.deps)).toEqual([]);
  });

  it('leaves a leader’s message in a round post’s thread alone, even when it names a key', async () => {
    await seed(ctx.deps);
    await delivery(ctx.deps, 'CBOARD', '1764000000.000100', ['RECT-1', 'RECT-3'], 'CBOARD');
    const out = await receiveReply(
      ctx.deps,
      LEADER,
      dm('RECT-3 is at risk, please update 50%', {
        channelId: 'CBOARD',
        threadTs: '1764000000.000100',
        inChannel: true,
      }),
    );
    expect(out.kind).toBe('ignored');
    expect(await updates(ctx.deps)).toEqual([]);
  });

  it('records a measure owner’s reply on the problem whose measure they own', async () => {
    await seed(ctx.deps);
    const p = await ctx.deps.db.problem.findFirstOrThrow({ where: { key: 'RECT-3' } });
    await ctx.deps.db.measure.create({
      data: { teamId: OWNER.teamId, problemId: p.id, number: 1, text: 'Staff the line', ownerId: 'UMEASURE' },
    });
    const out = await receiveReply(
      ctx.deps,
      { teamId: OWNER.teamId, userId: 'UMEASURE' },
      dm('RECT-3 40% two people hired', { channelId: 'DMEASURE' }),
    );
    expect(out).toMatchObject({ kind: 'recorded', problem: { key: 'RECT-3' }, update: { percent: 40 } });
  });

  it('asks when several reportable keys are named', async () => {
    await seed(ctx.deps);
    const out = await receiveReply(ctx.deps, OWNER, dm('RECT-1 RECT-2 100%'));
    expect(out.kind === 'ask' && out.candidates.map((c) => c.key)).toEqual(['RECT-1', 'RECT-2']);
  });

  it('ignores thank-yous', async () => {
    await seed(ctx.deps);
    expect((await receiveReply(ctx.deps, OWNER, dm('thanks!'))).kind).toBe('ignored');
    expect((await receiveReply(ctx.deps, OTHER, dm('收到'))).kind).toBe('ignored');
    expect(await updates(ctx.deps)).toEqual([]);
  });
});

describe('receiveReply: refusals keep the text', () => {
  it("refuses someone else's problem and offers the user's own", async () => {
    await seed(ctx.deps);
    const out = await receiveReply(ctx.deps, OWNER, dm('RECT-3 60%'));
    expect(out.kind).toBe('refused');
    if (out.kind !== 'refused') return;
    expect(out.error).toBeInstanceOf(DomainError);
    expect({ key: out.error.key, params: out.error.params }).toEqual({
      key: 'error.not_owner',
      params: { key: 'RECT-3' },
    });
    expect(out.candidates.map((c) => c.key)).toEqual(['RECT-2', 'RECT-1']);
    expect(await pendingReplies(ctx.deps, OWNER)).toHaveLength(1);
    expect(await updates(ctx.deps)).toEqual([]);
  });

  it('refuses a closed problem and a key that does not exist', async () => {
    await seed(ctx.deps);
    const { request } = await requestCloseout(ctx.deps, OTHER, 'RECT-3', { evidence: 'done' });
    await approveCloseout(ctx.deps, LEADER, request.id);
    const closed = await receiveReply(ctx.deps, OTHER, dm('RECT-3 100%'));
    expect(closed.kind === 'refused' && closed.error.key).toBe('error.problem_closed');
    const missing = await receiveReply(ctx.deps, OWNER, dm('RECT-99 done'));
    expect(missing.kind === 'refused' && [missing.error.key, missing.error.params]).toEqual([
      'error.problem_not_found',
      { key: 'RECT-99' },
    ]);
    expect((await pendingReplies(ctx.deps, OWNER)).map((r) => r.text)).toEqual(['RECT-99 done']);
  });

  it('tells a user with no open problems so, and keeps the text', async () => {
    await seed(ctx.deps);
    const out = await receiveReply(
      ctx.deps,
      { teamId: OWNER.teamId, userId: 'UNOBODY' },
      dm('all fine here', { channelId: 'DNOBODY' }),
    );
    expect(out.kind === 'refused' && out.error.key).toBe('chat.no_open_problems');
    expect(await ctx.deps.db.chatReply.count({ where: { state: 'pending' } })).toBe(1);
  });
});

describe('exactly once', () => {
  it('records a message delivered twice once', async () => {
    await seed(ctx.deps);
    const msg = dm('RECT-1 60%');
    const first = await receiveReply(ctx.deps, OWNER, msg);
    const second = await receiveReply(ctx.deps, OWNER, msg);
    expect([first.kind, second.kind]).toEqual(['recorded', 'duplicate']);
    expect(await updates(ctx.deps)).toHaveLength(1);
  });

  it('records a message delivered twice at the same moment once', async () => {
    await seed(ctx.deps);
    const msg = dm('RECT-1 60%');
    const outs = await Promise.all([
      receiveReply(ctx.deps, OWNER, msg),
      receiveReply(ctx.deps, OWNER, msg),
      receiveReply(ctx.deps, OWNER, msg),
    ]);
    expect(outs.map((o) => o.kind).sort()).toEqual(['duplicate', 'duplicate', 'recorded']);
    expect(await updates(ctx.deps)).toHaveLength(1);
  });

  it('records a kept reply once however often (and however fast) its button is clicked', async () => {
    await seed(ctx.deps);
    const ask = await receiveReply(ctx.deps, OWNER, dm('80% at risk nearly there'));
    if (ask.kind !== 'ask') throw new Error('expected a question');
    const clicks = await Promise.all([1, 2, 3].map(() => resolvePending(ctx.deps, OWNER, ask.replyId, 'RECT-1')));
    expect(clicks.filter((c) => !c.already)).toHaveLength(1);
    expect(clicks.every((c) => c.update.id === clicks[0]?.update.id)).toBe(true);
    const later = await resolvePending(ctx.deps, OWNER, ask.replyId, 'RECT-2');
    expect(later).toMatchObject({ already: true, problem: { key: 'RECT-1' } });
    const all = await updates(ctx.deps);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      percent: 80,
      health: 'at_risk',
      note: 'nearly there',
      source: 'chat',
      problem: { key: 'RECT-1' },
    });
    expect(await ctx.deps.db.chatReply.findUniqueOrThrow({ where: { id: ask.replyId } })).toMatchObject({
      state: 'recorded',
      problemKey: 'RECT-1',
      updateId: all[0]?.id,
    });
  });
});

describe('atomic recording', () => {
  it('leaves a reply pending, with no update, when the update is refused inside the transaction', async () => {
    await seed(ctx.deps);
    const ask = await receiveReply(ctx.deps, OWNER, dm('80% at risk nearly there'));
    if (ask.kind !== 'ask') throw new Error('expected a question');
    // RECT-3 is OTHER's: the claim and the update roll back together.
    await expectRefusal(resolvePending(ctx.deps, OWNER, ask.replyId, 'RECT-3'), 'forbidden', 'error.not_owner');
    expect(await ctx.deps.db.chatReply.findUniqueOrThrow({ where: { id: ask.replyId } })).toMatchObject({
      state: 'pending',
      problemKey: null,
      updateId: null,
    });
    expect(await updates(ctx.deps)).toEqual([]);
  });

  it('records a reply a crash left `recorded` without its update, instead of answering "in progress" forever', async () => {
    await seed(ctx.deps);
    const ask = await receiveReply(ctx.deps, OWNER, dm('80% at risk nearly there'));
    if (ask.kind !== 'ask') throw new Error('expected a question');
    await ctx.deps.db.chatReply.update({
      where: { id: ask.replyId },
      data: { state: 'recorded', problemKey: 'RECT-1' },
    });
    const out = await resolvePending(ctx.deps, OWNER, ask.replyId, 'RECT-1');
    expect(out).toMatchObject({ already: false, update: { percent: 80 } });
    expect(await updates(ctx.deps)).toHaveLength(1);
  });
});

describe('resolvePending and dismissReply', () => {
  it('only the author may pick or dismiss', async () => {
    await seed(ctx.deps);
    const ask = await receiveReply(ctx.deps, OWNER, dm('some news'));
    if (ask.kind !== 'ask') throw new Error('expected a question');
    await expectRefusal(resolvePending(ctx.deps, LEADER, ask.replyId, 'RECT-1'), 'forbidden', 'chat.not_your_reply');
    await expectRefusal(dismissReply(ctx.deps, OTHER, ask.replyId), 'forbidden', 'chat.not_your_reply');
    await expectRefusal(resolvePending(ctx.deps, OWNER, 999_999, 'RECT-1'), 'not_found', 'chat.reply_not_found');
  });

  it('a refused pick leaves the reply pending', async () => {
    await seed(ctx.deps);
    const ask = await receiveReply(ctx.deps, OWNER, dm('some news'));
    if (ask.kind !== 'ask') throw new Error('expected a question');
    await expectRefusal(resolvePending(ctx.deps, OWNER, ask.replyId, 'RECT-3'), 'forbidden', 'error.not_owner');
    expect(await ctx.deps.db.chatReply.findUniqueOrThrow({ where: { id: ask.replyId } })).toMatchObject({
      state: 'pending',
      problemKey: null,
    });
    expect((await resolvePending(ctx.deps, OWNER, ask.replyId, 'RECT-2')).problem.key).toBe('RECT-2');
  });

  it('dismisses a pending reply, keeping its text; a recorded one cannot be dismissed', async () => {
    await seed(ctx.deps);
    const ask = await receiveReply(ctx.deps, OWNER, dm('some news'));
    if (ask.kind !== 'ask') throw new Error('expected a question');
    expect(await dismissReply(ctx.deps, OWNER, ask.replyId)).toEqual({ text: 'some news' });
    expect(await pendingReplies(ctx.deps, OWNER)).toEqual([]);
    expect(await ctx.deps.db.chatReply.findUniqueOrThrow({ where: { id: ask.replyId } })).toMatchObject({
      state: 'dismissed',
      text: 'some news',
    });
    const rec = await receiveReply(ctx.deps, OWNER, dm('RECT-1 10%'));
    await expectRefusal(dismissReply(ctx.deps, OWNER, rec.replyId), 'conflict', 'chat.already_recorded', {
      key: 'RECT-1',
    });
  });

  it('keeps a very long reply whole on the ChatReply and clips the update note to 3000 characters', async () => {
    await seed(ctx.deps);
    const long = `RECT-1 ${'x'.repeat(5000)}`;
    await receiveReply(ctx.deps, OWNER, dm(long));
    const [u] = await updates(ctx.deps);
    expect(u?.note.length).toBe(3000);
    expect(u?.note.endsWith('…')).toBe(true);
    expect((await ctx.deps.db.chatReply.findFirstOrThrow()).text).toBe(long);
  });
});
