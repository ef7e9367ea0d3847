import { localDate } from '../domain/cycle.js';
import { nudgeDue } from '../domain/schedule.js';
import { keysWithPrefix } from '../services/deliveries.js';
import { AWAITING, DUE_ORDER, boardRef, groupBy, ownerList, problemLine, roundRef, routeOf } from './job-data.js';
import { listed } from './messages.js';
import type { Job, PlannedMessage } from './types.js';

/** Problems listed in one nudge; the rest are counted ("… and N more"). */
export const NUDGE_MAX_PROBLEMS = 20;

/**
 * `nudgeDaysBefore` days before a round ends: owners who have not reported on every problem they had
 * at that moment hear about it (by DM and/or in the channel, by the board's route). Problems assigned
 * after the nudge time wait for the next round, so a late catch-up run never nudges about brand-new work.
 */
export const updateNudges: Job = {
  name: 'update-nudges',
  async plan({ db, at, boards }) {
    const out: PlannedMessage[] = [];
    for (const board of boards) {
      const slot = nudgeDue(board, at);
      if (!slot) continue;
      const { cycle } = slot;
      const stale = await db.problem.findMany({
        where: {
          boardId: board.id,
          status: { in: [...AWAITING] },
          createdAt: { lt: slot.at },
          OR: [{ lastUpdateAt: null }, { lastUpdateAt: { lt: cycle.start } }],
        },
        orderBy: DUE_ORDER,
      });
      if (!stale.length) continue;
      const route = routeOf(board.nudgesTo, board);
      const prefix = `nudge:${board.code}:cycle-${cycle.index}:`;
      const done = await keysWithPrefix(db, prefix);
      const owners = groupBy(stale, (p) => p.ownerId);
      const base = { board: boardRef(board), today: localDate(at, board.timezone), round: roundRef(board, cycle) };
      const common = { job: 'update-nudges' as const, teamId: board.teamId, boardId: board.id };

      if (route.dm) {
        for (const [ownerId, owned] of owners) {
          const key = `${prefix}${ownerId}`;
          if (done.has(key)) continue;
          out.push({
            ...common,
            key,
            recipient: ownerId,
            problemKeys: owned.map((p) => p.key),
            message: {
              kind: 'nudge',
              ...base,
              problems: listed(
                owned.map((p) => problemLine(p, board, at)),
                NUDGE_MAX_PROBLEMS,
              ),
            },
          });
        }
      }
      const channelKey = `${prefix}channel`;
      if (route.channel && !done.has(channelKey)) {
        out.push({
          ...common,
          key: channelKey,
          recipient: route.channel,
          problemKeys: stale.map((p) => p.key),
          message: { kind: 'nudge-channel', ...base, owners: ownerList(owners) },
        });
      }
    }
    return out;
  },
};
