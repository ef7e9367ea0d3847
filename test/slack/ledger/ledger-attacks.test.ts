import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger.js';
import { createProblem, editProblem } from '../../../src/services/problems.js';
import { editBoard } from '../../../src/services/boards.js';
import { createLedgerSync, ledgerClient, type LedgerSync } from '../../../src/slack/ledger/ledger-sync.js';
import { ADMIN, LEADER, OWNER, seedBoard } from '../../support/fixtures.js';
import { harness, problem, type Harness } from '../../support/jobs.js';

/**
 * The live ledger attacked (issue 24): every way Slack refuses a canvas, a canvas deleted in Slack, rate
 * limits, a burst of changes on many boards, and titles written to break the table or ping people.
 */
let h: Harness;
let sync: LedgerSync;
const syncOn = (client: WebClient) =>
  createLedgerSync({ db: h.deps.db, client, logger: createLogger('silent'), clock: h.clock, minIntervalMs: 60_000 });
beforeEach(async () => {
  h = await harness('2026-11-25T02:00:00Z');
  await seedBoard(h.deps, { ledger: 'canvas' });
  await problem(h.deps, OWNER.userId, { title: 'Queue times', deadline: '2026-12-20' });
  sync = syncOn(ledgerClient('xoxb-test', h.fake.apiUrl));
});
afterEach(() => h.stop());

const canvasCalls = () => h.fake.calls.filter((c) => c.method.includes('canvases'));
const advance = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms).toISOString());
const markdownOf = (args: Record<string, unknown>): string =>
  (
    (args.document_content ?? (args.changes as { document_content: unknown }[])[0]!.document_content) as {
      markdown: string;
    }
  ).markdown;
const change = (key: string, title: string, board = 'RECT') =>
  editProblem(h.deps, LEADER, key.replace('RECT', board), { title });

