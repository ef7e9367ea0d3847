import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/client.js';
import type { SentDelivery, Sent } from '../../jobs/types.js';
import { boardLanguage } from '../../i18n/index.js';
import type { Logger } from '../../logging/logger.js';
import { boardById } from '../../services/boards.js';
import { claim, markFailed, markSent, plan } from '../../services/deliveries.js';
import { postBoardChart } from './chart.js';

/** A chart claim older than this is abandoned, not retried: the digest's text already stands alone. */
const CHART_CLAIM_MS = 10 * 60 * 1000;

/**
 * After a cycle digest lands in a board channel, its chart goes into the digest's thread — at most once,
 * through its own delivery key (`chart:<digest key>`), so a re-sent or caught-up digest never repeats it.
 * Only the channel digest gets one (leaders' DM copies point to the same numbers).
 */
export function digestChartFollowUp(db: Db, logger: Logger, instanceId: string) {
  return async (client: WebClient, d: SentDelivery, landed: Sent, at: Date): Promise<void> => {
    if (d.job !== 'cycle-digest' || d.boardId === null || !/^[CG]/.test(d.recipient)) return;
    const key = `chart:${d.dedupeKey}`;
    const now = new Date();
    await plan(
      db,
      [
        {
          teamId: d.teamId,
          dedupeKey: key,
          job: 'digest-chart',
          boardId: d.boardId,
          recipient: d.recipient,
          payload: '{}',
          problemKeys: [],
        },
      ],
      now,
    );
    const claimed = await claim(db, key, instanceId, now, CHART_CLAIM_MS);
    if (!claimed || claimed.attempts > 1) return;
    const board = await boardById({ db }, d.boardId);
    const lang = boardLanguage(board.language);
    const ok = await postBoardChart(client, logger, {
      db,
      board,
      at,
      lang,
      channelId: landed.channelId,
      threadTs: landed.ts,
    });
    if (ok) await markSent(db, key, landed, new Date());
    else await markFailed(db, key, instanceId, 'permanent', 'chart not posted (see the logs)');
  };
}
