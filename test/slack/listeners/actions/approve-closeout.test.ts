import { describe, expect, it } from 'vitest';
import { ACTION } from '../../../../src/slack/ids.js';
import { approveCloseout } from '../../../../src/slack/listeners/actions/approve-closeout.js';
import { onClick } from '../../../../src/slack/listeners/actions/support/on-click.js';
import { clickArguments, useSlackContext } from '../../../support/bolt-arguments.js';
import { LEADER, OTHER, OWNER } from '../../../support/fixtures.js';
import { leaderDm, pendingRequest, requestRow } from './closeout-helpers.js';

const state = useSlackContext();

describe('approveCloseout', () => {
  it('saves the approval, shows it on the clicked message and tells the owner', async () => {
    const request = await pendingRequest(state);
    const args = clickArguments({
      userId: LEADER.userId,
      actionId: ACTION.approve,
      value: String(request.id),
      message: leaderDm,
    });
    await onClick(state.ctx, approveCloseout)(args);

    expect(args.ack).toHaveBeenCalledOnce();
    expect(await requestRow(state, request.id)).toMatchObject({ state: 'approved', decidedBy: LEADER.userId });
    const problem = await state.deps.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } });
    expect(problem.status).toBe('closed');
    const update = args.fake.chat.update!.mock.calls[0]![0] as Record<string, unknown>;
    expect(update).toMatchObject({ channel: leaderDm.channel, ts: leaderDm.ts });
    // The owner is owed a DM with the decision: one keyed follow-up delivery, saved with the decision and
    // then sent by jobs/outbox/follow-ups (kicked).
    const owed = await state.deps.db.delivery.findMany({ where: { dedupeKey: { startsWith: 'follow-up:decision:' } } });
    expect(owed).toMatchObject([
      {
        dedupeKey: `follow-up:decision:${request.id}:${OWNER.userId}`,
        job: 'follow-up',
        recipient: OWNER.userId,
        state: 'pending',
        problemKeys: '[]',
      },
    ]);
    expect(JSON.parse(owed[0]!.payload!)).toMatchObject({
      kind: 'decision',
      key: 'RECT-1',
      state: 'approved',
      decidedBy: LEADER.userId,
    });
    expect(state.followUps).toHaveBeenCalledOnce();
    expect(args.respond).not.toHaveBeenCalled();
  });

  it('refuses someone who does not lead the board, ephemerally, and saves nothing', async () => {
    const request = await pendingRequest(state);
    const args = clickArguments({
      userId: OTHER.userId,
      actionId: ACTION.approve,
      value: String(request.id),
      message: leaderDm,
    });
    await onClick(state.ctx, approveCloseout)(args);

    expect((await requestRow(state, request.id)).state).toBe('pending');
    expect(args.respond).toHaveBeenCalledOnce();
    expect(args.respond.mock.calls[0]![0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(args.fake.chat.update).not.toHaveBeenCalled();
    expect(await state.deps.db.delivery.count()).toBe(0);
  });
});