describe('Slack refusing canvases', () => {
  it.each([
    ['free_team_canvas_tab_already_exists', 'one canvas tab'],
    ['channel_canvas_already_exists', 'already has a canvas'],
    ['canvas_disabled_user_team', 'allows canvases'],
    ['not_allowed', 'allows canvases'],
    ['missing_scope', 'canvases:write'],
  ])('%s: the leaders are told once, with what to do, and no canvas call is made again', async (error, advice) => {
    h.fake.on('conversations.canvases.create', () => ({ ok: false, error }));
    expect(await sync.tick()).toEqual([]);
    for (let i = 0; i < 3; i++) {
      advance(120_000);
      await change('RECT-1', `Changed ${i}`);
      expect(await sync.tick()).toEqual([]);
    }
    expect(h.fake.callsTo('conversations.canvases.create')).toHaveLength(1);
    const told = h.fake.callsTo('chat.postMessage');
    expect(told.map((c) => c.args.channel)).toEqual([LEADER.userId]);
    expect(String(told[0]!.args.text)).toContain(advice);
  });

  it('tells them in Chinese on a Chinese board', async () => {
    await editBoard(h.deps, ADMIN, 'RECT', { language: 'zh-CN' });
    h.fake.on('conversations.canvases.create', () => ({ ok: false, error: 'free_team_canvas_tab_already_exists' }));
    await sync.tick();
    expect(String(h.fake.callsTo('chat.postMessage')[0]!.args.text)).toContain('画布标签');
  });

  it('a scope removed after the canvas exists stops the edits the same way', async () => {
    expect(await sync.tick()).toEqual(['RECT']);
    h.fake.on('canvases.edit', () => ({ ok: false, error: 'missing_scope' }));
    advance(120_000);
    await change('RECT-1', 'Changed');
    expect(await sync.tick()).toEqual([]);
    advance(120_000);
    await change('RECT-1', 'Changed again');
    expect(await sync.tick()).toEqual([]);
    expect(h.fake.callsTo('canvases.edit')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('turning the ledger on again after the cause is fixed tries again (and tells again if still refused)', async () => {
    h.fake.on('conversations.canvases.create', () => ({ ok: false, error: 'missing_scope' }));
    await sync.tick();
    h.fake.on('conversations.canvases.create', () => ({ ok: true, canvas_id: 'FNEW' }));
    advance(120_000);
    expect(await sync.tick()).toEqual([]); // still refused: nothing tried
    await editBoard(h.deps, LEADER, 'RECT', { ledger: 'canvas' });
    advance(120_000);
    expect(await sync.tick()).toEqual(['RECT']);
    const board = await h.deps.db.board.findFirstOrThrow({ select: { ledgerCanvasId: true, ledgerRefused: true } });
    expect(board).toEqual({ ledgerCanvasId: 'FNEW', ledgerRefused: null });
  });

  it('a board moved to another channel gets a canvas there, not edits of the old one', async () => {
    await sync.tick();
    await editBoard(h.deps, ADMIN, 'RECT', { channelId: 'C0OTHER' });
    advance(120_000);
    expect(await sync.tick()).toEqual(['RECT']);
    const last = canvasCalls().at(-1)!;
    expect(last.method).toBe('conversations.canvases.create');
    expect(last.args.channel_id).toBe('C0OTHER');
  });
});

describe('a canvas deleted in Slack, rate limits and bursts', () => {
  it('canvas_not_found: a new canvas is made, remembered, and edited from then on', async () => {
    await sync.tick();
    // The first edit finds the canvas deleted; later ones (of the new canvas) work.
    h.fake.on('canvases.edit', (_args, n) => (n === 1 ? { ok: false, error: 'canvas_not_found' } : { ok: true }));
    advance(120_000);
    await change('RECT-1', 'After deletion');
    expect(await sync.tick()).toEqual(['RECT']);
    const [, edit, create] = canvasCalls();
    expect(edit!.method).toBe('canvases.edit');
    expect(create!.method).toBe('conversations.canvases.create');
    expect(markdownOf(create!.args)).toContain('After deletion');
    const { ledgerCanvasId } = await h.deps.db.board.findFirstOrThrow({ select: { ledgerCanvasId: true } });
    advance(120_000);
    await change('RECT-1', 'Later');
    expect(await sync.tick()).toEqual(['RECT']);
    expect(canvasCalls().at(-1)!.args).toMatchObject({ canvas_id: ledgerCanvasId });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('ratelimited with Retry-After: the pass returns at once and no canvas call is made until the wait is over', async () => {
    await sync.tick();
    let limited = 0;
    h.fake.on('canvases.edit', () => {
      limited++;
      return { status: 429, headers: { 'retry-after': '300' }, body: { ok: false, error: 'ratelimited' } };
    });
    advance(120_000);
    await change('RECT-1', 'Limited');
    const started = Date.now();
    expect(await sync.tick()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(limited).toBe(1);
    for (const wait of [60_000, 60_000, 60_000, 60_000]) {
      advance(wait);
      expect(await sync.tick()).toEqual([]);
    }
    expect(limited).toBe(1);
    h.fake.on('canvases.edit', () => ({ ok: true }));
    advance(61_000);
    expect(await sync.tick()).toEqual(['RECT']);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0); // a rate limit is not a refusal
  });

  it('a burst on 80 boards stays inside Slack’s limits (creates ≤ 20, edits ≤ 50 a minute) and reaches every board', async () => {
    for (let i = 0; i < 79; i++) {
      const code = `B${String(i).padStart(2, '0')}`;
      await seedBoard(h.deps, { code, channelId: `C0B${i}`, ledger: 'canvas' });
      await problem(h.deps, OWNER.userId, { title: 'x' }, code);
    }
    const perMinute: { create: number; edit: number }[] = [];
    const written = new Set<string>();
    for (let minute = 0; minute < 12; minute++) {
      const from = canvasCalls().length;
      // Four passes a minute, as the timer does; every board changes every minute.
      for (let q = 0; q < 4; q++) {
        for (const code of written) await change(`${code}-1`, `m${minute}q${q}`, code);
        for (const code of await sync.tick()) written.add(code);
        advance(15_000);
      }
      const calls = canvasCalls().slice(from);
      perMinute.push({
        create: calls.filter((c) => c.method === 'conversations.canvases.create').length,
        edit: calls.filter((c) => c.method === 'canvases.edit').length,
      });
    }
    for (const m of perMinute) {
      expect(m.create).toBeLessThanOrEqual(20);
      expect(m.edit).toBeLessThanOrEqual(50);
    }
    expect(written.size).toBe(80);
    // Every board's canvas is rewritten again, none is starved by the others.
    const edited = new Set(
      canvasCalls()
        .filter((c) => c.method === 'canvases.edit')
        .map((c) => c.args.canvas_id),
    );
    expect(edited.size).toBe(80);
    // 80 boards × 48 passes of reads and writes: ~10 s alone, over the default 20 s once on a loaded CI machine.
  }, 90_000);
});

describe('titles and units written to break the table or ping people', () => {
  it('keeps one row per problem with eight cells, no mention but the owner’s, no image, no link', async () => {
    const hostile = [
      'a | b || c \\| d',
      'line one\nline two\r\n| --- | --- |',
      '`code | span` and ``` fences',
      '<@UVICTIM> <!channel> <!here> ![](@UVICTIM) ![](#CSECRET)',
      '![img](http://evil.example/pixel.png) [click](http://evil.example) <http://evil.example|x>',
      '**bold** _it_ ~strike~ # heading > quote',
      'NUL\u0000 bell\u0007 RTL\u202eevil zwj👨\u200d👩\u200d👧',
    ];
    for (const title of hostile)
      await createProblem(h.deps, LEADER, 'RECT', {
        title,
        ownerId: OWNER.userId,
        deadline: null,
        measures: [],
        unit: title.slice(0, 200),
      });
    expect(await sync.tick()).toEqual(['RECT']);
    const md = markdownOf(canvasCalls()[0]!.args);
    const rows = md.split('\n').filter((l) => l.startsWith('| RECT-'));
    expect(rows).toHaveLength(hostile.length + 1);
    for (const row of rows) {
      // Cells are split by pipes that are not escaped.
      const cells = row
        .replace(/\\\\/g, '')
        .split(/(?<!\\)\|/)
        .slice(1, -1);
      expect(cells, row).toHaveLength(8);
    }
    // The only mentions are the owner cells; nothing embeds an image or makes a link.
    expect(md.match(/!\[[^\]]*\]\(/g)).toHaveLength(rows.length);
    expect(md.match(/!\[\]\(@UOWNER\)/g)).toHaveLength(rows.length);
    expect(md).not.toMatch(/(?<!\\)\[click(?<!\\)\]\(/);
    expect(md).not.toMatch(/(?<!\\)<[@!#]/);
    // eslint-disable-next-line no-control-regex -- no control character reaches the canvas
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    // The text is still there to read.
    expect(md).toContain('UVICTIM');
    expect(md).toContain('evil.example');
  });
});
