import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit.js';
import { seedBoard } from '../support/fixtures.js';
import { cli } from '../support/cli.js';
import { harness, problem, type Harness } from '../support/jobs.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { LEADER } from '../support/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
  await problem(h.deps, 'UOWNER', { title: 'Backlog of violations' });
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

const slack = () => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: h.fake.apiUrl });

describe('closeout run-job', () => {
  it('refuses an unknown job, a bad time and a missing token with exit code 1', async () => {
    const bad = await cli(['run-job', 'cycle-prompt'], { url: h.testDb.url, env: slack() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'Unknown job "cycle-prompt". Choose cycle-prompts, update-nudges, cycle-digest, deadline-reminders, overdue-escalation, effectiveness-checks or all.',
    );
    const none = await cli(['run-job'], { url: h.testDb.url, env: slack() });
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('Name a job')]);
    const time = await cli(['run-job', 'all', '--at', 'next tuesday'], { url: h.testDb.url, env: slack() });
    expect(time.code).toBe(1);
    expect(time.stderr).toContain('--at: "next tuesday" is not an ISO-8601 time');
    const token = await cli(['run-job', 'all', '--at', '2026-11-16T01:00:00Z'], { url: h.testDb.url });
    expect(token.code).toBe(1);
    expect(token.stderr).toContain('SLACK_BOT_TOKEN is needed');
    expect(await h.deps.db.delivery.count()).toBe(0);
    expect(h.fake.calls).toEqual([]);
  });

  it('prints what a dry run would send and writes nothing, even without a token', async () => {
    const run = await cli(['run-job', 'cycle-prompts', '--at', '2026-11-16T09:00+08:00', '--dry-run'], {
      url: h.testDb.url,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'run-job cycle-prompts as of 2026-11-16T01:00:00.000Z — dry run: nothing was written or sent.',
    );
    expect(run.stdout).toContain('Would send 1 new message(s):');
    expect(run.stdout).toContain(
      'prompt:RECT:cycle-0:UOWNER → UOWNER: Rectification list · update round 1: please report on your open problem by Fri, Nov 27',
    );
    expect(await h.deps.db.delivery.count()).toBe(0);
  });

  it('sends as of --at, and the same --at again sends nothing new', async () => {
    const first = await cli(['run-job', 'all', '--at', '2026-11-16T01:00:00Z'], { url: h.testDb.url, env: slack() });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 new, 1 sent, 0 failed');
    expect(first.stdout).toContain('sent prompt:RECT:cycle-0:UOWNER');
    const again = await cli(['run-job', 'all', '--at', '2026-11-16T01:00:00Z'], { url: h.testDb.url, env: slack() });
    expect(again.stdout).toContain('0 new, 0 sent, 0 failed');
    expect(h.fake.messages).toHaveLength(1);
  });

  it('run-job effectiveness-checks asks the owner N days after a closeout, once', async () => {
    await h.deps.db.board.update({
      where: { teamId_code: { teamId: LEADER.teamId, code: 'RECT' } },
      data: { effectivenessDays: 30 },
    });
    const owner = { teamId: LEADER.teamId, userId: 'UOWNER' };
    const { request } = await requestCloseout(h.deps, owner, 'RECT-1', { evidence: 'Cleared' });
    await approveCloseout(h.deps, LEADER, request.id); // 2026-11-10 in Shanghai: asked on 2026-12-10
    const early = await cli(['run-job', 'effectiveness-checks', '--at', '2026-12-09T09:00+08:00'], {
      url: h.testDb.url,
      env: slack(),
    });
    expect([early.code, early.stdout]).toEqual([0, expect.stringContaining('0 new, 0 sent, 0 failed')]);
    const run = await cli(['run-job', 'effectiveness-checks', '--at', '2026-12-10T09:00+08:00'], {
      url: h.testDb.url,
      env: slack(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 new, 1 sent, 0 failed');
    expect(run.stdout).toMatch(/sent effectiveness:\d+:r0:owner/);
    const again = await cli(['run-job', 'all', '--at', '2026-12-10T10:00+08:00'], { url: h.testDb.url, env: slack() });
    expect(again.stdout).not.toContain('effectiveness:');
    const dms = h.fake.messages.filter((m) => JSON.stringify(m.blocks).includes('has the fix held?'));
    expect(dms).toHaveLength(1);
    expect(JSON.stringify(dms[0]!.blocks)).toContain('*RECT-1* Backlog of violations was closed on Nov 10');
  });
});
