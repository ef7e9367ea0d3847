import { describe, expect, it } from 'vitest';
import { createProblem } from '../../../../src/services/problems.js';
import { VIEW } from '../../../../src/slack/ids.js';
import { onSubmit } from '../../../../src/slack/listeners/views/support/on-submit.js';
import { saveReport } from '../../../../src/slack/listeners/views/save-report.js';
import { encodeMetadata } from '../../../../src/slack/parsers/modal-metadata.js';
import { REPORT } from '../../../../src/slack/blocks/modals/report.js';
import { submissionArguments, useSlackContext } from '../../../support/bolt-arguments.js';
import { LEADER, OWNER, seedBoard } from '../../../support/fixtures.js';

const state = useSlackContext();

async function problem() {
  await seedBoard(state.deps);
  await createProblem(state.deps, LEADER, 'RECT', { title: 'Queue times', ownerId: OWNER.userId, measures: ['Hire'] });
}

const select = (value: string) => ({ type: 'radio_buttons', selected_option: { value } });
const text = (value: string) => ({ type: 'plain_text_input', value });

function submitted(percent: string, note = 'hired one') {
  return submissionArguments({
    userId: OWNER.userId,
    callbackId: VIEW.report,
    privateMetadata: encodeMetadata({ lang: 'en', key: 'RECT-1', channel: 'C0BOARD' }),
    values: {
      [REPORT.health]: { health: select('on_track') },
      [REPORT.percent]: { percent: text(percent) },
      [REPORT.note]: { note: text(note) },
    },
  });
}

const updates = () => state.deps.db.update.findMany();

describe('saveReport', () => {
  it('answers a percent out of range on its field, keeps the modal open and saves nothing', async () => {
    await problem();
    const args = submitted('140');
    await onSubmit(state.ctx, saveReport)(args);

    expect(args.ack).toHaveBeenCalledOnce();
    const answer = args.ack.mock.calls[0]![0] as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([REPORT.percent]);
    expect(await updates()).toEqual([]);
    expect(args.fake.calls).toEqual([]);
  });

  it('saves a valid report, closes the modal and confirms in the channel it came from', async () => {
    await problem();
    const args = submitted('60');
    await onSubmit(state.ctx, saveReport)(args);

    expect(args.ack).toHaveBeenCalledWith({ response_action: 'clear' });
    expect(await updates()).toMatchObject([
      { percent: 60, health: 'on_track', note: 'hired one', authorId: OWNER.userId },
    ]);
    const confirmation = args.fake.calls.find((c) => c.method === 'chat.postEphemeral');
    expect(confirmation?.args).toMatchObject({ channel: 'C0BOARD', user: OWNER.userId });
    expect(String(confirmation?.args.text)).toContain('RECT-1');
  });
});
