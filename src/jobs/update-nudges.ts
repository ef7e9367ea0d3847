import { localDate } from '../domain/cycle.js';
import { nudgeDue } from '../domain/schedule.js';
import { existingKeys } from '../services/deliveries.js';
import { routeOwners } from './away-routing.js';
import { AWAITING, boardRef, problemLine, roundRef, routeOf } from './job-data.js';
import { channelRoster, notYetMessaged, ownerPages, problemsOf } from './owner-pages.js';
import type { Job, PlannedMessage } from './types.js';

/** Problems listed in one nudge; the rest are counted ("… and N more"). */
const NUDGE_MAX_PROBLEMS = 20;

/**
 * `nudgeDaysBefore` days before a round ends: owners who have not reported on every problem they had
 * at that moment hear about it (by DM and/or in the channel, by the board's route). Problems assigned
 * after the nudge time wait for the next round, so a late catch-up run never nudges about brand-new work.
 */
export const updateNudges: Job = {
  name: 'update-nudges',
  async *plan({ db, at, boards, pageSize }) {
    for (const board of boards) {
      const slot = nudgeDue(board, at);
      if (!slot) continue;
      const { cycle } = slot;
      const where = {
        teamId: board.teamId,
        boardId: board.id,
        status: { in: [...AWAITING] },
        createdAt: { lt: slot.at },
        OR: [{ lastUpdateAt: null }, { lastUpdateAt: { lt: cycle.start } }],
      };
      const route = routeOf(board.nudgesTo, board);
      const prefix = `nudge:${board.code}:cycle-${cycle.index}:`;
      const base = { board: boardRef(board), today: localDate(at, board.timezone), round: roundRef(board, cycle) };
      const common = { job: 'update-nudges' as const, teamId: board.teamId, boardId: board.id };

      if (route.dm) {
        // A page of owners at a time (see cycle-prompts); each nudge keeps all the owner's keys (thread replies).
        for await (const page of ownerPages(db, where, pageSize)) {
          const todo = await notYetMessaged(db, page, prefix);
          if (!todo.length) continue;
          const out: PlannedMessage[] = [];
          const routes = await routeOwners(db, board, todo, base.today, null);
          for (const [ownerId, owned] of await problemsOf(db, where, todo)) {
            if (!owned.length) continue;
            // Away (issue 22): to the delegate, naming the owner, under the owner's key; else paused.
            const route = routes.get(ownerId) ?? { to: 'owner' };
            if (route.to === 'paused' || route.to === 'catch-up') continue;
            out.push({
              ...common,
              key: `${prefix}${ownerId}`,
              recipient: route.to === 'delegate' ? route.delegate : ownerId,
              problemKeys: owned.map((p) => p.key),
              message: {
                kind: 'nudge',
                ...base,
                problems: {
                  items: owned.slice(0, NUDGE_MAX_PROBLEMS).map((p) => problemLine(p, board, at)),
                  total: owned.length,
                },
                ...(route.to === 'delegate' && { forOwner: { user: ownerId, until: route.until } }),
              },
            });
          }
          yield out;
        }
      }
      const channelKey = `${prefix}channel`;
      if (route.channel && !(await existingKeys(db, [channelKey])).has(channelKey)) {
        const roster = await channelRoster(db, where);
        if (!roster.keys.length) continue;
        yield [
          {
            ...common,
            key: channelKey,
            recipient: route.channel,
            problemKeys: roster.keys,
            message: { kind: 'nudge-channel', ...base, owners: roster.owners },
          },
        ];
      }
    }
  },
};
