import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import { createSlackSender } from '../../src/slack/sender.js';
import { createLogger } from '../../src/logging/logger.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { callAfter } from '../support/modals.js';

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
    const logger = createLogger('silent');
    const sender = createSlackSender({
      token: 'xoxb-test',
      apiUrl: app.fake.apiUrl,
      logger,
      retry: { retries: 0 },
      timeoutMs: 2_000,
    });
    await runJob(
      { db: app.db, clock: app.clock, logger, sender, instanceId: 'test', teamId: 'T0TEST' },
      'cycle-prompts',
      new Date('2026-11-16T01:00:00Z'),
    );
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
    // Every problem keeps its three buttons.
    const buttons = (updated.args.blocks as { type: string; elements?: { action_id: string }[] }[]).filter(
      (b) => b.type === 'actions',
    );
    expect(buttons).toHaveLength(2);
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
