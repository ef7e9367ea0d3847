import { requestCloseout } from '../../../../src/services/closeout.js';
import { createProblem } from '../../../../src/services/problems.js';
import type { useSlackContext } from '../../../support/bolt-arguments.js';
import { LEADER, OWNER, seedBoard } from '../../../support/fixtures.js';

type State = ReturnType<typeof useSlackContext>;

/** A problem with a pending closeout request (the leader's DM copy is `leaderDm`). */
export async function pendingRequest(state: State) {
  await seedBoard(state.deps);
  await createProblem(state.deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId, measures: ['Hire'] });
  const { request } = await requestCloseout(state.deps, OWNER, 'RECT-1', { evidence: 'All done' });
  return request;
}

export const leaderDm = { channel: 'DLEADER', ts: '1700000000.000100' };

export const requestRow = (state: State, id: number) =>
  state.deps.db.closeoutRequest.findUniqueOrThrow({ where: { id } });
