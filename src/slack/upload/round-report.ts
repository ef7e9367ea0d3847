import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/client.js';
import type { Sent, SentDelivery } from '../../jobs/types.js';
import { boardLanguage } from '../../i18n/index.js';
import type { Logger } from '../../logging/logger.js';
import { boardById, boardLeaderIds } from '../../services/boards.js';
import { claim, markFailed, markSent, plan } from '../../services/deliveries.js';
import { dmChannel } from './file.js';
import { sendReportFile } from './report.js';

/** A report claim older than this is abandoned, not retried: the digest already went out. */
const REPORT_CLAIM_MS = 10 * 60 * 1000;

type FollowUp = (client: WebClient, d: SentDelivery, landed: Sent, at: Date) => Promise<void>;

/** Several follow-ups to one sent message, in order; one failing does not stop the next. */
export function followUps(logger: Logger, ...steps: FollowUp[]): FollowUp {
  return async (client, d, landed, at) => {
    for (const step of steps) {
      try {
        await step(client, d, landed, at);
      } catch (error) {
        logger.warn({ err: error, key: d.dedupeKey }, 'follow-up to a sent message failed');
      }
    }
  };
}

/**
 * At a round's end, on boards whose `roundReport` is docx or pdf: once the round's digest went out (to the
 * channel or a leader), each leader gets the progress report in their DM — exactly once per leader and
 * round, through its own delivery key (`report:CODE:cycle-N:USER`), whichever of the digest's copies
 * triggered it and however often. The report is as of the digest's run time, in the board's language.
 */
export function roundReportFollowUp(db: Db, logger: Logger, instanceId: string): FollowUp {
  return async (client, d, _landed, at) => {
    if (d.job !== 'cycle-digest' || d.boardId === null) return;
    const round = /^digest:[^:]+:cycle-\d+/.exec(d.dedupeKey)?.[0];
    if (!round) return;
    const board = await boardById({ db }, d.boardId);
    if (board.roundReport !== 'docx' && board.roundReport !== 'pdf') return;
    const format = board.roundReport;
    const leaders = (await boardLeaderIds({ db }, board.id)).map((userId) => ({ userId }));
    const key = (userId: string) => `report:${round.slice('digest:'.length)}:${userId}`;
    const now = new Date();
    await plan(
      db,
      leaders.map((l) => ({
        teamId: d.teamId,
        dedupeKey: key(l.userId),
        job: 'round-report',
        boardId: board.id,
        recipient: l.userId,
        payload: JSON.stringify({ format }),
        problemKeys: [],
      })),
      now,
    );
    for (const { userId } of leaders) {
      const claimed = await claim(db, key(userId), instanceId, now, REPORT_CLAIM_MS);
      if (!claimed || claimed.attempts > 1) continue;
      try {
        const channelId = await dmChannel(client, userId);
        await sendReportFile(client, logger, { db, board, at, lang: boardLanguage(board.language), format, channelId });
        await markSent(db, key(userId), { channelId, ts: '' }, new Date());
      } catch (error) {
        logger.error({ err: error, board: board.code, userId }, 'round report not sent');
        await markFailed(db, key(userId), instanceId, 'permanent', 'round report not sent (see the logs)');
      }
    }
  };
}
