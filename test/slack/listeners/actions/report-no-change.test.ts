import { describe, expect, it } from 'vitest';
import { reportUpdate } from '../../../../src/services/progress.js';
import { createProblem } from '../../../../src/services/problems.js';
import { ACTION } from '../../../../src/slack/ids.js';
import { onClick } from '../../../../src/slack/listeners/actions/support/on-click.js';
import { reportNoChange } from '../../../../src/slack/listeners/actions/report-no-change.js';
import { clickArguments, useSlackContext } from '../../../support/bolt-arguments.js';
import { LEADER, OTHER, OWNER, seedBoard } from '../../../support/fixtures.js';

const state = useSlackContext();

async function reported() {
  await seedBoard(state.deps);
  await createProblem(state.deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId, measures: ['Hire'] });
  await reportUpdate(state.deps, OWNER, 'RECT-1', { health: 'at_risk', percent: 40, note: 'hired one' });
}

const updates = () => state.deps.db.update.findMany({ orderBy: { id: 'asc' } });
const card = { channel: 'DOWNER', ts: '1700000000.000200' };

describe('reportNoChange', () => {
  it('saves an update repeating the last one and notes it under the card it was clicked on', async () => {
    await reported();
    const args = clickArguments({ userId: OWNER.userId, actionId: ACTION.noChange, value: 'RECT-1', message: card });
    await onClick(state.ctx, reportNoChange)(args);

    const rows = await updates();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ health: 'at_risk', percent: 40, authorId: OWNER.userId, source: 'no_change' });
    const update = args.fake.calls.find((c) => c.method === 'chat.update');
    expect(update?.args).toMatchObject({ channel: card.channel, ts: card.ts });
    expect(JSON.stringify(update?.args.blocks)).toContain(`<@${OWNER.userId}>`);
    expect(args.respond).not.toHaveBeenCalled();
  });

  it('refuses someone who is neither the owner nor a leader, and stores nothing', async () => {
    await reported();
    const args = clickArguments({ userId: OTHER.userId, actionId: ACTION.noChange, value: 'RECT-1', message: card });
    await onClick(state.ctx, reportNoChange)(args);

    expect(await updates()).toHaveLength(1);
    expect(args.respond).toHaveBeenCalledOnce();
    expect(args.fake.calls.filter((c) => c.method === 'chat.update')).toEqual([]);
  });
});
