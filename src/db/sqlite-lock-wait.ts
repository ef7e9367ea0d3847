import { setTimeout as sleep } from 'node:timers/promises';

/**
 * better-sqlite3 waits for another connection's write lock *synchronously* (SQLite's busy handler sleeps
 * inside the call), which freezes the whole event loop for as long as, say, a CLI import holds the lock. So
 * the connection gets only a few milliseconds of busy timeout, and a statement that still finds the
 * database locked is tried again from here, asynchronously, with a growing pause between attempts: the
 * bot keeps acking and serving /healthz while it waits.
 */

/** What SQLite may spend waiting inside one call (it blocks the event loop for at most about this long). */
export const SYNC_BUSY_TIMEOUT_MS = 5;
/** How long, in all, a statement or a transaction's start waits for the write lock before giving up. */
export const LOCK_WAIT_MS = 8_000;
const FIRST_PAUSE_MS = 2;
const MAX_PAUSE_MS = 50;

/** The database was locked by another connection (the adapter reports SQLITE_BUSY as a DriverAdapterError). */
function isBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  const cause = (error as { cause?: unknown }).cause;
  if (typeof cause !== 'object' || cause === null) return false;
  const original = (cause as { originalCode?: unknown }).originalCode;
  return typeof original === 'string' && original.startsWith('SQLITE_BUSY');
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, pausing (without blocking) between tries, for at
 * most `waitMs`; then the last busy error is thrown. A busy statement did nothing, so trying again is safe.
 */
export async function waitForLock<T>(attempt: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const until = Date.now() + waitMs;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > until) throw error;
      await sleep(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }
}
