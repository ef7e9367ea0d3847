import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { schedulerOn } from '../support/jobs.js';
import { TestApp } from '../support/test-app.js';
import { answers, callAfter, state, type SentView } from '../support/modals.js';

const text = (c: SlackCall) => JSON.stringify(c.args.blocks ?? []);

/** Buttons on a cycle prompt (one DM listing several problems) update that same prompt, keeping the others. */
describe('acting on a cycle prompt', () => {
  let app: TestApp;
  let prompt: { channel: string; ts: string };

  beforeAll(async () => {
    // RECT (Asia/Shanghai, anchor 2026-11-16, prompts at 09:00 local = 01:00 UTC).
    app = await TestApp.start({ at: '2026-11-16T00:30:00Z' });
    await seedBoard(app.deps);
    await createProblem(app.deps, LEADER, 'RECT', {
      title: 'Queue times at the permit window',
      ownerId: OWNER.userId,
      deadline: '2026-12-20',
    });
    await createProblem(app.deps, LEADER, 'RECT', {
      title: 'Backlog of traffic violations',
      ownerId: OWNER.userId,
      deadline: '2026-12-31',
    });
    await runJob(schedulerOn(app), 'cycle-prompts', new Date('2026-11-16T01:00:00Z'));
    const sent = app.fake.messages.find((m) => m.channel === 'DOWNER');
    if (!sent) throw new Error('no prompt was sent to the owner');
    prompt = { channel: sent.channel, ts: sent.ts };
  });
  afterAll(async () => {
    expect(blockKitProblems(app.fake.calls)).toEqual([]);
    await app.stop();
  });

  it('No change re-renders the prompt with both problems and a note under the one acted on', async () => {
    const updated = await callAfter(app, 'chat.update', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.noChange,
        value: 'RECT-1',
        blockId: 'sched.RECT-1',
        message: prompt,
      }),
    );
    expect(updated.args).toMatchObject({ channel: prompt.channel, ts: prompt.ts });
    expect(text(updated)).toContain('RECT-1');
    expect(text(updated)).toContain('RECT-2');
    const section = (updated.args.blocks as { text?: { text: string } }[]).find((b) =>
      b.text?.text.startsWith('*RECT-1*'),
    );
    expect(section?.text?.text.split('\n')[2]).toMatch(/^:ballot_box_with_check: <@UOWNER> reported no change/);
    // Every problem keeps its buttons, Request more time included.
    const buttons = (updated.args.blocks as { type: string; elements?: { action_id: string }[] }[]).filter(
      (b) => b.type === 'actions',
    );
    expect(buttons).toHaveLength(2);
    for (const b of buttons) expect(b.elements!.map((e) => e.action_id)).toContain(ACTION.requestExtension);
    expect(await app.db.update.count({ where: { problem: { key: 'RECT-1' }, source: 'no_change' } })).toBe(1);
  });

  it('a second action keeps the first note', async () => {
    const updated = await callAfter(app, 'chat.update', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.noChange,
        value: 'RECT-2',
        blockId: 'sched.RECT-2',
        message: prompt,
      }),
    );
    expect(text(updated).match(/reported no change/g)).toHaveLength(2);
  });

  it('Request more time opens the extension modal for that problem; the request reaches the leaders', async () => {
    const sent = app.fake.messages.find((m) => m.ts === prompt.ts)!;
    const actions = (
      sent.blocks as { type: string; block_id?: string; elements?: { action_id: string; value: string }[] }[]
    ).filter((b) => b.type === 'actions');
    // Each problem's one actions block carries the button, for its own key.
    expect(actions.map((b) => b.elements!.find((e) => e.action_id === ACTION.requestExtension)?.value)).toEqual(
      actions.map((b) => b.block_id!.slice('sched.'.length)),
    );
    const open = await callAfter(app, 'views.open', () =>
      app.click({
        userId: OWNER.userId,
        actionId: ACTION.requestExtension,
        value: 'RECT-2',
        blockId: 'sched.RECT-2',
        message: prompt,
      }),
    );
    const view = open.args.view as SentView;
    expect(view.callback_id).toBe(VIEW.extension);
    expect(JSON.stringify(view.blocks)).toContain('RECT-2');
    expect(JSON.stringify(view.blocks)).not.toContain('RECT-1');
    const from = app.fake.calls.length;
    const submitted = await app.submit({
      userId: OWNER.userId,
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: answers(view, {
        extension_date: state.date('2027-02-26'),
        extension_reason: state.text('The contractor starts in January'),
      }),
    });
    expect(submitted.json).toEqual({ response_action: 'clear' });
    const leaderDm = await app.fake.waitFor(() =>
      app.fake.calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === LEADER.userId),
    );
    expect(JSON.stringify(leaderDm.args)).toContain('The contractor starts in January');
    expect(await app.db.extensionRequest.findFirstOrThrow({ where: { problem: { key: 'RECT-2' } } })).toMatchObject({
      requestedBy: OWNER.userId,
      toDate: '2027-02-26',
      state: 'pending',
    });
  });

  it('a reply typed in the prompt’s thread is recorded and shown on the prompt', async () => {
    const updated = await callAfter(
      app,
      'chat.update',
      () =>
        app.event({
          type: 'message',
          channel: prompt.channel,
          channel_type: 'im',
          user: OWNER.userId,
          text: 'RECT-2 70% hired two clerks',
          ts: '1700000900.000001',
          thread_ts: prompt.ts,
        }),
      (c) => c.args.ts === prompt.ts,
    );
    const section = (updated.args.blocks as { text?: { text: string } }[]).find((b) =>
      b.text?.text.startsWith('*RECT-2*'),
    );
    expect(section?.text?.text).toContain('<@UOWNER> reported 70%');
    expect(section?.text?.text).toContain('70%');
    expect(await app.db.problem.findFirstOrThrow({ where: { key: 'RECT-2' } })).toMatchObject({
      percent: 70,
      status: 'in_progress',
    });
  });
});
