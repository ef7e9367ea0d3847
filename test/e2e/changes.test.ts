import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW } from '../../src/slack/ids.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { LEADER2, newProblem, seedRect } from '../support/cards.js';
import { allText, blockOf, callsSince, openByCommand, settle, state, submitView } from '../support/modals.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app, { categories: ['Traffic enforcement', 'Permits'] });
  app.fake.locales.set('UZHLEAD', 'zh-CN');
  app.fake.locales.set('UZHOWN', 'zh-CN');
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const problem = (key: string) =>
  app.db.problem.findUniqueOrThrow({ where: { teamId_key: { teamId: LEADER.teamId, key } } });

const responded = (from: number) =>
  app.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'response_url'));

describe('/closeout edit', () => {
  it('opens the modal with the current values and saves a title; the change is in the history', async () => {
    const p = await newProblem(app);
    const view = await openByCommand(app, `edit ${p.key}`, LEADER.userId);
    expect(view.callback_id).toBe(VIEW.editProblem);
    expect(blockOf(view, 'title')?.element).toMatchObject({ initial_value: p.title });
    expect(blockOf(view, 'deadline')?.element).toMatchObject({ initial_date: '2026-12-20' });
    const from = app.fake.calls.length;
    const res = await submitView(app, LEADER.userId, view, {
      title: state.text('Backlog of traffic violations at the desk'),
      description: state.text('Cases pile up at the desk.'),
      category: state.select('Traffic enforcement'),
      new_category: state.text(null),
      source: state.text('Complaints hotline'),
      unit: state.text('Traffic brigade'),
      deadline: state.date('2026-12-20'),
      reason: state.text(null),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    const confirm = await app.fake.waitFor((c) => c.slice(from).find((x) => x.method === 'chat.postEphemeral'));
    expect(allText(confirm)).toContain(`Saved *${p.key}*: title`);
    expect((await problem(p.key)).title).toBe('Backlog of traffic violations at the desk');
  });

  it('asks for a reason when the deadline moves, then keeps the original and says so in show', async () => {
    const p = await newProblem(app);
    const view = await openByCommand(app, `edit ${p.key}`, LEADER.userId);
    const given = {
      title: state.text(p.title),
      description: state.text(p.description),
      category: state.select('Traffic enforcement'),
      new_category: state.text(null),
      source: state.text('Complaints hotline'),
      unit: state.text('Traffic brigade'),
      deadline: state.date('2027-01-31'),
      reason: state.text(null),
    };
    const refused = await submitView(app, LEADER.userId, view, given);
    expect(refused.json).toMatchObject({ response_action: 'errors', errors: { reason: expect.any(String) } });
    expect((await problem(p.key)).deadline).toBe('2026-12-20');

    await submitView(app, LEADER.userId, view, { ...given, reason: state.text('Hiring takes longer') });
    await app.fake.waitFor(async () => (await problem(p.key)).deadline === '2027-01-31');
    const second = await openByCommand(app, `edit ${p.key}`, LEADER.userId);
    await submitView(app, LEADER.userId, second, {
      ...given,
      deadline: state.date('2027-03-31'),
      reason: state.text('Budget in Q1'),
    });
    await app.fake.waitFor(async () => (await problem(p.key)).deadline === '2027-03-31');
    expect((await problem(p.key)).originalDeadline).toBe('2026-12-20');

    const from = app.fake.calls.length;
    await app.command(`show ${p.key}`, LEADER.userId);
    const card = await responded(from);
    expect(allText(card)).toContain('due Mar 31, 2027 (extended twice, from Dec 20)');
    expect(allText(card)).toContain('Budget in Q1');
  });

  it('a second leader saving over a newer edit sees the newer values and must confirm', async () => {
    const p = await newProblem(app);
    const first = await openByCommand(app, `edit ${p.key}`, LEADER.userId);
    const second = await openByCommand(app, `edit ${p.key}`, LEADER2.userId);
    const base = {
      description: state.text(p.description),
      category: state.select('Traffic enforcement'),
      new_category: state.text(null),
      source: state.text('Complaints hotline'),
      unit: state.text('Traffic brigade'),
      deadline: state.date('2026-12-20'),
      reason: state.text(null),
    };
    await submitView(app, LEADER.userId, first, { ...base, title: state.text('Title by leader one') });
    await app.fake.waitFor(async () => (await problem(p.key)).title === 'Title by leader one');

    const res = await submitView(app, LEADER2.userId, second, { ...base, title: state.text('Title by leader two') });
    const json = res.json as { response_action: string; view: { blocks: unknown[]; private_metadata: string } };
    expect(json.response_action).toBe('update');
    expect(JSON.stringify(json.view.blocks)).toContain('changed');
    expect(JSON.stringify(json.view.blocks)).toContain('Title by leader one');
    expect(JSON.stringify(json.view.blocks)).toContain('Title by leader two'); // their own answer is kept
    await settle();
    expect((await problem(p.key)).title).toBe('Title by leader one');

    // Confirming saves theirs.
    const again = { ...(json.view as never as Parameters<typeof submitView>[2]), callback_id: VIEW.editProblem };
    await submitView(app, LEADER2.userId, again as never, { ...base, title: state.text('Title by leader two') });
    await app.fake.waitFor(async () => (await problem(p.key)).title === 'Title by leader two');
  });

  it('a member cannot edit; an owner gets only the fields owners may change', async () => {
    const p = await newProblem(app);
    const from = app.fake.calls.length;
    await app.command(`edit ${p.key}`, OTHER.userId);
    expect(allText(await responded(from))).toContain('Only leaders of board RECT can do that.');
    expect(callsSince(app, from, 'views.open')).toEqual([]);

    const view = await openByCommand(app, `edit ${p.key}`, OWNER.userId);
    expect(blockOf(view, 'title')).toBeUndefined();
    expect(blockOf(view, 'deadline')).toBeUndefined();
    expect(blockOf(view, 'unit')).toBeDefined();
  });

  it('without a key opens a picker, in Chinese for a Chinese leader', async () => {
    await seedRect(app, { code: 'ZH', name: '整改清单', leaders: ['UZHLEAD'], language: 'zh-CN' });
    await newProblem(app, {}, 'ZH').catch(() => undefined);
    const view = await openByCommand(app, 'edit', LEADER.userId);
    expect(view.callback_id).toBe(VIEW.changePick);
  });
});

describe('/closeout reassign', () => {
  it('moves the problem and its old owner’s measures; both owners are DMed once', async () => {
    const p = await newProblem(app);
    const m = await app.db.measure.findFirstOrThrow({ where: { problemId: p.id, number: 1 } });
    await app.db.measure.update({ where: { id: m.id }, data: { ownerId: OWNER.userId } });
    const from = app.fake.calls.length;
    await app.command(`reassign ${p.key} <@UNEWOWN|wang> please take over`, LEADER.userId);
    expect(allText(await responded(from))).toContain(`*${p.key}* now belongs to <@UNEWOWN>`);
    const dms = await app.fake.waitFor((calls) => {
      const posts = calls.slice(from).filter((c) => c.method === 'chat.postMessage' && allText(c).includes(p.key));
      return posts.length >= 2 ? posts : undefined;
    });
    expect(dms.map((c) => c.args.channel).sort()).toEqual(['UNEWOWN', 'UOWNER']);
    expect(allText(dms.find((c) => c.args.channel === 'UNEWOWN')!)).toContain('please take over');
    expect((await problem(p.key)).ownerId).toBe('UNEWOWN');
    expect((await app.db.measure.findUniqueOrThrow({ where: { id: m.id } })).ownerId).toBeNull();
    await app.running.ctx.followUps.idle();
    const deliveries = await app.db.delivery.findMany({
      where: { job: 'follow-up', problemKeys: { contains: p.key } },
    });
    expect(deliveries.map((d) => d.state)).toEqual(['sent', 'sent']);
  });

  it('without a user opens the modal; an owner cannot reassign', async () => {
    const p = await newProblem(app);
    const view = await openByCommand(app, `reassign ${p.key}`, LEADER.userId);
    expect(view.callback_id).toBe(VIEW.reassign);
    const from = app.fake.calls.length;
    await app.command(`reassign ${p.key} <@UOTHER|x>`, OWNER.userId);
    expect(allText(await responded(from))).toContain('Only leaders of board RECT can do that.');
    expect((await problem(p.key)).ownerId).toBe(OWNER.userId);
  });
});

describe('/closeout reopen, withdraw, restore', () => {
  it('reopens a closed problem with a reason and tells the owner', async () => {
    const p = await newProblem(app);
    const { request } = await requestCloseout(app.deps, OWNER, p.key, { evidence: 'done' });
    await approveCloseout(app.deps, LEADER, request.id);
    const from = app.fake.calls.length;
    await app.command(`reopen ${p.key} The backlog came back`, LEADER.userId);
    expect(allText(await responded(from))).toContain(`Reopened *${p.key}*`);
    const dm = await app.fake.waitFor((calls) =>
      calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === OWNER.userId),
    );
    expect(allText(dm)).toContain('reopened');
    expect(allText(dm)).toContain('The backlog came back');
    expect((await problem(p.key)).status).toBe('in_progress');
  });

  it('withdraw leaves the list and restore brings it back; an owner cannot withdraw', async () => {
    const p = await newProblem(app, { title: 'Duplicate of another problem' });
    let from = app.fake.calls.length;
    await app.command(`withdraw ${p.key} merged into RECT-1`, OWNER.userId);
    expect(allText(await responded(from))).toContain('Only leaders of board RECT can do that.');

    from = app.fake.calls.length;
    await app.command(`withdraw ${p.key} merged into RECT-1`, LEADER.userId);
    expect(allText(await responded(from))).toContain(`Withdrew *${p.key}*`);
    expect((await problem(p.key)).status).toBe('withdrawn');

    from = app.fake.calls.length;
    await app.command('list all', LEADER.userId);
    expect(allText(await responded(from))).not.toContain('Duplicate of another problem');

    from = app.fake.calls.length;
    await app.command(`restore ${p.key}`, LEADER.userId);
    expect(allText(await responded(from))).toContain(`Restored *${p.key}*`);
    expect((await problem(p.key)).status).toBe('open');
  });

  it('answers in Chinese for a Chinese leader', async () => {
    const p = await newProblem(app);
    await app.db.boardLeader.create({ data: { boardId: p.boardId, userId: 'UZHLEAD' } });
    const from = app.fake.calls.length;
    await app.command(`withdraw ${p.key} 误录`, 'UZHLEAD');
    expect(allText(await responded(from))).toContain(`已撤销 *${p.key}*`);
  });
});
