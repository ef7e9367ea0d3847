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
  // The channel already has a canvas (made by someone, or on a free plan its one canvas tab): ours cannot
  // be added; trying again every minute would not change that.
  'channel_canvas_already_exists',
  'free_team_canvas_tab_already_exists',
]);
/** The canvas is gone (deleted by someone): a new one is made. */
const GONE = new Set(['canvas_not_found', 'file_not_found', 'canvas_deleted']);

function isRateLimited(error: unknown): error is { retryAfter: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === ErrorCode.RateLimitedError &&
    'retryAfter' in error &&
    typeof error.retryAfter === 'number'
  );
}

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

/**
 * Calls a minute across all boards, under Slack's per-workspace limits: conversations.canvases.create is
 * Tier 2 (20+ a minute), canvases.edit Tier 3 (50+). Boards past the budget wait for a later pass.
 */
const CREATES_PER_MINUTE = 15;
const EDITS_PER_MINUTE = 40;

/** Times of the calls made in the last minute, to keep under a per-minute budget. */
function budget(limit: number) {
  let times: number[] = [];
  return {
    left(now: number): boolean {
      times = times.filter((t) => now - t < 60_000);
      return times.length < limit;
    },
    spend(now: number): void {
      times.push(now);
    },
  };
}

export function createLedgerSync(opts: LedgerSyncOptions): LedgerSync {
  const minInterval = opts.minIntervalMs ?? 60_000;
  /** Per board: the state its canvas was last written for, and when. */
  const written = new Map<number, { state: string; at: number }>();
  const creates = budget(CREATES_PER_MINUTE);
  const edits = budget(EDITS_PER_MINUTE);
  /** Slack said to wait (ratelimited, Retry-After): no canvas call before this time, for any board. */
  let holdUntil = 0;

  /** Writes the board's canvas; false when the minute's budget for the call it needs is spent. */
  async function write(board: Awaited<ReturnType<typeof ledgerBoards>>[number], now: Date): Promise<boolean> {
    const at = now.getTime();
    if (!(board.ledgerCanvasId ? edits : creates).left(at)) return false;
    const lang = boardLanguage(board.language);
    const markdown = ledgerMarkdown(await ledgerOf(opts.db, board), lang, now);
    const document_content = { type: 'markdown' as const, markdown };
    if (board.ledgerCanvasId) {
      try {
        edits.spend(at);
        await opts.client.canvases.edit({
          canvas_id: board.ledgerCanvasId,
          changes: [{ operation: 'replace', document_content }],
        });
        return true;
      } catch (error) {
        if (!GONE.has(slackError(error) ?? '')) throw error;
      }
      if (!creates.left(at)) return false;
    }
    creates.spend(at);
    const created = await opts.client.conversations.canvases.create({
      channel_id: board.channelId!,
      document_content,
    });
    if (!created.canvas_id) throw new Error('conversations.canvases.create gave no canvas_id');
    await setLedgerCanvas(opts.db, board.id, created.canvas_id);
    return true;
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
    if (now.getTime() < holdUntil) return done;
    // The boards written longest ago go first, so when the budget runs out no board is always last.
    const boards = (await ledgerBoards(opts.db)).sort(
      (a, b) => (written.get(a.id)?.at ?? -Infinity) - (written.get(b.id)?.at ?? -Infinity),
    );
    for (const board of boards) {
      const state = await ledgerState(opts.db, board, now);
      const last = written.get(board.id);
      if (last && (last.state === state || now.getTime() - last.at < minInterval)) continue;
      try {
        if (!(await write(board, now))) continue;
        // Recording the canvas stamps the board row: the state is read again so that is not a change.
        written.set(board.id, { state: await ledgerState(opts.db, board, now), at: now.getTime() });
        done.push(board.code);
      } catch (error) {
        if (isRateLimited(error)) {
          // Limits are per workspace and method: every board waits, and the pass stops here.
          holdUntil = now.getTime() + Math.max(error.retryAfter * 1000, minInterval);
          written.set(board.id, { state: last?.state ?? '', at: now.getTime() });
          opts.logger.warn({ board: board.code, retryAfter: error.retryAfter }, 'ledger canvas rate limited');
          break;
        }
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

/**
 * The ledger's client: a rate limit is answered at once (the pass then waits Retry-After itself) and a
 * failed call is not retried inside the pass (the next pass is the retry), so one board's trouble never
 * holds the others' canvases for the client's default half hour of retries.
 */
export function ledgerClient(token: string, apiUrl?: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: slackApiBaseUrl(apiUrl),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 30_000,
  });
}

/** The ledger of every board that has it on, for the instance running the scheduler; returns its stop. */
export function startLedgerSync(opts: { token: string; apiUrl?: string; db: Db; logger: Logger; clock: Clock }) {
  return createLedgerSync({ ...opts, client: ledgerClient(opts.token, opts.apiUrl) }).start();
}
