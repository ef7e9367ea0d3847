import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import { harness, problem, textOf, type Harness } from '../support/jobs.js';

/** Round 1 of RECT (Asia/Shanghai, board language en) opens 2026-11-16 at 09:00 local. */
const PROMPT_0 = '2026-11-16T01:00:00Z';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
  await problem(h.deps, OWNER.userId, { title: 'Queue times at the permit window' });
  await problem(h.deps, OTHER.userId, { title: 'Backlog of traffic violations' });
});
afterEach(() => h.stop());

describe('scheduled DMs speak each reader’s language', () => {
  it('a zh-CN owner gets a Chinese prompt, others the board’s English; one users.list for all', async () => {
    h.fake.locales.set(OWNER.userId, 'zh-CN');
    await h.run(PROMPT_0, 'cycle-prompts');
    const [zh] = h.postedFor('prompt:RECT:cycle-0:UOWNER');
    const [en] = h.postedFor('prompt:RECT:cycle-0:UOTHER');
    expect(textOf(zh!)).toMatch(/第\s*1\s*轮/);
    expect(textOf(en!)).toContain('update round 1');
    expect(h.fake.callsTo('users.list')).toHaveLength(1);
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
  });

  it('falls back to the board’s language when users.list fails', async () => {
    h.fake.locales.set(OWNER.userId, 'zh-CN');
    h.fake.on('users.list', () => ({ ok: false, error: 'missing_scope' }));
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.sent).toContain('prompt:RECT:cycle-0:UOWNER');
    expect(textOf(h.postedFor('prompt:RECT:cycle-0:UOWNER')[0]!)).toContain('update round 1');
  });
});
