import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, seedBoard } from '../support/fixtures.js';
import { blockOf, callAfter, openByCommand } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/**
 * The hints teach `board:RECT` (`/closeout list overdue board:RECT`), so every command that takes a board code
 * takes it that way too, as well as `RECT`, `rect` and `清单：RECT`; an unknown code is named without its prefix.
 */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
  await seedBoard(app.deps, { code: 'OPS', name: 'Ops findings', leaders: [LEADER.userId] });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const reply = async (text: string, userId: string) =>
  String((await callAfter(app, 'response_url', () => app.command(text, userId))).args.text);

describe('board:CODE wherever a board code goes', () => {
  it.each(['new board:OPS', 'new ops', 'new 清单：OPS', 'new BOARD:ops', 'new board: OPS', 'new 清单： ops'])(
    '%s opens the modal on that board',
    async (text) => {
      const view = await openByCommand(app, text, LEADER.userId);
      expect(view.callback_id).toBe(VIEW.newProblem);
      expect(blockOf(view, 'board')?.element).toMatchObject({ initial_option: { value: 'OPS' } });
    },
  );

  it('names an unknown board without the prefix', async () => {
    expect(await reply('new board:NOPE', LEADER.userId)).toContain('There is no board with code NOPE.');
    expect(await reply('board edit board:NOPE', ADMIN.userId)).toContain('There is no board with code NOPE.');
  });

  it('names a code of 39,000 characters by its first 200 only (the whole echo was over Slack’s 40,000)', async () => {
    const answer = await reply(`new ${'标'.repeat(39_000)}`, LEADER.userId);
    expect(answer).toContain(`There is no board with code ${'标'.repeat(199)}…`);
    expect(answer.length).toBeLessThan(400);
    expect(await reply(`close RECT-${'9'.repeat(30_000)}`, LEADER.userId)).toMatch(/^.{0,300}…\.$/u);
  });

  it('board edit board:CODE opens that board', async () => {
    const view = await openByCommand(app, 'board edit board: rect', ADMIN.userId);
    expect(view.callback_id).toBe(VIEW.board);
    expect(view.title.text).toBe('Edit problem list');
    expect(blockOf(view, 'name')?.element).toMatchObject({ initial_value: 'Rectification list' });
  });

  it('summary, export and import take board:CODE', async () => {
    expect(await reply('import board:OPS', LEADER.userId)).toContain('with `OPS` as its message');
    expect(await reply('summary board:OPS', LEADER.userId)).not.toContain('Usage');
    expect(await reply('export board:OPS csv', LEADER.userId)).not.toContain('Usage');
  });
});
