import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withdrawProblem } from '../../src/services/problem-changes.js';
import { reassignProblem } from '../../src/services/problem-changes.js';
import { editProblem } from '../../src/services/problems.js';
import { boardSummary } from '../support/summary.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import type { RunReport } from '../../src/jobs/types.js';
import { harness, problem, textOf, type Harness } from '../support/jobs.js';

/* Board RECT: Asia/Shanghai, 14-day cycles from 2026-11-16 (cycle 1 = Nov 30 – Dec 13), prompts 09:00 local. */
const PROMPT_0 = '2026-11-16T01:00:00Z';
const PROMPT_1 = '2026-11-30T01:00:00Z';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

const reminders = (r: RunReport) => r.sent.filter((k) => k.startsWith('reminder:'));

describe('leaders’ changes in the scheduled messages', () => {
  it('a reassigned problem is in the new owner’s next prompt and not the old owner’s', async () => {
    const a = await problem(h.deps, OWNER.userId, { title: 'Moves to another owner' });
    await problem(h.deps, OWNER.userId, { title: 'Stays with the owner' });
    await h.run(PROMPT_0, 'cycle-prompts');
    await reassignProblem(h.deps, LEADER, a.key, OTHER.userId);
    const report = await h.run(PROMPT_1, 'cycle-prompts');
    expect(report.sent.sort()).toEqual(['prompt:RECT:cycle-1:UOTHER', 'prompt:RECT:cycle-1:UOWNER']);
    const [other] = h.postedFor('prompt:RECT:cycle-1:UOTHER');
    const [owner] = h.postedFor('prompt:RECT:cycle-1:UOWNER');
    expect(textOf(other!)).toContain('Moves to another owner');
    expect(textOf(owner!)).not.toContain('Moves to another owner');
    expect(textOf(owner!)).toContain('Stays with the owner');
  });

  it('withdrawn problems are absent from prompts, reminders and the digest counts', async () => {
    await problem(h.deps, OWNER.userId, { title: 'Real problem', deadline: '2026-12-10' });
    const dup = await problem(h.deps, OTHER.userId, { title: 'Duplicate entry', deadline: '2026-12-10' });
    await withdrawProblem(h.deps, LEADER, dup.key, 'merged into RECT-1');
    const prompts = await h.run(PROMPT_0, 'cycle-prompts');
    expect(prompts.sent).toEqual(['prompt:RECT:cycle-0:UOWNER']);
    const digest = await h.run(PROMPT_1, 'cycle-digest');
    const post = h.fake.messages.find((m) => m.channel === 'C0BOARD' && textOf(m).includes('round 1'));
    expect(digest.sent.length).toBeGreaterThan(0);
    expect(textOf(post!)).not.toContain('Duplicate entry');
    expect(textOf(post!)).toMatch(/\b1 problem\b/);
    const reminded = await h.run('2026-12-03T01:00:00Z', 'deadline-reminders');
    expect(reminders(reminded)).toEqual(['reminder:RECT-1:2026-12-10:d7']);
    const summary = await boardSummary(h.deps, LEADER, 'RECT');
    expect(summary.total).toBe(1);
  });

  it('reminders follow a moved deadline without repeating an offset already sent', async () => {
    const p = await problem(h.deps, OWNER.userId, { title: 'Due Dec 10', deadline: '2026-12-10' });
    expect(reminders(await h.run('2026-12-03T01:00:00Z', 'deadline-reminders'))).toEqual([
      `reminder:${p.key}:2026-12-10:d7`,
    ]);
    // Moved two days later on Dec 4: the 7-day mark of Dec 12 (Dec 5) is its own, and goes out.
    h.clock.set(new Date('2026-12-04T02:00:00Z'));
    await editProblem(h.deps, LEADER, p.key, { deadline: '2026-12-12' }, { reason: 'Supplier late' });
    expect(reminders(await h.run('2026-12-04T03:00:00Z', 'deadline-reminders'))).toEqual([]);
    expect(reminders(await h.run('2026-12-05T01:00:00Z', 'deadline-reminders'))).toEqual([
      `reminder:${p.key}:2026-12-12:d7`,
    ]);
    expect(reminders(await h.run('2026-12-09T01:00:00Z', 'deadline-reminders'))).toEqual([
      `reminder:${p.key}:2026-12-12:d3`,
    ]);
    // Moved a day earlier on Dec 9, to Dec 11: its 3-day mark (Dec 8) has passed and "3 days" was said already.
    h.clock.set(new Date('2026-12-09T03:00:00Z'));
    await editProblem(h.deps, LEADER, p.key, { deadline: '2026-12-11' }, { reason: 'Sooner after all' });
    expect(reminders(await h.run('2026-12-09T04:00:00Z', 'deadline-reminders'))).toEqual([]);
    expect(reminders(await h.run('2026-12-10T01:00:00Z', 'deadline-reminders'))).toEqual([
      `reminder:${p.key}:2026-12-11:d1`,
    ]);
  });

  it('the summary counts deadlines extended this round', async () => {
    const p = await problem(h.deps, OWNER.userId, { deadline: '2026-12-10' });
    h.clock.set(new Date('2026-12-01T02:00:00Z'));
    await editProblem(h.deps, LEADER, p.key, { deadline: '2027-01-10' }, { reason: 'More time' });
    expect((await boardSummary(h.deps, LEADER, 'RECT')).change.extended).toBe(1);
    h.clock.set(new Date('2026-12-15T02:00:00Z'));
    expect((await boardSummary(h.deps, LEADER, 'RECT')).change.extended).toBe(0);
  });
});
