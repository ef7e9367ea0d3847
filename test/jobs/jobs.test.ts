import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { archiveBoard } from '../../src/services/boards.js';
import { editMeasure } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import type { RunReport } from '../../src/jobs/types.js';
import { harness, keyOf, problem, textOf, type Harness } from '../support/jobs.js';

/*
 * Board RECT (seedBoard): Asia/Shanghai (UTC+8), 14-day cycles from 2026-11-16, prompts at 09:00 local
 * (01:00Z), nudge 2 days before the last day, reminders 7/3/1/0, leader ULEADER, channel C0BOARD.
 * Cycle 0 = Nov 16–29, cycle 1 = Nov 30 – Dec 13.
 */
const PROMPT_0 = '2026-11-16T01:00:00Z';
const NUDGE_0 = '2026-11-27T01:00:00Z';
const DIGEST_0 = '2026-11-30T01:00:00Z';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
});
afterEach(async () => {
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  await h.stop();
});

const actionsOf = (m: { blocks?: unknown }) =>
  ((m.blocks as { type: string; elements?: unknown[] }[]) ?? []).filter((b) => b.type === 'actions');
const buttonsOf = (m: { blocks?: unknown }) =>
  ((m.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

describe('cycle prompts', () => {
  it('sends one DM per owner at the local prompt time, listing open problems with buttons, once', async () => {
    const a = await problem(h.deps, OWNER.userId, { title: 'Backlog of traffic violations', deadline: '2026-12-20' });
    const b = await problem(h.deps, OWNER.userId, {
      title: 'Queue times at the permit window',
      deadline: '2026-11-13',
    });
    const closed = await problem(h.deps, OWNER.userId, { title: 'Already done' });
    const requested = await problem(h.deps, OWNER.userId, { title: 'Waiting for sign-off' });
    await problem(h.deps, OTHER.userId, { title: 'Other owner problem' });
    await h.deps.db.problem.update({
      where: { id: closed.id },
      data: { status: 'closed', closedAt: new Date('2026-11-12T00:00:00Z') },
    });
    await requestCloseout(h.deps, OWNER, requested.key, { evidence: 'All done' });

    expect((await h.run('2026-11-16T00:59:00Z', 'cycle-prompts')).sent).toEqual([]);
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.sent.sort()).toEqual(['prompt:RECT:cycle-0:UOTHER', 'prompt:RECT:cycle-0:UOWNER']);

    const [dm] = h.postedFor('prompt:RECT:cycle-0:UOWNER');
    expect(dm!.channel).toBe('DOWNER');
    const text = textOf(dm!);
    expect(text).toContain('update round 1 (Nov 16 – Nov 29) · please report by Fri, Nov 27');
    expect(text).toContain('You own 2 open problems');
    expect(text).toContain(`*${a.key}*  Backlog of traffic violations\ndue Dec 20 · 0% · no update yet`);
    expect(text).toContain(`*${b.key}*  Queue times at the permit window\n*OVERDUE 3 days*`);
    expect(text).not.toContain('Already done');
    expect(text).not.toContain('Waiting for sign-off');
    expect(text).toContain('reply here in your own words');
    expect(buttonsOf(dm!).map((e) => [e.action_id, e.value])).toEqual([
      [ACTION.reportProgress, b.key],
      [ACTION.noChange, b.key],
      [ACTION.requestCloseout, b.key],
      [ACTION.requestExtension, b.key],
      [ACTION.reportProgress, a.key],
      [ACTION.noChange, a.key],
      [ACTION.requestCloseout, a.key],
      [ACTION.requestExtension, a.key],
    ]);

    const row = await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: 'prompt:RECT:cycle-0:UOWNER' } });
    expect(row).toMatchObject({
      state: 'sent',
      recipient: 'UOWNER',
      channelId: 'DOWNER',
      slackTs: dm!.ts,
      job: 'cycle-prompts',
      attempts: 1,
    });
    expect(JSON.parse(row.problemKeys!)).toEqual([b.key, a.key]);

    // The same time again, and later in the round: nothing new.
    const again = await h.run(PROMPT_0, 'cycle-prompts');
    expect([again.planned.length, again.sent.length]).toEqual([0, 0]);
    await h.run('2026-11-22T05:00:00Z', 'cycle-prompts');
    expect(h.fake.messages).toHaveLength(2);
    // The next round prompts again.
    expect((await h.run('2026-11-30T01:00:00Z', 'cycle-prompts')).sent).toHaveLength(2);
  });

  it('catches up a prompt missed while the app was down, once, and never replays older rounds', async () => {
    await problem(h.deps, OWNER.userId);
    // Down from before the round-0 start until day 5 of round 1: only round 1 is prompted.
    const report = await h.run('2026-12-04T07:30:00Z', 'cycle-prompts');
    expect(report.sent).toEqual(['prompt:RECT:cycle-1:UOWNER']);
    expect((await h.run('2026-12-04T07:31:00Z', 'cycle-prompts')).sent).toEqual([]);
  });

  it('pages an owner with many problems, each message within Block Kit limits', async () => {
    for (let i = 0; i < 40; i++)
      await problem(h.deps, OWNER.userId, { title: `Problem number ${i + 1} ${'x'.repeat(120)}` });
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.sent).toEqual(['prompt:RECT:cycle-0:UOWNER', 'prompt:RECT:cycle-0:UOWNER:page-2']);
    const pages = h.fake.messages;
    // One actions block per problem (its four buttons, far below Slack's 25 elements), 20 problems a page.
    expect(pages.map((p) => actionsOf(p).length)).toEqual([20, 20]);
    for (const p of pages) expect(actionsOf(p).every((a) => a.elements!.length === 4)).toBe(true);
    expect(textOf(pages[1]!)).toContain('page 2 of 2');
    expect(textOf(pages[0]!)).not.toContain('own words');
    expect(textOf(pages[1]!)).toContain('own words');
    expect(textOf(pages[1]!)).not.toContain('… and');
    for (const p of pages) expect((p.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it('sends a round page by page, every owner once, with the pages read in order', async () => {
    h.jobDeps.tuning = { ...h.jobDeps.tuning, sendPage: 2 };
    const owners = ['UOWNA', 'UOWNB', 'UOWNC', 'UOWND', 'UOWNE'];
    for (const owner of owners) await problem(h.deps, owner);
    await problem(h.deps, 'UOWNA', { title: 'A second one' });
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.sent.sort()).toEqual(owners.map((o) => `prompt:RECT:cycle-0:${o}`));
    // Two at a time, in the order they were recorded: a page is sent (in any order) before the next is read.
    const posted = h.postedKeys().map((k) => k.split(':').at(-1));
    expect([posted.slice(0, 2).sort(), posted.slice(2, 4).sort(), posted.slice(4)]).toEqual([
      ['UOWNA', 'UOWNB'],
      ['UOWNC', 'UOWND'],
      ['UOWNE'],
    ]);
    expect((await h.run(PROMPT_0, 'cycle-prompts')).sent).toEqual([]);
  });

  it('sends an owner of 60 problems two messages, most urgent first, and counts the rest with a button to the full list', async () => {
    for (let i = 0; i < 60; i++)
      await problem(h.deps, OWNER.userId, {
        title: `Problem number ${i + 1} ${'x'.repeat(120)}`,
        deadline: `2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      });
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.sent).toEqual(['prompt:RECT:cycle-0:UOWNER', 'prompt:RECT:cycle-0:UOWNER:page-2']);
    const pages = h.fake.messages;
    expect(pages).toHaveLength(2);
    for (const p of pages) expect((p.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    // The 40 most urgent (earliest deadlines) are listed, in order; the 20 latest are counted.
    const listed = await h.deps.db.problem.findMany({ orderBy: [{ deadline: 'asc' }, { number: 'asc' }] });
    const keys = pages.flatMap((p) =>
      buttonsOf(p)
        .filter((b) => b.action_id === ACTION.reportProgress)
        .map((b) => b.value),
    );
    expect(keys).toEqual(listed.slice(0, 40).map((p) => p.key));
    expect(textOf(pages[0]!)).not.toContain('… and');
    expect(textOf(pages[1]!)).toContain('… and 20 more');
    const seeAll = buttonsOf(pages[1]!).filter((b) => b.action_id === ACTION.seeAllProblems);
    expect(seeAll).toHaveLength(1);
    expect(JSON.parse(seeAll[0]!.value)).toEqual({ view: 'mine', board: 'RECT', offset: 0 });
    const row = await h.deps.db.delivery.findUniqueOrThrow({
      where: { dedupeKey: 'prompt:RECT:cycle-0:UOWNER:page-2' },
    });
    expect(JSON.parse(row.problemKeys!)).toEqual(listed.slice(20, 40).map((p) => p.key));
  });

  it('opens the round in the channel when prompts go there, mentioning who owes updates', async () => {
    await h.deps.db.board.updateMany({ data: { promptsTo: 'both' } });
    const p1 = await problem(h.deps, OWNER.userId);
    await problem(h.deps, OTHER.userId);
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.sent.sort()).toEqual([
      'prompt:RECT:cycle-0:UOTHER',
      'prompt:RECT:cycle-0:UOWNER',
      'round-open:RECT:cycle-0',
    ]);
    const [post] = h.postedFor('round-open:RECT:cycle-0');
    expect(post!.channel).toBe('C0BOARD');
    expect(textOf(post!)).toContain('update round 1 is open');
    expect(textOf(post!)).toContain(`<@UOWNER> — ${p1.key}`);
    expect(textOf(post!)).toContain('<@UOTHER>');
    const row = await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: 'round-open:RECT:cycle-0' } });
    expect(row.channelId).toBe('C0BOARD');
    expect(JSON.parse(row.problemKeys!)).toHaveLength(2);
  });

  it('speaks the board language', async () => {
    await h.deps.db.board.updateMany({ data: { language: 'zh-CN' } });
    await problem(h.deps, OWNER.userId, { deadline: '2026-12-20' });
    await h.run(PROMPT_0, 'cycle-prompts');
    const text = textOf(h.fake.messages[0]!);
    expect(text).toContain('第 1 轮进展更新');
    expect(text).toContain('您负责 1 个未销号问题');
    expect(buttonsOf(h.fake.messages[0]!).map((b) => (b as { text?: { text: string } }).text?.text)).toEqual([
      '汇报进展',
      '无变化',
      '申请销号',
      '申请延期',
    ]);
  });
});

describe('update nudges', () => {
  it('nudges, in the channel by default, only owners who have not reported on everything', async () => {
    const a = await problem(h.deps, OWNER.userId, { title: 'Reported' });
    const b = await problem(h.deps, OWNER.userId, { title: 'Not reported' });
    const c = await problem(h.deps, OTHER.userId, { title: 'Other reported' });
    h.clock.set('2026-11-20T03:00:00Z');
    await reportUpdate(h.deps, OWNER, a.key, { health: 'on_track', percent: 30, note: '' });
    await reportUpdate(h.deps, OTHER, c.key, { health: 'at_risk', percent: 10, note: '' });
    // Assigned after the nudge time: not nudged about.
    h.clock.set('2026-11-27T02:00:00Z');
    await problem(h.deps, 'UNEWBIE', { title: 'Brand new' });

    expect((await h.run('2026-11-27T00:59:00Z', 'update-nudges')).sent).toEqual([]);
    const report = await h.run('2026-11-27T02:30:00Z', 'update-nudges');
    expect(report.sent).toEqual(['nudge:RECT:cycle-0:channel']);
    const [post] = h.fake.messages;
    expect(post!.channel).toBe('C0BOARD');
    expect(textOf(post!)).toContain('update round 1 closes Sun, Nov 29. Not reported yet — 1 person');
    expect(textOf(post!)).toContain(`<@UOWNER> — ${b.key}`);
    expect(textOf(post!)).not.toContain('UOTHER');
    expect(textOf(post!)).not.toContain('UNEWBIE');
    expect((await h.run('2026-11-28T02:30:00Z', 'update-nudges')).sent).toEqual([]);
  });

  it('DMs each owner who has not reported when nudges go to DMs', async () => {
    await h.deps.db.board.updateMany({ data: { nudgesTo: 'dm' } });
    const a = await problem(h.deps, OWNER.userId);
    const b = await problem(h.deps, OTHER.userId);
    h.clock.set('2026-11-20T03:00:00Z');
    await reportUpdate(h.deps, OTHER, b.key, { health: 'on_track', percent: 50, note: '' });
    const report = await h.run(NUDGE_0, 'update-nudges');
    expect(report.sent).toEqual(['nudge:RECT:cycle-0:UOWNER']);
    const [dm] = h.fake.messages;
    expect(dm!.channel).toBe('DOWNER');
    expect(textOf(dm!)).toContain('you have not reported on 1 problem yet');
    expect(buttonsOf(dm!).map((e) => e.value)).toEqual([a.key, a.key, a.key]);
  });
});

describe('cycle digest', () => {
  it('posts the round digest in the channel at the round end with counts, closed, overdue and who has not reported', async () => {
    await h.deps.db.board.updateMany({ data: { digestTo: 'both' } });
    const done = await problem(h.deps, OWNER.userId, { title: 'Closed in round' });
    const late = await problem(h.deps, OWNER.userId, { title: 'Late one', deadline: '2026-11-20' });
    const reported = await problem(h.deps, OTHER.userId, { title: 'Reported one', deadline: '2026-12-30' });
    await problem(h.deps, OTHER.userId, { title: 'Silent one' });
    h.clock.set('2026-11-18T03:00:00Z');
    await reportUpdate(h.deps, OTHER, reported.key, { health: 'on_track', percent: 50, note: '' });
    await requestCloseout(h.deps, OWNER, done.key, { evidence: 'done' });
    await approveCloseout(h.deps, LEADER, (await h.deps.db.closeoutRequest.findFirstOrThrow()).id);

    expect((await h.run('2026-11-30T00:59:00Z', 'cycle-digest')).sent).toEqual([]);
    const report = await h.run(DIGEST_0, 'cycle-digest');
    expect(report.sent.sort()).toEqual(['digest:RECT:cycle-0', 'digest:RECT:cycle-0:ULEADER']);
    const [post] = h.postedFor('digest:RECT:cycle-0');
    expect(post!.channel).toBe('C0BOARD');
    const text = textOf(post!);
    expect(text).toContain('update round 1 digest');
    expect(text).toContain('*4 problems* · 1 closed (25%) · 1 overdue · 2 problems without an update this round');
    expect(text).toContain('*Closed*\n1');
    expect(text).toContain('*Open*\n2');
    expect(text).toContain('*In progress*\n1');
    expect(text).toContain(`*${done.key}* Closed in round`);
    expect(text).toContain(`*${late.key}* · 10 days overdue · <@UOWNER> · Late one`);
    expect(text).toMatch(/<@UOWNER> — RECT-2\n<@UOTHER> — RECT-4/);
    expect(h.postedFor('digest:RECT:cycle-0:ULEADER')[0]!.channel).toBe('DLEADER');
    expect((await h.run('2026-12-05T00:00:00Z', 'cycle-digest')).sent).toEqual([]);
  });
});

describe('deadline reminders', () => {
  // Monday's upcoming-deadlines post goes out with the same job; these tests look at the reminders.
  const reminders = (r: RunReport) => r.sent.filter((k) => k.startsWith('reminder:'));
  const dms = () => h.fake.messages.filter((m) => m.channel.startsWith('D'));

  it('reminds the owner at the offsets, replaces missed offsets by the latest, and skips closed problems', async () => {
    const due = await problem(h.deps, OWNER.userId, { title: 'Due Dec 10', deadline: '2026-12-10' });
    const closed = await problem(h.deps, OWNER.userId, { title: 'Closed', deadline: '2026-12-10' });
    const requested = await problem(h.deps, OTHER.userId, { title: 'Requested', deadline: '2026-12-10' });
    await h.deps.db.problem.update({
      where: { id: closed.id },
      data: { status: 'closed', closedAt: new Date('2026-11-20T00:00:00Z') },
    });
    await requestCloseout(h.deps, OTHER, requested.key, { evidence: 'done' });

    expect(reminders(await h.run('2026-12-03T00:59:00Z', 'deadline-reminders'))).toEqual([]);
    const d7 = await h.run('2026-12-03T01:00:00Z', 'deadline-reminders');
    expect(reminders(d7)).toEqual([`reminder:${due.key}:2026-12-10:d7`]);
    const [dm] = dms();
    expect(dm!.channel).toBe('DOWNER');
    expect(textOf(dm!)).toContain(`*${due.key}* Due Dec 10 is due in 7 days (Thu, Dec 10).`);
    expect(buttonsOf(dm!).map((e) => e.action_id)).toEqual([ACTION.reportProgress, ACTION.requestCloseout]);
    expect(reminders(await h.run('2026-12-05T01:00:00Z', 'deadline-reminders'))).toEqual([]);
    // Down from Dec 5 to Dec 9: the 3-day reminder is not replayed, the 1-day one goes out.
    expect(reminders(await h.run('2026-12-09T04:00:00Z', 'deadline-reminders'))).toEqual([
      `reminder:${due.key}:2026-12-10:d1`,
    ]);
    expect(textOf(dms()[1]!)).toContain('is due tomorrow');
    expect(reminders(await h.run('2026-12-10T01:00:00Z', 'deadline-reminders'))).toEqual([
      `reminder:${due.key}:2026-12-10:d0`,
    ]);
    expect(textOf(dms()[2]!)).toContain('is due today');
    expect(reminders(await h.run('2026-12-11T01:00:00Z', 'deadline-reminders'))).toEqual([]);
    expect(
      dms()
        .map((m) => textOf(m))
        .join(),
    ).not.toMatch(/Closed|Requested/);
  });

  it('reminds measure owners of measures with their own deadlines; closing the problem stops its reminders', async () => {
    const p = await problem(h.deps, OWNER.userId, { title: 'Parent', measures: ['Hire two clerks', 'Train staff'] });
    await editMeasure(h.deps, LEADER, p.key, 1, { deadline: '2026-12-06', ownerId: OTHER.userId });
    await editMeasure(h.deps, LEADER, p.key, 2, { deadline: '2026-12-06', status: 'done' });
    const report = await h.run('2026-12-03T01:00:00Z', 'deadline-reminders');
    expect(reminders(report)).toEqual([`reminder:${p.key}.1:2026-12-06:d3`]);
    const [dm] = dms();
    expect(dm!.channel).toBe('DOTHER');
    expect(textOf(dm!)).toContain(`Measure *${p.key}.1* of *${p.key}* Parent is due in 3 days`);
    expect(textOf(dm!)).toContain('Hire two clerks');

    await h.deps.db.problem.update({
      where: { id: p.id },
      data: { status: 'closed', closedAt: new Date('2026-12-03T02:00:00Z') },
    });
    expect(reminders(await h.run('2026-12-05T01:00:00Z', 'deadline-reminders'))).toEqual([]);
  });

  it('posts the weekly deadlines of the next 14 days in the channel on Monday', async () => {
    const soon = await problem(h.deps, OWNER.userId, { title: 'Soon', deadline: '2026-11-25' });
    await problem(h.deps, OWNER.userId, { title: 'Far', deadline: '2027-01-30' });
    const m = await problem(h.deps, OTHER.userId, { title: 'With measure', measures: ['Fix the form'] });
    await editMeasure(h.deps, LEADER, m.key, 1, { deadline: '2026-12-01' });
    // Monday Nov 23 09:00 Shanghai.
    const report = await h.run('2026-11-23T01:00:00Z', 'deadline-reminders');
    expect(report.sent).toContain('upcoming:RECT:2026-W48');
    const [post] = h.postedFor('upcoming:RECT:2026-W48');
    expect(post!.channel).toBe('C0BOARD');
    const text = textOf(post!);
    expect(text).toContain('Nov 23 – Dec 6: 2 deadlines');
    expect(text).toContain(`Wed, Nov 25 · *${soon.key}* Soon · <@UOWNER>`);
    expect(text).toContain(`Tue, Dec 1 · *${m.key}.1* (measure) Fix the form · <@UOTHER>`);
    expect(text).not.toContain('Far');
    expect((await h.run('2026-11-25T01:00:00Z', 'deadline-reminders')).sent).not.toContain('upcoming:RECT:2026-W48');
  });
});

describe('overdue escalation', () => {
  it('escalates the day after the deadline in the channel, mentioning owner and leaders, once', async () => {
    const late = await problem(h.deps, OWNER.userId, { title: 'Late', deadline: '2026-11-20' });
    const closed = await problem(h.deps, OWNER.userId, { title: 'Closed late', deadline: '2026-11-20' });
    await h.deps.db.problem.update({
      where: { id: closed.id },
      data: { status: 'closed', closedAt: new Date('2026-11-20T05:00:00Z') },
    });

    expect((await h.run('2026-11-21T00:59:00Z', 'overdue-escalation')).sent).toEqual([]);
    const report = await h.run('2026-11-21T01:00:00Z', 'overdue-escalation');
    expect(report.sent).toEqual([`escalation:${late.key}:2026-11-20`]);
    const [post] = h.fake.messages;
    expect(post!.channel).toBe('C0BOARD');
    expect(textOf(post!)).toContain(`*${late.key}* Late is overdue: its deadline was Nov 20 (1 day ago).`);
    expect(textOf(post!)).toContain('Owner: <@UOWNER> · Leaders: <@ULEADER>');
    expect((await h.run('2026-11-22T01:00:00Z', 'overdue-escalation')).sent).toEqual([]);
  });

  it('escalates by DM to the owner and leaders when escalations go to DMs', async () => {
    await h.deps.db.board.updateMany({ data: { escalationTo: 'dm' } });
    const late = await problem(h.deps, OWNER.userId, { deadline: '2026-11-20' });
    const report = await h.run('2026-11-21T03:00:00Z', 'overdue-escalation');
    expect(report.sent.sort()).toEqual([
      `escalation:${late.key}:2026-11-20:ULEADER`,
      `escalation:${late.key}:2026-11-20:UOWNER`,
    ]);
    expect(h.fake.messages.map((m) => m.channel).sort()).toEqual(['DLEADER', 'DOWNER']);
  });

  it('lists everything overdue in a weekly digest on Monday, oldest first; a long-overdue problem is not escalated alone', async () => {
    const old = await problem(h.deps, OWNER.userId, { title: 'Old', deadline: '2026-11-01' });
    const recent = await problem(h.deps, OTHER.userId, { title: 'Recent', deadline: '2026-11-18' });
    await problem(h.deps, OTHER.userId, { title: 'Not yet', deadline: '2026-11-23' });
    const report = await h.run('2026-11-23T01:00:00Z', 'overdue-escalation');
    expect(report.sent.sort()).toEqual([`escalation:${recent.key}:2026-11-18`, 'overdue-weekly:RECT:2026-W48']);
    const text = textOf(h.postedFor('overdue-weekly:RECT:2026-W48')[0]!);
    expect(text).toContain('2 problems are past the deadline');
    expect(text.indexOf(old.key)).toBeLessThan(text.indexOf(recent.key));
    expect(text).toContain(`*${old.key}* · 22 days overdue · <@UOWNER> · Old`);
    expect(text).not.toContain('Not yet');
    expect((await h.run('2026-11-26T01:00:00Z', 'overdue-escalation')).sent).toEqual([`escalation:RECT-3:2026-11-23`]);
  });
});

describe('all jobs', () => {
  it('archived boards get nothing', async () => {
    await problem(h.deps, OWNER.userId, { deadline: '2026-11-20' });
    await archiveBoard(h.deps, ADMIN, 'RECT');
    for (const at of [PROMPT_0, '2026-11-21T01:00:00Z', '2026-11-23T01:00:00Z', NUDGE_0, DIGEST_0]) {
      expect((await h.run(at)).planned).toEqual([]);
    }
    expect(h.fake.messages).toEqual([]);
  });

  it('a dry run shows what would be sent and writes nothing', async () => {
    await problem(h.deps, OWNER.userId);
    const report = await h.run(PROMPT_0, 'all', { dryRun: true });
    expect(report.planned).toEqual(['prompt:RECT:cycle-0:UOWNER']);
    expect(await h.deps.db.delivery.count()).toBe(0);
    expect(h.fake.calls).toEqual([]);
  });

  it('running the same time twice sends nothing new', async () => {
    await problem(h.deps, OWNER.userId, { deadline: '2026-11-20' });
    await problem(h.deps, OTHER.userId, { deadline: '2026-11-30' });
    await h.deps.db.board.updateMany({
      data: {
        promptsTo: 'both',
        nudgesTo: 'both',
        remindersTo: 'both',
        digestTo: 'both',
        escalationTo: 'both',
        upcomingTo: 'both',
      },
    });
    const first = await h.run('2026-11-23T01:00:00Z');
    expect(first.sent.length).toBeGreaterThan(4);
    const count = h.fake.messages.length;
    const second = await h.run('2026-11-23T01:00:00Z');
    expect([second.planned.length, second.sent.length, h.fake.messages.length]).toEqual([0, 0, count]);
    expect(new Set(h.postedKeys()).size).toBe(count);
  });
});

describe('Slack refusals', () => {
  it('marks undeliverable messages failed, tells the leaders once per recipient and reason, and sends the rest', async () => {
    await h.deps.db.board.updateMany({ data: { nudgesTo: 'both' } });
    h.fake.on('chat.postMessage', (args) => {
      if (args.channel === 'UGONE') return { ok: false, error: 'user_not_found' };
      if (args.channel === 'C0BOARD') return { ok: false, error: 'not_in_channel' };
      return undefined;
    });
    await problem(h.deps, 'UGONE', { title: 'Owned by someone gone' });
    await problem(h.deps, 'UGONE', { title: 'Second' });
    await problem(h.deps, OWNER.userId);

    const prompts = await h.run(PROMPT_0, 'cycle-prompts');
    expect(prompts.sent.sort()).toEqual([
      'failure-notice:RECT:UGONE:user_not_found:ULEADER',
      'prompt:RECT:cycle-0:UOWNER',
    ]);
    expect(prompts.failed).toEqual([{ key: 'prompt:RECT:cycle-0:UGONE', reason: 'user_not_found' }]);
    const row = await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: 'prompt:RECT:cycle-0:UGONE' } });
    expect(row).toMatchObject({ state: 'failed', lastError: 'user_not_found', attempts: 1 });
    const [notice] = h.postedFor('failure-notice:RECT:UGONE:user_not_found:ULEADER');
    expect(notice!.channel).toBe('DLEADER');
    expect(textOf(notice!)).toContain('to <@UGONE> (`user_not_found`)');
    expect(textOf(notice!)).toContain('reassign their problems');

    // The nudge fails again for UGONE (no second notice) and in the channel (a notice about the channel).
    const nudges = await h.run(NUDGE_0, 'update-nudges');
    expect(nudges.failed.map((f) => f.key).sort()).toEqual(['nudge:RECT:cycle-0:UGONE', 'nudge:RECT:cycle-0:channel']);
    expect(nudges.sent.sort()).toEqual([
      'failure-notice:RECT:C0BOARD:not_in_channel:ULEADER',
      'nudge:RECT:cycle-0:UOWNER',
    ]);
    expect(textOf(h.postedFor('failure-notice:RECT:C0BOARD:not_in_channel:ULEADER')[0]!)).toContain(
      '/invite @Closeout',
    );
    expect(await h.deps.db.delivery.count({ where: { job: 'failure-notice' } })).toBe(2);
  });

  it('stops sending on an invalid token and keeps everything pending for the next run', async () => {
    await problem(h.deps, OWNER.userId);
    await problem(h.deps, OTHER.userId);
    h.fake.on('chat.postMessage', () => ({ ok: false, error: 'invalid_auth' }));
    const report = await h.run(PROMPT_0, 'cycle-prompts');
    expect(report.aborted).toBe('invalid_auth');
    expect(report.sent).toEqual([]);
    expect(await h.deps.db.delivery.count({ where: { state: 'pending' } })).toBe(2);

    h.fake.reset();
    const retry = await h.run('2026-11-16T01:01:00Z', 'cycle-prompts');
    expect(retry.sent.sort()).toEqual(['prompt:RECT:cycle-0:UOTHER', 'prompt:RECT:cycle-0:UOWNER']);
    expect(h.fake.messages.map(keyOf).sort()).toEqual(['prompt:RECT:cycle-0:UOTHER', 'prompt:RECT:cycle-0:UOWNER']);
  });
});
