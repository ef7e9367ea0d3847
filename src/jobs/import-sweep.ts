import type { Logger } from '../logging/logger.js';
import type { ServiceDeps } from '../services/deps.js';
import { settleImports, type UndoneRun } from '../services/import-runs.js';

/**
 * Imports cut off by a dead process (services/import-runs.ts) are taken back when the bot starts, and
 * every minute after: a `closeout import` killed while the bot runs is settled without waiting for a restart.
 */
const SWEEP_EVERY_MS = 60_000;

/** Settles what it can; a failure is logged, never thrown (it is tried again at the next sweep). */
export async function settleCutOffImports(deps: ServiceDeps, logger: Logger): Promise<UndoneRun[]> {
  try {
    const undone = await settleImports(deps);
    for (const run of undone) {
      logger.warn(
        { run: run.runId, board: run.boardCode, rows: run.rows, rowsDone: run.rowsDone, kept: run.kept },
        'an import cut off by a stopped process was taken back; run it again',
      );
    }
    return undone;
  } catch (err) {
    logger.error({ err }, 'could not take back an import cut off by a stopped process; trying again later');
    return [];
  }
}

/** The periodic sweep; the returned function stops it. */
export function startImportSweep(deps: ServiceDeps, logger: Logger, everyMs = SWEEP_EVERY_MS): () => void {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= settleCutOffImports(deps, logger).finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
