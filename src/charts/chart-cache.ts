import { LRUCache } from 'lru-cache';

/**
 * Charts drawn once per change, not once per request: the PNG is kept under a key naming what it shows
 * (see `boardChartKey`), bounded in bytes and in age, and requests for a key being drawn wait for that one
 * drawing (single flight) — so a burst of `/closeout summary` on one board costs one render, not one each.
 */
export interface ChartCache {
  /** The cached PNG for `key`, else the one `draw` produces (shared by everyone asking meanwhile). */
  get(key: string, draw: () => Promise<Buffer>): Promise<Buffer>;
  /**
   * Whether the chart `key` was shared in `conversation` (marked by `markShared`) within the cache's
   * lifetime: a chart already there, unchanged, need not be sent again.
   */
  sharedIn(key: string, conversation: string): boolean;
  markShared(key: string, conversation: string): void;
  /** PNGs kept and their bytes, for tests and figures. */
  readonly size: number;
  readonly bytes: number;
}

interface ChartCacheOptions {
  /** PNGs are ~100–200 KB; the default keeps a few dozen boards' charts. */
  maxBytes?: number;
  /** A safety net for what the key cannot see (owner display names in by-owner charts). */
  ttlMs?: number;
}

const CHART_CACHE_MAX_BYTES = 8 * 1024 * 1024;
const CHART_CACHE_TTL_MS = 15 * 60 * 1000;

/**
 * What a board chart shows, as a key: the board, its data version (see services/board-version), the
 * language, the local date (overdue counts and the burn-down's last point move with it) and the breakdown.
 */
export function boardChartKey(parts: {
  boardId: number;
  version: string;
  lang: string;
  date: string;
  by: string;
}): string {
  return [parts.boardId, parts.version, parts.lang, parts.date, parts.by].join('|');
}

export function createChartCache(opts: ChartCacheOptions = {}): ChartCache {
  const done = new LRUCache<string, Buffer>({
    maxSize: opts.maxBytes ?? CHART_CACHE_MAX_BYTES,
    sizeCalculation: (png) => Math.max(1, png.length),
    ttl: opts.ttlMs ?? CHART_CACHE_TTL_MS,
  });
  const drawing = new Map<string, Promise<Buffer>>();
  const shared = new LRUCache<string, true>({ max: 10_000, ttl: opts.ttlMs ?? CHART_CACHE_TTL_MS });
  return {
    sharedIn(key, conversation) {
      return shared.has(`${key}|${conversation}`);
    },
    markShared(key, conversation) {
      shared.set(`${key}|${conversation}`, true);
    },
    get(key, draw) {
      const cached = done.get(key);
      if (cached) return Promise.resolve(cached);
      const pending = drawing.get(key);
      if (pending) return pending;
      // A failed drawing is not kept: the next request tries again.
      const started = draw()
        .then((png) => {
          done.set(key, png);
          return png;
        })
        .finally(() => drawing.delete(key));
      drawing.set(key, started);
      return started;
    },
    get size() {
      return done.size;
    },
    get bytes() {
      return done.calculatedSize;
    },
  };
}

/** The process's chart cache: what the Slack flows draw through. */
export const sharedChartCache = createChartCache();
