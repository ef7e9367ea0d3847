import { LRUCache } from 'lru-cache';
import { localDate } from '../domain/cycle.js';
import type { Actor } from '../domain/types.js';
import { boardDataVersion } from './board-version.js';
import type { ServiceDeps } from './deps.js';
import type { BoardSummary } from './summary-types.js';
import { ledBoard, summarizeBoard, type SummaryOptions } from './summary.js';

/**
 * A burst of `/closeout summary` on one board (leaders asking at a meeting's start) computes it once: the
 * summary is kept under the board's data version, its local date and the options, briefly (its "as of"
 * time ages), bounded in entries. Each request still checks that the asker leads the board.
 */
const MAX_ENTRIES = 64;
const TTL_MS = 60_000;

const cache = new LRUCache<string, Promise<BoardSummary>>({ max: MAX_ENTRIES, ttl: TTL_MS });

/** A board's summary for its leaders and admins (anyone else is refused), the same while nothing changed. */
export async function cachedBoardSummary(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  opts: SummaryOptions = {},
): Promise<BoardSummary> {
  const board = await ledBoard(deps, actor, code);
  const now = deps.clock.now();
  const { version } = await boardDataVersion(deps.db, board.id);
  const key = JSON.stringify([board.id, version, localDate(now, board.timezone), opts.by, opts.listLimit, opts.unit]);
  const hit = cache.get(key);
  if (hit) return hit;
  // The promise is kept, so requests arriving while it is computed share it; a failure is not kept.
  const pending = summarizeBoard(deps.db, board, now, opts);
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  return pending;
}
