import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../src/domain/types.js';
import { setAbsence, endAbsence } from '../../src/services/absences.js';
import { nudgeMessage, promptMessage } from '../../src/slack/blocks/scheduled/prompt.js';
import { TEAM, seedBoard } from '../support/fixtures.js';
import { harness, problem, textOf, type Harness } from '../support/jobs.js';

/**
 * Issue 22, people away: a CN board in Asia/Shanghai with 14-day rounds from Thu 17 Sep 2026, so round 2
 * opens on Thu 1 Oct (National Day) and is prompted on Thu 8 Oct; its nudge is on Mon 12 Oct.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness('2026-09-01T00:00:00Z');
});
afterEach(async () => {
  await h.stop();
});

async function everyMorning(from: string, to: string, job: Parameters<Harness['run']>[1]) {
  const sent: { date: string; key: string }[] = [];
  for (let t = Date.parse(`${from}T01:00:00Z`); t <= Date.parse(`${to}T01:00:00Z`); t += 86_400_000) {
    const report = await h.run(new Date(t), job);
    const date = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
    sent.push(...report.sent.map((key) => ({ date, key })));
  }
  return sent;
}

/** Nudges by DM too (the default sends them to the channel only). */
const nudgeByDm = (code: string) => h.testDb.db.board.updateMany({ where: { code }, data: { nudgesTo: 'both' } });

const away = (userId: string, startDate: string, endDate: string, delegateId: string | null) =>
  setAbsence(h.deps, { teamId: TEAM, userId }, { startDate, endDate, delegateId });

describe('an owner away with a delegate', () => {
  it('the delegate gets the prompt and the nudge, each naming the owner, under the owner’s keys, once', async () => {
    await seedBoard(h.deps, { code: 'AWY', anchorDate: '2026-09-17', calendar: 'CN', language: 'zh-CN' });
    await nudgeByDm('AWY');
    await problem(h.deps, 'U0OWNER1', {}, 'AWY');
    await away('U0OWNER1', '2026-09-28', '2026-10-16', 'U0DELEG1');

    const sent = await everyMorning('2026-09-30', '2026-10-09', 'cycle-prompts');
    const prompts = sent.filter((s) => s.key.startsWith('prompt:AWY:cycle-1:'));
    expect(prompts).toEqual([{ date: '2026-10-08', key: 'prompt:AWY:cycle-1:U0OWNER1' }]);
    const [prompt] = h.postedFor('prompt:AWY:cycle-1:U0OWNER1');
    expect(prompt!.channel).toBe('D0DELEG1'); // the delegate's DM, not the owner's
    expect(textOf(prompt!)).toContain('代 <@U0OWNER1> 接收（其外出至 10月16日）');

    const nudges = await everyMorning('2026-10-12', '2026-10-13', 'update-nudges');
    expect(nudges.filter((n) => n.key.endsWith(':U0OWNER1'))).toEqual([
      { date: '2026-10-12', key: 'nudge:AWY:cycle-1:U0OWNER1' },
    ]);
    const [nudge] = h.postedFor('nudge:AWY:cycle-1:U0OWNER1');
    expect(nudge!.channel).toBe('D0DELEG1');
    expect(textOf(nudge!)).toContain('<@U0OWNER1>');

    // Exactly once: running the same moments again (a restart) sends nothing more, to anyone.
    expect((await h.run('2026-10-08T01:00:00Z', 'cycle-prompts')).sent).toEqual([]);
    expect((await h.run('2026-10-12T01:00:00Z', 'update-nudges')).sent).toEqual([]);
    expect(h.fake.messages.filter((m) => m.channel === 'D0OWNER1')).toEqual([]);
  });
});

