import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChartCache } from '../../../src/charts/chart-cache.js';
import { createLogger } from '../../../src/logging/logger.js';
import { postBoardChart, postChart } from '../../../src/slack/upload/chart.js';
import { dmChannel, uploadFile } from '../../../src/slack/upload/file.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { seedLeaderSummaryDataset } from '../../support/leader-summary-dataset.js';
import { useDb } from '../../support/services.js';

const ctx = useDb();
let fake: FakeSlack;
let client: WebClient;
let logged: { level: number; msg: string }[];
let logger: ReturnType<typeof createLogger>;

beforeEach(async () => {
  fake = await new FakeSlack().start();
  client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  logged = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
      done();
    },
  });
  logger = createLogger('info', sink);
});
afterEach(() => fake.stop());

const methods = () => fake.calls.map((c) => c.method);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('uploadFile', () => {
  it('asks for an upload URL, POSTs the bytes there, then shares the file in the channel and thread', async () => {
    const bytes = Buffer.from('\uFEFFkey,title\r\n', 'utf8');
    const id = await uploadFile(client, {
      channelId: 'C0BOARD',
      threadTs: '1700000000.000001',
      filename: 'RECT.csv',
      title: 'RECT',
      bytes,
      initialComment: 'Here',
    });
    expect(methods()).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
    const [ticket, upload, complete] = fake.calls;
    expect(ticket!.args).toMatchObject({ filename: 'RECT.csv', length: String(bytes.length) });
    expect(upload!.args).toEqual({ bytes: bytes.length, path: `/upload/${id}` });
    expect(fake.uploads[0]!.body.equals(bytes)).toBe(true);
    expect(complete!.args).toMatchObject({
      channel_id: 'C0BOARD',
      thread_ts: '1700000000.000001',
      initial_comment: 'Here',
      files: [{ id, title: 'RECT' }],
    });
  });

  it('opens the DM with a user for files sent to them, once per user', async () => {
    expect(await dmChannel(client, 'ULEADER')).toBe('DLEADER');
    expect(fake.callsTo('conversations.open')[0]!.args).toMatchObject({ users: 'ULEADER' });
    expect(await dmChannel(client, 'ULEADER')).toBe('DLEADER');
    expect(await dmChannel(client, 'UOTHER')).toBe('DOTHER');
    expect(fake.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['ULEADER', 'UOTHER']);
  });

  it('fails loudly when Slack refuses, without sharing anything', async () => {
    fake.on('files.getUploadURLExternal', () => ({ ok: false, error: 'missing_scope' }));
    await expect(
      uploadFile(client, { channelId: 'C1', filename: 'a.png', title: 'a', bytes: Buffer.from('x') }),
    ).rejects.toThrow(/missing_scope/);
    expect(methods()).toEqual(['files.getUploadURLExternal']);
  });
});

describe('postChart and postBoardChart', () => {
  it('postChart logs a failed upload and reports false instead of throwing', async () => {
    fake.on('file_upload', () => ({ status: 500, body: { ok: false } }));
    const ok = await postChart(
      client,
      logger,
      { channelId: 'C0BOARD' },
      { png: Buffer.from('png'), filename: 'x.png', title: 'x' },
    );
    expect(ok).toBe(false);
    expect(methods()).toEqual(['files.getUploadURLExternal', 'file_upload']);
    expect(logged.some((l) => l.level === 50 && l.msg === 'chart upload failed')).toBe(true);
  });

  it('renders the board chart and shares it in the digest thread (what the digest job calls)', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    const ok = await postBoardChart(client, logger, {
      db: ctx.deps.db,
      board,
      at: ctx.clock.now(),
      lang: 'zh-CN',
      channelId: 'C0BOARD',
      threadTs: '1700000000.000009',
    });
    expect(ok).toBe(true);
    expect(methods()).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
    expect(fake.calls[0]!.args).toMatchObject({ filename: 'RECT-2026-11-25.png' });
    expect(fake.uploads[0]!.body.subarray(0, 4)).toEqual(PNG_MAGIC);
    expect(fake.calls[2]!.args).toMatchObject({
      channel_id: 'C0BOARD',
      thread_ts: '1700000000.000009',
      files: [{ title: 'RECT 整改情况图表 — 11月25日' }],
    });
  });

  it('names owners in a by-owner chart from users.info', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    await postBoardChart(client, logger, {
      db: ctx.deps.db,
      board,
      at: ctx.clock.now(),
      lang: 'en',
      channelId: 'C0BOARD',
      by: 'owner',
    });
    expect(
      fake
        .callsTo('users.info')
        .map((c) => c.args.user)
        .sort(),
    ).toEqual(['UOTHER', 'UOWNER']);
    expect(methods().slice(-3)).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
  });

  it('with once, does not share an unchanged chart again in the same conversation, but does after a change or a failure', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    const charts = { cache: createChartCache(), render: async () => Buffer.concat([PNG_MAGIC, Buffer.from('x')]) };
    const post = (channelId: string) =>
      postBoardChart(client, logger, {
        db: ctx.deps.db,
        board,
        at: new Date(),
        lang: 'en',
        channelId,
        charts,
        once: true,
      });
    const shares = () => fake.callsTo('files.completeUploadExternal').map((c) => c.args.channel_id);

    fake.on('file_upload', (_args, n) => (n === 1 ? { status: 500, body: { ok: false } } : undefined));
    expect(await post('DLEADER')).toBe(false);
    expect(await post('DLEADER')).toBe(true); // the failed one did not count as shared
    expect(await post('DLEADER')).toBe(true);
    expect(await post('DOTHER')).toBe(true);
    expect(shares()).toEqual(['DLEADER', 'DOTHER']);

    await ctx.deps.db.problem.updateMany({
      where: { boardId: board.id, status: 'open' },
      data: { status: 'in_progress' },
    });
    expect(await post('DLEADER')).toBe(true);
    expect(shares()).toEqual(['DLEADER', 'DOTHER', 'DLEADER']);
  });

  it('draws one chart for concurrent requests on unchanged data, and a new one once the data changed', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    let renders = 0;
    const charts = {
      cache: createChartCache(),
      render: async () => {
        renders += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return Buffer.concat([PNG_MAGIC, Buffer.from([renders])]);
      },
    };
    const post = () =>
      postBoardChart(client, logger, {
        db: ctx.deps.db,
        board,
        at: new Date(),
        lang: 'en',
        channelId: 'C0BOARD',
        charts,
      });
    expect(await Promise.all(Array.from({ length: 8 }, post))).toEqual(Array(8).fill(true));
    expect(renders).toBe(1);
    // Every request still shares the (cached) PNG.
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(8);
    expect(fake.uploads.every((u) => u.body.equals(fake.uploads[0]!.body))).toBe(true);

    await ctx.deps.db.problem.updateMany({
      where: { boardId: board.id, status: 'open' },
      data: { status: 'in_progress' },
    });
    expect(await post()).toBe(true);
    expect(renders).toBe(2);
    expect(fake.uploads.at(-1)!.body.equals(fake.uploads[0]!.body)).toBe(false);
  });

  it('sends nothing for a board without problems', async () => {
    const board = await seedLeaderSummaryDataset(ctx.deps, ctx.clock);
    const ok = await postBoardChart(client, logger, {
      db: ctx.deps.db,
      board: { ...board, id: -1 },
      at: ctx.clock.now(),
      lang: 'en',
      channelId: 'C0BOARD',
    });
    expect(ok).toBe(false);
    expect(fake.calls).toEqual([]);
  });
});
