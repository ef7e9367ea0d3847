import { localDate } from '../domain/cycle.js';
import { promptDue } from '../domain/schedule.js';
import { keysWithPrefix } from '../services/deliveries.js';
import { AWAITING, DUE_ORDER, boardRef, groupBy, ownerList, problemLine, roundRef, routeOf } from './job-data.js';
import type { Job, PlannedMessage } from './types.js';

/** Problems per prompt message: 2 blocks each plus header and hint stay well under Slack's 50. */
export const PROMPT_PAGE_SIZE = 20;
/**
 * Messages per owner and round at most (issue 12): the most urgent problems first, the rest counted on the
 * last one with a button to the full list — an owner of 400 problems gets 2 DMs, not 20.
 */
export const PROMPT_MAX_MESSAGES = 2;

/**
 * At each round's start (prompt time): one DM per owner listing their problems awaiting a report, with
 * buttons; and, when the board routes prompts to its channel, a post opening the round. Due until the
 * round ends, so a start missed while the app was down goes out when it is back, once.
 */
export const cyclePrompts: Job = {
  name: 'cycle-prompts',
  async plan({ db, at, boards }) {
    const out: PlannedMessage[] = [];
    for (const board of boards) {
      const cycle = promptDue(board, at);
      if (!cycle) continue;
      const route = routeOf(board.promptsTo, board);
      const prefix = `prompt:${board.code}:cycle-${cycle.index}:`;
      const done = route.dm ? await keysWithPrefix(db, prefix) : new Set<string>();
      const problems = await db.problem.findMany({
        where: { boardId: board.id, status: { in: [...AWAITING] } },
        orderBy: DUE_ORDER,
      });
      if (!problems.length) continue;
      const owners = groupBy(problems, (p) => p.ownerId);
      const base = { board: boardRef(board), today: localDate(at, board.timezone), round: roundRef(board, cycle) };
      const common = { job: 'cycle-prompts' as const, teamId: board.teamId, boardId: board.id };

      if (route.dm) {
        for (const [ownerId, owned] of owners) {
          const first = `${prefix}${ownerId}`;
          if (done.has(first)) continue;
          const pages = Math.min(Math.ceil(owned.length / PROMPT_PAGE_SIZE), PROMPT_MAX_MESSAGES);
          const more = owned.length - pages * PROMPT_PAGE_SIZE;
          for (let page = 1; page <= pages; page++) {
            const slice = owned.slice((page - 1) * PROMPT_PAGE_SIZE, page * PROMPT_PAGE_SIZE);
            out.push({
              ...common,
              key: page === 1 ? first : `${first}:page-${page}`,
              recipient: ownerId,
              problemKeys: slice.map((p) => p.key),
              message: {
                kind: 'prompt',
                ...base,
                total: owned.length,
                page,
                pages,
                problems: slice.map((p) => problemLine(p, board, at)),
                ...(page === pages && more > 0 && { more }),
              },
            });
          }
        }
      }
      if (route.channel) {
        out.push({
          ...common,
          key: `round-open:${board.code}:cycle-${cycle.index}`,
          recipient: route.channel,
          problemKeys: problems.map((p) => p.key),
          message: { kind: 'round-open', ...base, owners: ownerList(owners) },
        });
      }
    }
    return out;
  },
};
