import { localDate } from '../domain/cycle.js';
import { openingAt, promptDue } from '../domain/schedule.js';
import { existingKeys } from '../services/deliveries.js';
import { routeOwners } from './away-routing.js';
import { AWAITING, boardRef, problemLine, roundRef, routeOf } from './job-data.js';
import { channelRoster, notYetMessaged, ownerPages, problemsOf } from './owner-pages.js';
import type { Job, PlannedMessage } from './types.js';

/** Problems per prompt message: 2 blocks each plus header and hint stay well under Slack's 50. */
const PROMPT_PAGE_SIZE = 20;
/**
 * Messages per owner and round at most (issue 12): the most urgent problems first, the rest counted on the
 * last one with a button to the full list — an owner of 400 problems gets 2 DMs, not 20.
 */
const PROMPT_MAX_MESSAGES = 2;

/**
 * At each round's start (prompt time): one DM per owner listing their problems awaiting a report, with
 * buttons; and, when the board routes prompts to its channel, a post opening the round. Due until the
 * round ends, so a start missed while the app was down goes out when it is back, once. Owners are read a
 * page at a time (owner ID order) and each page's DMs are yielded as one batch: recorded and sent before
 * the next page is read, so memory stays the same for 5,000 owners or 50,000.
 */
export const cyclePrompts: Job = {
  name: 'cycle-prompts',
  async *plan({ db, at, boards, pageSize }) {
    for (const board of boards) {
      const cycle = promptDue(board, at);
      if (!cycle) continue;
      const route = routeOf(board.promptsTo, board);
      const prefix = `prompt:${board.code}:cycle-${cycle.index}:`;
      // teamId first: the (teamId, ownerId, status) index serves the owner cursor.
      const where = { teamId: board.teamId, boardId: board.id, status: { in: [...AWAITING] } };
      const base = { board: boardRef(board), today: localDate(at, board.timezone), round: roundRef(board, cycle) };
      const common = { job: 'cycle-prompts' as const, teamId: board.teamId, boardId: board.id };

      if (route.dm) {
        for await (const page of ownerPages(db, where, pageSize)) {
          const todo = await notYetMessaged(db, page, prefix);
          if (!todo.length) continue;
          const routes = await routeOwners(db, board, todo, base.today, openingAt(board, cycle).date);
          const lines = await problemsOf(db, where, todo, PROMPT_PAGE_SIZE * PROMPT_MAX_MESSAGES);
          const out: PlannedMessage[] = [];
          for (const { ownerId, count } of todo) {
            const owned = lines.get(ownerId) ?? [];
            if (!owned.length) continue; // reported or closed since the page was read
            // Away (issue 22): to the delegate under the owner's key, paused, or one catch-up prompt once back.
            const route = routes.get(ownerId) ?? { to: 'owner' };
            if (route.to === 'paused') continue;
            const recipient = route.to === 'delegate' ? route.delegate : ownerId;
            const onBehalf = route.to === 'delegate' && { forOwner: { user: ownerId, until: route.until } };
            const total = Math.max(count, owned.length);
            const first = route.to === 'catch-up' ? route.key : `${prefix}${ownerId}`;
            const pages = Math.min(Math.ceil(total / PROMPT_PAGE_SIZE), PROMPT_MAX_MESSAGES);
            const more = total - pages * PROMPT_PAGE_SIZE;
            for (let page = 1; page <= pages; page++) {
              const slice = owned.slice((page - 1) * PROMPT_PAGE_SIZE, page * PROMPT_PAGE_SIZE);
              out.push({
                ...common,
                key: page === 1 ? first : `${first}:page-${page}`,
                recipient,
                problemKeys: slice.map((p) => p.key),
                message: {
                  kind: 'prompt',
                  ...base,
                  total,
                  page,
                  pages,
                  problems: slice.map((p) => problemLine(p, board, at)),
                  ...(page === pages && more > 0 && { more }),
                  ...onBehalf,
                  ...(route.to === 'catch-up' && { catchUp: true as const }),
                },
              });
            }
          }
          yield out;
        }
      }
      if (route.channel) {
        const key = `round-open:${board.code}:cycle-${cycle.index}`;
        if ((await existingKeys(db, [key])).has(key)) continue;
        const roster = await channelRoster(db, where);
        if (!roster.keys.length) continue;
        yield [
          {
            ...common,
            key,
            recipient: route.channel,
            problemKeys: roster.keys,
            message: { kind: 'round-open', ...base, owners: roster.owners },
          },
        ];
      }
    }
  },
};
