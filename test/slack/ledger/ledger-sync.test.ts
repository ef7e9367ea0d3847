import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger.js';
import { editBoard } from '../../../src/services/boards.js';
import { editProblem } from '../../../src/services/problems.js';
import { createLedgerSync, type LedgerSync } from '../../../src/slack/ledger/ledger-sync.js';
import { ADMIN, LEADER, OWNER, seedBoard } from '../../support/fixtures.js';
import { harness, problem, type Harness } from '../../support/jobs.js';

let h: Harness;
let sync: LedgerSync;
beforeEach(async () => {
  h = await harness('2026-11-25T02:00:00Z');
  await seedBoard(h.deps);
  await problem(h.deps, OWNER.userId, { title: 'Queue times at the permit window', deadline: '2026-11-20' });
  await problem(h.deps, OWNER.userId, { title: 'Fees | unclear', deadline: '2026-12-20' });
  sync = createLedgerSync({
    db: h.deps.db,
    client: new WebClient('xoxb-test', { slackApiUrl: h.fake.apiUrl, retryConfig: { retries: 0 } }),
    logger: createLogger('silent'),
    clock: h.clock,
    minIntervalMs: 60_000,
  });
});
afterEach(() => h.stop());

const canvasCalls = () => h.fake.calls.filter((c) => c.method.includes('canvases'));
const markdownOf = (args: Record<string, unknown>): string => {
  const content = (args.document_content ?? (args.changes as { document_content: unknown }[])[0]!.document_content) as {
    markdown: string;
  };
  return content.markdown;
};
const advance = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms).toISOString());

describe('the live ledger (channel canvas)', () => {
  it('does nothing while the board’s ledger is off (the default)', async () => {
    expect(await sync.tick()).toEqual([]);
    expect(canvasCalls()).toEqual([]);
  });

  it('creates the channel canvas once, then rewrites it after changes, at most once a minute', async () => {
    await editBoard(h.deps, ADMIN, 'RECT', { ledger: 'canvas' });
    expect(await sync.tick()).toEqual(['RECT']);
    const [create] = canvasCalls();
    expect(create!.method).toBe('conversations.canvases.create');
    expect(create!.args.channel_id).toBe('C0BOARD');
    const md = markdownOf(create!.args);
    expect(md).toContain('# Rectification list (RECT) — ledger');
    expect(md).toContain('As of 2026-11-25 10:00 (Asia/Shanghai)');
    expect(md).toContain('## Open · 2');
    expect(md).toContain('| Key | Problem | Responsible unit | Owner | Deadline | Status | Done | Latest update |');
    expect(md).toContain(
      '| RECT-1 | Queue times at the permit window |   | ![](@UOWNER) | 2026-11-20 | Open | 0% | — |',
    );
    expect(md).toContain('| RECT-2 | Fees \\| unclear |');
    const board = await h.deps.db.board.findFirstOrThrow({ select: { ledgerCanvasId: true } });
    expect(board.ledgerCanvasId).toMatch(/^F/);

    // Nothing changed: no call.
    advance(120_000);
    expect(await sync.tick()).toEqual([]);

    // Two changes within the minute: one edit, after the minute, with both.
    await editProblem(h.deps, LEADER, 'RECT-1', { title: 'Queue times, first change' });
    expect(await sync.tick()).toEqual(['RECT']);
    advance(1_000);
    await editProblem(h.deps, LEADER, 'RECT-2', { title: 'Fees, second change' });
    expect(await sync.tick()).toEqual([]);
    advance(30_000);
    expect(await sync.tick()).toEqual([]);
    advance(30_000);
    expect(await sync.tick()).toEqual(['RECT']);
    const edits = canvasCalls().filter((c) => c.method === 'canvases.edit');
    expect(edits).toHaveLength(2);
    expect(edits[1]!.args).toMatchObject({ canvas_id: board.ledgerCanvasId });
    expect((edits[1]!.args.changes as { operation: string }[])[0]!.operation).toBe('replace');
    expect(markdownOf(edits[1]!.args)).toContain('Fees, second change');
  });

  it('rewrites it when a new round starts, even without changes', async () => {
    await editBoard(h.deps, ADMIN, 'RECT', { ledger: 'canvas' });
    await sync.tick();
    advance(2 * 86_400_000);
    expect(await sync.tick()).toEqual([]);
    h.clock.set('2026-11-30T01:00:00Z'); // round 2 opens
    expect(await sync.tick()).toEqual(['RECT']);
  });

  it('tells the leaders once when the workspace refuses canvases, and stops writing', async () => {
    await editBoard(h.deps, ADMIN, 'RECT', { ledger: 'canvas' });
    h.fake.on('conversations.canvases.create', () => ({
      ok: false,
      error: 'free_teams_cannot_create_channel_canvases',
    }));
    expect(await sync.tick()).toEqual([]);
    advance(120_000);
    await editProblem(h.deps, LEADER, 'RECT-1', { title: 'Changed' });
    expect(await sync.tick()).toEqual([]);
    expect(h.fake.callsTo('conversations.canvases.create')).toHaveLength(1);
    const told = h.fake.callsTo('chat.postMessage');
    expect(told.map((c) => c.args.channel)).toEqual([LEADER.userId]);
    expect(String(told[0]!.args.text)).toContain('Channel canvases need a paid Slack plan.');
    const board = await h.deps.db.board.findFirstOrThrow({ select: { ledgerRefused: true } });
    expect(board.ledgerRefused).toBe('free_teams_cannot_create_channel_canvases');
  });
});
