import type { Actor } from '../../src/domain/types.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { BoardSummary } from '../../src/services/summary-types.js';
import { ledBoard, summarizeBoard, type SummaryOptions } from '../../src/services/summary.js';

/**
 * A board's summary for its leaders and admins, anyone else refused: what `cachedBoardSummary` answers,
 * without its cache, so each call computes afresh.
 */
export async function boardSummary(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  opts: SummaryOptions = {},
): Promise<BoardSummary> {
  return summarizeBoard(deps.db, await ledBoard(deps, actor, code), deps.clock.now(), opts);
}
