import { ErrorCode, WebClient } from '@slack/web-api';
import { slackApiBaseUrl } from '../../config/slack-api.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { boardLanguage, t } from '../../i18n/index.js';
import type { Logger } from '../../logging/logger.js';
import { boardLeaderIds } from '../../services/boards.js';
import { ledgerBoards, ledgerOf, ledgerState, setLedgerCanvas, setLedgerRefused } from '../../services/ledger.js';
import { ledgerMarkdown } from './ledger-markdown.js';

/**
 * The live ledger: each board with `ledger: canvas` has a channel canvas rewritten from its list — a
 * write-only mirror. A tick looks at each such board's data version and round; one that changed since its
 * canvas was written is written again, but never twice within `minIntervalMs` (a minute: one edit a minute
 * per board, far inside Slack's Tier 3 for canvases.edit), so a burst of changes costs one edit. When the
 * workspace refuses canvases, the leaders are told once and the board's ledger stops; nothing else does.
 */
export interface LedgerSync {
  /** One pass over the ledger boards; returns the codes of the boards whose canvas was written. */
  tick(): Promise<string[]>;
  /** Ticks every `everyMs` until stopped (the timer does not keep the process alive). */
  start(everyMs?: number): () => void;
}

/** Slack's answers meaning "no canvases here": told to leaders once, the ledger stops for the board. */
const REFUSALS = new Set([
  'free_teams_cannot_create_channel_canvases',
  'team_tier_cannot_create_channel_canvases',
  'missing_scope',
  'not_allowed',
  'not_allowed_token_type',
  'canvas_disabled_user_team',
  'channel_canvas_creation_disabled',
  'restricted_action',
  'not_in_channel',
  'channel_not_found',
]);
/** The canvas is gone (deleted by someone): a new one is made. */
const GONE = new Set(['canvas_not_found', 'file_not_found', 'canvas_deleted']);

function slackError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== ErrorCode.PlatformError)
    return undefined;
  const data = 'data' in error ? (error.data as { error?: unknown }) : undefined;
  return typeof data?.error === 'string' ? data.error : undefined;
}

interface LedgerSyncOptions {
  db: Db;
  client: WebClient;
  logger: Logger;
  clock: Clock;
  minIntervalMs?: number;
}

export function createLedgerSync(opts: LedgerSyncOptions): LedgerSync {
  const minInterval = opts.minIntervalMs ?? 60_000;
  /** Per board: the state its canvas was last written for, and when. */
  const written = new Map<number, { state: string; at: number }>();

  async function write(board: Awaited<ReturnType<typeof ledgerBoards>>[number], now: Date): Promise<void> {
    const lang = boardLanguage(board.language);
    const markdown = ledgerMarkdown(await ledgerOf(opts.db, board), lang, now);
    const document_content = { type: 'markdown' as const, markdown };
    if (board.ledgerCanvasId) {
      try {
        await opts.client.canvases.edit({
          canvas_id: board.ledgerCanvasId,
          changes: [{ operation: 'replace', document_content }],
        });
        return;
      } catch (error) {
        if (!GONE.has(slackError(error) ?? '')) throw error;
      }
    }
    const created = await opts.client.conversations.canvases.create({
      channel_id: board.channelId!,
      document_content,
    });
    if (!created.canvas_id) throw new Error('conversations.canvases.create gave no canvas_id');
    await setLedgerCanvas(opts.db, board.id, created.canvas_id);
  }

  async function refused(board: Awaited<ReturnType<typeof ledgerBoards>>[number], reason: string): Promise<void> {
    if (!(await setLedgerRefused(opts.db, board.id, reason))) return;
    const text = t(boardLanguage(board.language), 'ledger.refused', {
      code: board.code,
      channel: board.channelId ?? '',
      reason,
    });
    for (const leader of await boardLeaderIds({ db: opts.db }, board.id)) {
      try {
        await opts.client.chat.postMessage({ channel: leader, text });
      } catch (error) {
        opts.logger.warn({ err: error, board: board.code, leader }, 'could not tell a leader the ledger was refused');
      }
    }
  }

  async function tick(): Promise<string[]> {
    const now = opts.clock.now();
    const done: string[] = [];
    for (const board of await ledgerBoards(opts.db)) {
      const state = await ledgerState(opts.db, board, now);
      const last = written.get(board.id);
      if (last && (last.state === state || now.getTime() - last.at < minInterval)) continue;
      try {
        await write(board, now);
        // Recording the canvas stamps the board row: the state is read again so that is not a change.
        written.set(board.id, { state: await ledgerState(opts.db, board, now), at: now.getTime() });
        done.push(board.code);
      } catch (error) {
        const code = slackError(error);
        if (code && REFUSALS.has(code)) await refused(board, code);
        else opts.logger.warn({ err: error, board: board.code }, 'ledger canvas not written; tried again later');
        // Not again within the interval either way.
        written.set(board.id, { state: last?.state ?? '', at: now.getTime() });
      }
    }
    return done;
  }

  return {
    tick,
    start(everyMs = 15_000) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        tick()
          .catch((error: unknown) => opts.logger.warn({ err: error }, 'ledger pass failed'))
          .finally(() => (running = false));
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/** The ledger of every board that has it on, for the instance running the scheduler; returns its stop. */
export function startLedgerSync(opts: { token: string; apiUrl?: string; db: Db; logger: Logger; clock: Clock }) {
  const client = new WebClient(opts.token, { slackApiUrl: slackApiBaseUrl(opts.apiUrl) });
  return createLedgerSync({ ...opts, client }).start();
}
