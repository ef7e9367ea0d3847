import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editBoard } from '../../src/services/boards.js';
import { importCsv } from '../../src/services/csv-import.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { ADMIN, LEADER, OWNER } from '../support/fixtures.js';
import { LEADER_SUMMARY_NOW, seedLeaderSummaryDataset } from '../support/leader-summary-dataset.js';
import { TestApp } from '../support/test-app.js';

let app: TestApp;
/** Per-test failures to inject; undefined answers normally. */
const fail: Partial<Record<string, string>> = {};

beforeAll(async () => {
  app = await TestApp.start({ at: LEADER_SUMMARY_NOW });
  await seedLeaderSummaryDataset(app.deps, app.clock);
  for (const method of ['chat.postMessage', 'files.getUploadURLExternal']) {
    app.fake.on(method, () => (fail[method] ? { ok: false, error: fail[method] } : undefined));
  }
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Runs `/closeout <text>`; returns the answer posted to its response_url and the calls made from then on. */
async function command(text: string, userId: string) {
  const from = app.fake.calls.length;
  const before = app.fake.callsTo('response_url').length;
  const res = await app.command(text, userId);
  expect(res.status).toBe(200);
  const reply = await app.fake.waitForCall('response_url', before + 1);
  return {
    reply: reply.args as { text: string; blocks?: unknown[]; response_type?: string },
    /** Calls made since the command, once `method` has been called (waits for it). */
    after: async (method?: string): Promise<SlackCall[]> => {
      if (method) await app.fake.waitFor((calls) => calls.slice(from).some((c) => c.method === method), 15_000);
      return app.fake.calls.slice(from);
    },
  };
}

const uploadSteps = (calls: SlackCall[]) =>
  calls.filter((c) => c.method.startsWith('files.') || c.method === 'file_upload').map((c) => c.method);

describe('/closeout summary by:unit post', () => {
  it('posts the summary in the board channel, tells the leader, then shares the chart there', async () => {
    const { reply, after } = await command('summary by:unit post', LEADER.userId);
    expect(reply).toMatchObject({
      response_type: 'ephemeral',
      text: ':white_check_mark: Posted the RECT summary in <#C0BOARD>.',
    });
    const calls = await after('files.completeUploadExternal');
    const methods = calls.map((c) => c.method);
    expect(methods.indexOf('chat.postMessage')).toBeLessThan(methods.indexOf('files.getUploadURLExternal'));
    expect(uploadSteps(calls)).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);

    const post = calls.find((c) => c.method === 'chat.postMessage')!;
    expect(post.args.channel).toBe('C0BOARD');
    const text = JSON.stringify(post.args.blocks);
    expect(text).toContain('*9 problems* · 2 closed (22%) · 3 overdue · 4 without an update this round');
    expect(text).toContain('Since the last round ended (Nov 15): *+1* closed · *+2* newly overdue · *+2* new');
    expect(text).toContain('*By unit* · closed/total');
    expect(text).toContain('▱▱▱▱▱▱▱▱▱▱  *Traffic police*  0/3 (0%) · :red_circle: 2 overdue');
    expect(text).toContain('▰▰▰▱▱▱▱▱▱▱  *Permits office*  1/3 (33%) · :red_circle: 1 overdue');
    expect(text).toContain('▰▰▰▰▰▰▰▰▰▰  _No unit_  1/1 (100%)');
    expect(text).toContain('*RECT-1* Backlog of unprocessed traffic violations — 21 days · <@UOWNER> · Traffic police');

    const complete = calls.find((c) => c.method === 'files.completeUploadExternal')!;
    expect(complete.args).toMatchObject({ channel_id: 'C0BOARD' });
    expect(complete.args.thread_ts).toBeUndefined();
    const ticket = calls.find((c) => c.method === 'files.getUploadURLExternal')!;
    expect(ticket.args.filename).toBe('RECT-2026-11-25.png');
    const png = app.fake.uploads.at(-1)!.body;
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(Number(ticket.args.length)).toBe(png.length);
  });

  it('still posts the text when the chart cannot be uploaded', async () => {
    fail['files.getUploadURLExternal'] = 'missing_scope';
    try {
      const { reply, after } = await command('summary RECT post', LEADER.userId);
      expect(reply.text).toBe(':white_check_mark: Posted the RECT summary in <#C0BOARD>.');
      const calls = await after('files.getUploadURLExternal');
      expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
      expect(uploadSteps(calls)).toEqual(['files.getUploadURLExternal']);
    } finally {
      delete fail['files.getUploadURLExternal'];
    }
  });

  it('tells the leader plainly to invite the bot when it is not in the channel', async () => {
    fail['chat.postMessage'] = 'not_in_channel';
    try {
      const { reply, after } = await command('summary post', LEADER.userId);
      expect(reply.text).toBe(
        ':warning: I could not post in <#C0BOARD>: I am not a member of that channel. Type `/invite @Closeout` there, then run `/closeout summary RECT post` again.',
      );
      expect(uploadSteps(await after())).toEqual([]);
    } finally {
      delete fail['chat.postMessage'];
    }
  });

  it('refuses members, posting nothing', async () => {
    const { reply, after } = await command('summary RECT post', OWNER.userId);
    expect(reply.text).toBe(':no_entry: Only leaders of board RECT can do that.');
    expect((await after()).filter((c) => c.method === 'chat.postMessage' || c.method.startsWith('files.'))).toEqual([]);
  });

  it('says so when the board has no channel', async () => {
    await editBoard(app.deps, ADMIN, 'RECT', { channelId: null });
    try {
      const { reply } = await command('summary post', LEADER.userId);
      expect(reply.text).toBe(
        ':no_entry: Board RECT has no channel to post in. An admin can set one with `/closeout board edit RECT`.',
      );
    } finally {
      await editBoard(app.deps, ADMIN, 'RECT', { channelId: 'C0BOARD' });
    }
  });

  it('without post, answers ephemerally and sends the chart to the leader’s DM, in their language', async () => {
    app.fake.locales.set('UZHLEAD', 'zh-CN');
    await editBoard(app.deps, ADMIN, 'RECT', { leaders: [LEADER.userId, 'UZHLEAD'] });
    const { reply, after } = await command('汇总 按:责任人', 'UZHLEAD');
    expect(reply.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('*按责任人* · 已销号/总数');
    expect(text).toContain('<@UOTHER>  0/4（0%） · :red_circle: 逾期 1 个');
    const calls = await after('files.completeUploadExternal');
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(calls.find((c) => c.method === 'conversations.open')!.args).toMatchObject({ users: 'UZHLEAD' });
    const complete = calls.find((c) => c.method === 'files.completeUploadExternal')!;
    expect(complete.args).toMatchObject({
      channel_id: 'DZHLEAD',
      initial_comment: ':bar_chart: Rectification list（RECT）截至 11月25日',
    });
  });
});

describe('/closeout export', () => {
  it('DMs the leader the board as a UTF-8 CSV with a BOM that re-imports unchanged', async () => {
    const { reply, after } = await command('export', LEADER.userId);
    expect(reply.text).toBe(':inbox_tray: Sent `RECT-2026-11-25.csv` to you in a direct message (9 problems).');
    const calls = await after('files.completeUploadExternal');
    expect(calls.find((c) => c.method === 'conversations.open')!.args).toMatchObject({ users: LEADER.userId });
    expect(uploadSteps(calls)).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
    const complete = calls.find((c) => c.method === 'files.completeUploadExternal')!;
    expect(complete.args).toMatchObject({ channel_id: 'DLEADER', files: [{ title: 'RECT-2026-11-25.csv' }] });
    expect(String(complete.args.initial_comment)).toContain(
      '*Rectification list (RECT)* as of Nov 25: 9 problems, 9 measures.',
    );

    const csv = app.fake.uploads.at(-1)!.body;
    expect(csv.subarray(0, 3)).toEqual(BOM);
    expect(csv.toString('utf8')).toContain('RECT-3,Missing opening hours <notice> & signs,');
    const again = await importCsv(app.deps, LEADER, 'RECT', csv);
    expect(again).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 9 });
  });

  it('refuses members plainly and sends no file', async () => {
    const { reply, after } = await command('export RECT', OWNER.userId);
    expect(reply.text).toBe(':no_entry: Only leaders of board RECT can do that.');
    expect(uploadSteps(await after())).toEqual([]);
    const bare = await command('export', OWNER.userId);
    expect(bare.reply.text).toBe(
      ':no_entry: Exports are for board leaders and admins, and you do not lead any board. Try `/closeout list mine` for your own problems.',
    );
  });

  it('lets admins export any board, and explains its usage', async () => {
    const { reply } = await command('导出 rect', ADMIN.userId);
    expect(reply.text).toContain('Sent `RECT-2026-11-25.csv`');
    expect((await command('export RECT OPS', ADMIN.userId)).reply.text).toBe(
      'Usage: `/closeout export [CODE] [xlsx]` — e.g. `/closeout export RECT xlsx`',
    );
  });
});
