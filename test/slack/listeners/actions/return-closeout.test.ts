import { describe, expect, it } from 'vitest';
import { ACTION, VIEW } from '../../../../src/slack/ids.js';
import { approveCloseout } from '../../../../src/slack/listeners/actions/approve-closeout.js';
import { onClick } from '../../../../src/slack/listeners/actions/support/on-click.js';
import { returnCloseout } from '../../../../src/slack/listeners/actions/return-closeout.js';
import { clickArguments, fakeClient, useSlackContext } from '../../../support/bolt-arguments.js';
import { LEADER } from '../../../support/fixtures.js';
import { leaderDm, pendingRequest, requestRow } from './closeout-helpers.js';

const state = useSlackContext();

describe('returnCloseout', () => {
  it('opens the reason modal for a pending request without deciding anything yet', async () => {
    const request = await pendingRequest(state);
    const args = clickArguments({
      userId: LEADER.userId,
      actionId: ACTION.returnRequest,
      value: String(request.id),
      message: leaderDm,
    });
    await onClick(state.ctx, returnCloseout)(args);

    expect((await requestRow(state, request.id)).state).toBe('pending');
    const opened = args.fake.views.open!.mock.calls[0]![0] as { view: { callback_id: string } };
    expect(opened.view.callback_id).toBe(VIEW.returnReason);
  });

  it('on a request already approved: no modal, the message shows the decision and the leader is told who', async () => {
    const request = await pendingRequest(state);
    const client = fakeClient();
    const click = { userId: LEADER.userId, value: String(request.id), message: leaderDm };
    await onClick(state.ctx, approveCloseout)(clickArguments({ ...click, actionId: ACTION.approve }, client));
    const updatesBefore = client.chat.update!.mock.calls.length;

    const args = clickArguments({ ...click, actionId: ACTION.returnRequest }, client);
    await onClick(state.ctx, returnCloseout)(args);

    expect(client.views.open).not.toHaveBeenCalled();
    expect(client.chat.update!.mock.calls.length).toBe(updatesBefore + 1);
    expect(String((args.respond.mock.calls[0]![0] as { text: string }).text)).toContain(LEADER.userId);
    expect((await requestRow(state, request.id)).state).toBe('approved');
  });

  it('a button value that is not a request id is answered as "not found"', async () => {
    await pendingRequest(state);
    const args = clickArguments({
      userId: LEADER.userId,
      actionId: ACTION.returnRequest,
      value: 'nope',
      message: leaderDm,
    });
    await onClick(state.ctx, returnCloseout)(args);
    expect(args.respond).toHaveBeenCalledOnce();
    expect(args.fake.views.open).not.toHaveBeenCalled();
  });
});
