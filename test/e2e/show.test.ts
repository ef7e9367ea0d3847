import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import { reportUpdate } from '../../src/services/progress.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { buttonsOf, callAfter, newProblem, seedRect, textOf } from '../support/cards.js';

let app: TestApp;
let requestId: number;
const show = (text: string, user: string) =>
  callAfter(app, 'response_url', () => app.command(`show ${text}`.trim(), user));
const actions = async (text: string, user: string) => buttonsOf(await show(text, user)).map((b) => b.actionId);

beforeAll(async () => {
  app = await TestApp.start();
  await seedRect(app);
  await newProblem(app, { title: 'Queue times at the permit window', deadline: '2026-11-20' }); // RECT-1
  await reportUpdate(app.deps, OWNER, 'RECT-1', {
    health: 'at_risk',
    percent: 60,
    note: 'Hired two clerks',
    measuresDone: [1],
  });
  await newProblem(app, { title: 'Slow pension approvals' }); // RECT-2, closeout requested
  requestId = (
    await requestCloseout(app.deps, OWNER, 'RECT-2', { evidence: 'All three measures are done; photos attached.' })
  ).request.id;
  await newProblem(app, { title: 'Pension office queue' }); // RECT-3
  app.fake.locales.set('UZHOWNER', 'zh-CN');
  await newProblem(app, { title: '窗口排队时间过长', ownerId: 'UZHOWNER', deadline: '2026-11-20' }); // RECT-4
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('/closeout show', () => {
  it('shows the owner the whole card with their buttons', async () => {
    const reply = await show('rect-1', OWNER.userId);
    expect(reply.args.response_type).toBe('ephemeral');
    const text = textOf(reply);
    for (const s of [
      'RECT-1 · Queue times at the permit window',
      'RECT · Rectification list',
      '<@UOWNER>',
      'Traffic brigade',
      'Traffic enforcement',
      'Complaints hotline',
      'OVERDUE 5 days',
      'In progress',
      'At risk',
      '60%',
      'Corrective measures* (1/3 done)',
      'Hire two clerks',
      'Hired two clerks',
    ]) {
      expect(text).toContain(s);
    }
    expect(buttonsOf(reply).map((b) => [b.actionId, b.value])).toEqual([
      [ACTION.reportProgress, 'RECT-1'],
      [ACTION.noChange, 'RECT-1'],
      [ACTION.requestCloseout, 'RECT-1'],
      [ACTION.requestExtension, 'RECT-1'],
    ]);
  });

  it('gives someone else the card without buttons', async () => {
    expect(await actions('RECT-1', OTHER.userId)).toEqual([]);
  });

  it('shows a pending request with its evidence, and Approve/Return to leaders only', async () => {
    const leader = await show('RECT-2', LEADER.userId);
    expect(textOf(leader)).toContain('Closeout requested* by <@UOWNER>');
    expect(textOf(leader)).toContain('photos attached');
    expect(buttonsOf(leader).map((b) => [b.actionId, b.value])).toEqual([
      [ACTION.approve, String(requestId)],
      [ACTION.returnRequest, String(requestId)],
    ]);
    expect(await actions('RECT-2', ADMIN.userId)).toEqual([ACTION.approve, ACTION.returnRequest]);
    expect(await actions('RECT-2', OWNER.userId)).toEqual([]);
    expect(await actions('RECT-2', OTHER.userId)).toEqual([]);
  });

  it('finds a problem by words, or offers the matches', async () => {
    expect(textOf(await show('permit window', OTHER.userId))).toContain('RECT-1 · Queue times at the permit window');
    const pick = await show('pension', OTHER.userId);
    expect(textOf(pick)).toContain('2 problems match “pension”');
    expect(
      buttonsOf(pick)
        .map((b) => b.value)
        .sort(),
    ).toEqual(['RECT-2', 'RECT-3']);
    expect((await show('nothing-like-this', OTHER.userId)).args.text).toContain('No problem matches');
  });

  it('explains what is wrong', async () => {
    expect((await show('', OTHER.userId)).args.text).toContain('Usage: `/closeout show KEY`');
    expect((await show('RECT-999', OTHER.userId)).args.text).toContain('There is no problem RECT-999.');
  });

  it('speaks Chinese to a Chinese owner', async () => {
    const text = textOf(await show('RECT-4', 'UZHOWNER'));
    for (const s of [
      '窗口排队时间过长',
      '问题清单',
      '责任人',
      '责任单位',
      '完成时限',
      '已逾期 5 天',
      '整改措施',
      '尚未汇报进展',
      '汇报进展',
      '无变化',
      '申请销号',
    ]) {
      expect(text).toContain(s);
    }
  });
});
