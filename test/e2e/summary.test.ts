import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, editBoard } from '../../src/services/boards.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';
import { TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: SUMMARY_NOW });
  await seedSummaryDataset(app.deps, app.clock);
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

/** Runs `/closeout <text>` and returns the answer posted to its response_url. */
async function command(
  text: string,
  userId: string,
): Promise<{ text: string; blocks?: unknown[]; response_type?: string }> {
  const before = app.fake.callsTo('response_url').length;
  const res = await app.command(text, userId);
  expect(res.status).toBe(200);
  const reply = await app.fake.waitForCall('response_url', before + 1);
  return reply.args as { text: string; blocks?: unknown[]; response_type?: string };
}

describe('/closeout summary', () => {
  it('gives the leader of one board that board’s summary, ephemerally', async () => {
    const reply = await command('summary', LEADER.userId);
    expect(reply.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('Rectification list (RECT) — summary');
    expect(text).toContain('*8 problems* · 2 closed (25%) · 2 overdue · 3 without an update this round');
    expect(text).toContain('▰▰▰▱▱▱▱▱▱▱  *Livelihood*  1/3 (33%) · :red_circle: 2 overdue');
    expect(text).toContain('*RECT-1* Backlog of unprocessed traffic violations — 21 days · <@UOWNER> · Permits office');
    expect(text).not.toContain('*RECT-3*'); // closed: only in the counts
    expect(text).toContain('*Due in the next 14 days* · 2');
    expect(reply.text).toContain('Rectification list (RECT) — summary');
  });

  it('accepts a board code, in any case or as board:CODE', async () => {
    for (const arg of ['rect', 'board:RECT']) {
      const reply = await command(`summary ${arg}`, LEADER.userId);
      expect(JSON.stringify(reply.blocks)).toContain('(RECT) — summary');
    }
  });

  it('refuses a member in plain words, with or without a code', async () => {
    const bare = await command('summary', OWNER.userId);
    expect(bare.text).toBe(
      ':no_entry: Summaries are for board leaders, and you do not lead any board. Try `/closeout list mine` for your own problems.',
    );
    expect(bare.blocks).toBeUndefined();
    const named = await command('summary RECT', OTHER.userId);
    expect(named.text).toBe(':no_entry: Only leaders of board RECT can do that.');
  });

  it('answers an unknown board and malformed input helpfully', async () => {
    expect((await command('summary NOPE', LEADER.userId)).text).toContain('There is no board with code NOPE.');
    expect((await command('summary RECT extra', LEADER.userId)).text).toContain(
      'Usage: `/closeout summary [CODE] [by:category|unit|owner] [post]`',
    );
  });

  it('asks which board when the user leads several (admins lead every board)', async () => {
    await createBoard(app.deps, ADMIN, {
      code: 'OPS',
      name: 'Ops findings',
      timezone: 'UTC',
      language: 'en',
      leaders: [],
      anchorDate: '2026-11-16',
    });
    const reply = await command('summary', ADMIN.userId);
    expect(reply.text).toBe('You lead several boards — which one? `/closeout summary OPS` · `/closeout summary RECT`');
    const empty = await command('summary OPS', ADMIN.userId);
    expect(JSON.stringify(empty.blocks)).toContain('No problems on this board yet');
  });

  it('speaks Chinese to a zh-CN leader', async () => {
    app.fake.locales.set('UZHLEAD', 'zh-CN');
    await editBoard(app.deps, ADMIN, 'RECT', { leaders: [LEADER.userId, 'UZHLEAD'] });
    const reply = await command('汇总 RECT', 'UZHLEAD');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('Rectification list（RECT）整改情况汇总');
    expect(text).toContain('*共 8 个问题* · 已销号 2 个（25%） · 逾期 2 个 · 本轮未更新 3 个');
    expect(text).toContain('逾期 21 天');
    expect(text).toContain('未分类');
  });
});