describe('an owner away without a delegate', () => {
  it('prompts and nudges pause; one catch-up prompt on the first working day back (a make-up Saturday)', async () => {
    await seedBoard(h.deps, { code: 'PAU', anchorDate: '2026-09-17', calendar: 'CN' });
    await nudgeByDm('PAU');
    await problem(h.deps, 'U0OWNER2', {}, 'PAU');
    await problem(h.deps, 'U0OWNER3', {}, 'PAU');
    // Back after Fri 9 Oct: Sat 10 Oct is a make-up workday (调休) on the CN calendar.
    await away('U0OWNER2', '2026-09-28', '2026-10-09', null);

    const sent = await everyMorning('2026-09-30', '2026-10-14', 'all');
    const forOwner2 = sent.filter((s) => s.key.includes('U0OWNER2'));
    expect(forOwner2).toEqual([
      { date: '2026-10-10', key: 'catch-up:PAU:U0OWNER2:2026-10-09' },
      { date: '2026-10-12', key: 'nudge:PAU:cycle-1:U0OWNER2' },
    ]);
    // The owner who is not away is prompted as usual on the moved day.
    expect(sent).toContainEqual({ date: '2026-10-08', key: 'prompt:PAU:cycle-1:U0OWNER3' });
    const [catchUp] = h.postedFor('catch-up:PAU:U0OWNER2:2026-10-09');
    expect(catchUp!.channel).toBe('D0OWNER2');
    expect(textOf(catchUp!)).toContain('Welcome back. This is the round’s prompt that waited while you were away.');
    // The round's usual prompt never follows it, and the catch-up is not sent again.
    expect(h.postedFor('prompt:PAU:cycle-1:U0OWNER2')).toEqual([]);
    expect((await h.run('2026-10-13T03:00:00Z', 'cycle-prompts')).sent).toEqual([]);
  });

  it('an absence ended early ("away off") lets the round’s prompt go to the owner as usual', async () => {
    await seedBoard(h.deps, { code: 'OFF', anchorDate: '2026-09-17', calendar: 'CN' });
    await problem(h.deps, 'U0OWNER4', {}, 'OFF');
    await away('U0OWNER4', '2026-10-01', '2026-10-20', null);
    expect((await h.run('2026-10-08T01:00:00Z', 'cycle-prompts')).sent).toEqual([]);
    expect(await endAbsence(h.deps, { teamId: TEAM, userId: 'U0OWNER4' })).toBe(true);
    expect((await h.run('2026-10-08T02:00:00Z', 'cycle-prompts')).sent).toEqual(['prompt:OFF:cycle-1:U0OWNER4']);
  });
});

describe('the away notes, in both languages', () => {
  const board = (language: Language) => ({ code: 'RECT', name: 'List', language }) as never;
  const round = { number: 2, startDate: '2026-10-01', endDate: '2026-10-14', reportBy: '2026-10-12' } as never;
  it.each<[Language, string, string]>([
    ['en', 'For <@U0OWNER1>, away until Oct 16', 'Welcome back.'],
    ['zh-CN', '代 <@U0OWNER1> 接收（其外出至 10月16日）', '欢迎回来。'],
  ])('%s', (lang, forOwner, welcome) => {
    const base = { board: board(lang), today: '2026-10-08', round };
    const delegated = promptMessage({
      kind: 'prompt',
      ...base,
      total: 0,
      page: 1,
      pages: 1,
      problems: [],
      forOwner: { user: 'U0OWNER1', until: '2026-10-16' },
    });
    expect(textOf(delegated)).toContain(forOwner);
    const nudge = nudgeMessage({
      kind: 'nudge',
      ...base,
      problems: { items: [], total: 0 },
      forOwner: { user: 'U0OWNER1', until: '2026-10-16' },
    });
    expect(textOf(nudge)).toContain(forOwner);
    const catchUp = promptMessage({
      kind: 'prompt',
      ...base,
      total: 0,
      page: 1,
      pages: 1,
      problems: [],
      catchUp: true,
    });
    expect(textOf(catchUp)).toContain(welcome);
  });
});

describe('escalation while the owner is away', () => {
  it('says "away until …" beside the owner; the deadline does not move', async () => {
    await seedBoard(h.deps, { code: 'ESA', anchorDate: '2026-09-01', calendar: 'CN' });
    const late = await problem(h.deps, 'U0OWNER5', { deadline: '2026-09-30' }, 'ESA');
    await away('U0OWNER5', '2026-10-01', '2026-10-20', null);
    const sent = await everyMorning('2026-10-08', '2026-10-09', 'overdue-escalation');
    const first = sent.find((s) => s.key.startsWith(`escalation:${late.key}:2026-09-30`));
    expect(first).toBeDefined();
    const text = textOf(h.postedFor(first!.key)[0]!);
    expect(text).toContain('<@U0OWNER5> (:palm_tree: away until Oct 20)');
    expect(text).toContain('Sep 30'); // the deadline as it was
  });
});
