import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMeasureChanges } from '../../src/services/measure-changes.js';
import { editProblem } from '../../src/services/problems.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { LEADER2, newProblem, seedRect } from '../support/cards.js';
import { openByCommand, settle, state, submitView, type SentView } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/**
 * The measures modal checks versions, like the edit modal (issue 20): a leader who saves measures after
 * someone else changed the problem or its measures gets an inline note, and nothing of theirs is written
 * over the other person's change.
 */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  app.fake.locales.set(LEADER2.userId, 'zh-CN');
  await seedRect(app);
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const measureTexts = async (key: string) =>
  (
    await app.db.measure.findMany({ where: { problem: { key } }, orderBy: { number: 'asc' }, select: { text: true } })
  ).map((m) => m.text);

const answers = (first: string, added = '') => ({
  'm1.text': state.text(first),
  'm1.owner': state.user(null),
  'm1.deadline': state.date(null),
  'm1.retire': state.checks([]),
  'm2.text': state.text('Open a second window'),
  'm2.owner': state.user(null),
  'm2.deadline': state.date(null),
  'm2.retire': state.checks([]),
  'm3.text': state.text('Weekly backlog report'),
  'm3.owner': state.user(null),
  'm3.deadline': state.date(null),
  'm3.retire': state.checks([]),
  'new.texts': state.text(added),
  'new.owner': state.user(null),
  'new.deadline': state.date(null),
});

async function twoModals(key: string): Promise<[SentView, SentView]> {
  return [
    await openByCommand(app, `measures ${key}`, LEADER.userId),
    await openByCommand(app, `measures ${key}`, LEADER2.userId),
  ];
}

describe('the measures modal is refused when stale', () => {
  it('a second leader saving a modal opened before the first one saved gets an inline note; nothing is written', async () => {
    const p = await newProblem(app);
    const [theirs, mine] = await twoModals(p.key);
    expect(JSON.parse(mine.private_metadata)).toMatchObject({ key: p.key, version: 1 });
    const first = await submitView(app, LEADER2.userId, mine, answers('Hire three clerks'));
    expect(first.json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(async () => (await measureTexts(p.key))[0] === 'Hire three clerks');

    const second = await submitView(app, LEADER.userId, theirs, answers('Hire two clerks', 'Ask for a budget'));
    expect(second.json).toEqual({
      response_action: 'errors',
      errors: {
        'm1.text': `Someone else changed ${p.key} since you opened this form. Copy what you typed, close it and open the measures again to see their changes.`,
      },
    });
    await settle(200);
    expect(await measureTexts(p.key)).toEqual(['Hire three clerks', 'Open a second window', 'Weekly backlog report']);
  });

  it('an edit of the problem since the modal opened also makes it stale (in Chinese for a zh-CN user)', async () => {
    const p = await newProblem(app);
    const view = await openByCommand(app, `measures ${p.key}`, LEADER2.userId);
    await editProblem(app.deps, LEADER, p.key, { title: 'Renamed meanwhile' });
    const res = await submitView(app, LEADER2.userId, view, answers('Hire two clerks', 'Ask for a budget'));
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(res.json)).toContain('已被他人修改');
    expect(await app.db.measure.count({ where: { problem: { key: p.key } } })).toBe(3);
  });

  it('a modal opened after the change saves; an owner who only adds measures is checked the same way', async () => {
    const p = await newProblem(app);
    await applyMeasureChanges(app.deps, LEADER, p.key, [], { texts: ['Added by a leader'] });
    const fresh = await openByCommand(app, `measures ${p.key}`, OWNER.userId);
    expect(JSON.parse(fresh.private_metadata)).toMatchObject({ version: 2 });
    const res = await submitView(app, OWNER.userId, fresh, { 'new.texts': state.text('Added by the owner') });
    expect(res.json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(async () => (await measureTexts(p.key)).length === 5);
    // The owner's modal, now stale, is refused on its only field.
    const again = await submitView(app, OWNER.userId, fresh, { 'new.texts': state.text('Once more') });
    expect(again.json).toMatchObject({ response_action: 'errors', errors: { 'new.texts': expect.any(String) } });
  });

  it('the service refuses a stale version itself (a change between the check and the save)', async () => {
    const p = await newProblem(app);
    await applyMeasureChanges(app.deps, LEADER, p.key, [], { texts: ['One more'] });
    await expect(
      applyMeasureChanges(app.deps, LEADER, p.key, [], { texts: ['Stale'] }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({ key: 'error.problem_changed' });
    expect(await measureTexts(p.key)).not.toContain('Stale');
  });
});
