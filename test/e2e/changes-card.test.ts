import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { editProblem } from '../../src/services/problems.js';
import { exportCsv } from '../../src/services/csv-export.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { newProblem, seedRect } from '../support/cards.js';
import { allText, blockOf, callAfter, openByCommand, state, submitView, viewOf } from '../support/modals.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
  app.fake.locales.set('UZHLEAD', 'zh-CN');
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const responded = (from: number) =>
  app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'response_url'));

type Block = {
  type: string;
  block_id?: string;
  elements?: { type: string; action_id?: string; options?: { value: string }[]; value?: string }[];
};

describe('the problem card for leaders', () => {
  it('has a ⋯ menu for leaders only, whose choices open the modals', async () => {
    const p = await newProblem(app);
    let from = app.fake.calls.length;
    await app.command(`show ${p.key}`, LEADER.userId);
    const blocks = (await responded(from)).args.blocks as Block[];
    const menu = blocks.flatMap((b) => b.elements ?? []).find((e) => e.type === 'overflow');
    expect(menu?.options?.map((o) => o.value)).toEqual([
      `edit:${p.key}`,
      `reassign:${p.key}`,
      `measures:${p.key}`,
      `withdraw:${p.key}`,
    ]);
    from = app.fake.calls.length;
    await app.command(`show ${p.key}`, OWNER.userId);
    const ownerBlocks = (await responded(from)).args.blocks as Block[];
    expect(ownerBlocks.flatMap((b) => b.elements ?? []).some((e) => e.type === 'overflow')).toBe(false);

    const opened = await callAfter(app, 'views.open', () =>
      app.click({
        userId: LEADER.userId,
        actionId: ACTION.problemMenu,
        selected: `reassign:${p.key}`,
        blockId: 'card_actions',
        message: { channel: 'C0HERE', ts: '1', ephemeral: true },
      }),
    );
    expect(viewOf(opened).callback_id).toBe(VIEW.reassign);
  });

  it('reassigns from the modal: both owners are DMed, the problem moves', async () => {
    const p = await newProblem(app);
    const view = await openByCommand(app, `reassign ${p.key}`, LEADER.userId);
    const from = app.fake.calls.length;
    await submitView(app, LEADER.userId, view, {
      owner: state.user(OTHER.userId),
      note: state.text('You know the desk'),
    });
    const dms = await app.fake.waitFor((calls) => {
      const posts = calls.slice(from).filter((c) => c.method === 'chat.postMessage' && allText(c).includes(p.key));
      return posts.length >= 2 ? posts : undefined;
    });
    expect(dms.map((c) => c.args.channel).sort()).toEqual([OTHER.userId, OWNER.userId]);
    expect((await app.db.problem.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBe(OTHER.userId);
  });

  it('adds a measure with its own owner and deadline, edits one and retires one (keys never reused)', async () => {
    const p = await newProblem(app);
    const view = await openByCommand(app, `measures ${p.key}`, LEADER.userId);
    expect(view.callback_id).toBe(VIEW.measures);
    expect(blockOf(view, 'm1.text')?.element).toMatchObject({ initial_value: 'Hire two clerks' });
    const from = app.fake.calls.length;
    const res = await submitView(app, LEADER.userId, view, {
      'm1.text': state.text('Hire three clerks'),
      'm1.owner': state.user(null),
      'm1.deadline': state.date(null),
      'm1.retire': state.checks([]),
      'm2.text': state.text('Open a second window'),
      'm2.owner': state.user(null),
      'm2.deadline': state.date(null),
      'm2.retire': state.checks(['retire']),
      'm3.text': state.text('Weekly backlog report'),
      'm3.owner': state.user(null),
      'm3.deadline': state.date(null),
      'm3.retire': state.checks([]),
      'new.texts': state.text('Publish queue times daily'),
      'new.owner': state.user(OTHER.userId),
      'new.deadline': state.date('2026-12-10'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    const confirm = await app.fake.waitFor((c) => c.slice(from).find((x) => x.method === 'chat.postEphemeral'));
    expect(allText(confirm)).toContain('1 added, 1 changed, 1 retired');
    const measures = await app.db.measure.findMany({ where: { problemId: p.id }, orderBy: { number: 'asc' } });
    expect(measures.map((m) => [m.number, m.text, m.ownerId, m.deadline, m.retiredAt !== null])).toEqual([
      [1, 'Hire three clerks', null, null, false],
      [2, 'Open a second window', null, null, true],
      [3, 'Weekly backlog report', null, null, false],
      [4, 'Publish queue times daily', OTHER.userId, '2026-12-10', false],
    ]);
    // The card shows the new measure with its owner and deadline, and not the retired one.
    const card = await callAfter(app, 'response_url', () => app.command(`show ${p.key}`, LEADER.userId));
    expect(allText(card)).toContain('Publish queue times daily');
    expect(allText(card)).toContain(`by <@${OTHER.userId}>`);
    expect(allText(card)).not.toContain('Open a second window');
    expect(allText(card)).toContain(`retired measure ${p.key}.2`);
  });

  it('an owner may add measures but not edit or assign them', async () => {
    const p = await newProblem(app);
    const view = await openByCommand(app, `measures ${p.key}`, OWNER.userId);
    expect(blockOf(view, 'm1.text')).toBeUndefined();
    expect(blockOf(view, 'new.owner')).toBeUndefined();
    await submitView(app, OWNER.userId, view, { 'new.texts': state.text('Ask the brigade for help') });
    await app.fake.waitFor(async () => (await app.db.measure.count({ where: { problemId: p.id } })) === 4);
  });

  it('pages a long history within Block Kit limits', async () => {
    const p = await newProblem(app);
    for (let i = 1; i <= 14; i++) await editProblem(app.deps, LEADER, p.key, { title: `Title ${i}` });
    const card = await callAfter(app, 'response_url', () => app.command(`show ${p.key}`, LEADER.userId));
    expect(allText(card)).toContain('*History* · 1–10 of 15');
    const more = (card.args.blocks as Block[]).find((b) => b.block_id === 'card_history_more');
    const value = more?.elements?.[0]?.value ?? '';
    expect(value).toBe(`${p.key}:10`);
    const page = await callAfter(app, 'response_url', () =>
      app.click({
        userId: LEADER.userId,
        actionId: ACTION.historyPage,
        value,
        blockId: 'card_history_more',
        message: { channel: 'C0HERE', ts: '1', ephemeral: true },
      }),
    );
    expect(allText(page)).toContain('*History* · 11–15 of 15');
    expect(allText(page)).toContain('created it');
  });

  it('exports the original deadline and the number of extensions', async () => {
    const p = await newProblem(app, { title: 'Exported with its story' });
    await editProblem(app.deps, LEADER, p.key, { deadline: '2027-01-31' }, { reason: 'Hiring' });
    await editProblem(app.deps, LEADER, p.key, { deadline: '2027-03-31' }, { reason: 'Budget' });
    const { csv } = await exportCsv(app.deps, LEADER, 'RECT');
    expect(csv.split('\r\n')[0]).toContain('original deadline,extensions');
    expect(csv).toMatch(
      new RegExp(`${p.key},Exported with its story,[^\\r]*?,2027-03-31,open,"[^"]*",2026-12-20,2,,,,,,\\r\\n`),
    );
  });

  it('speaks Chinese to a Chinese leader', async () => {
    const p = await newProblem(app);
    await app.db.boardLeader.create({ data: { boardId: p.boardId, userId: 'UZHLEAD' } });
    const view = await openByCommand(app, `edit ${p.key}`, 'UZHLEAD');
    expect(view.title.text).toBe(`修改 ${p.key}`);
    const card = await callAfter(app, 'response_url', () => app.command(`show ${p.key}`, 'UZHLEAD'));
    expect(allText(card)).toContain('变更记录');
  });
});
