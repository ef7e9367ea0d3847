import type { Prisma } from '../db/generated/client.js';
import { cycleAt, localDate } from '../domain/cycle.js';
import type { ServiceDeps } from './deps.js';

export const LIST_VIEWS = ['open', 'mine', 'overdue', 'stale', 'closed', 'all'] as const;
export type ListView = (typeof LIST_VIEWS)[number];

export interface ProblemFilter {
  teamId: string;
  view: ListView;
  /** Needed for `mine`. */
  userId?: string;
  ownerId?: string;
  boardCode?: string;
  category?: string;
  unit?: string;
  includeArchived?: boolean;
}

export interface Page {
  offset: number;
  limit: number;
}

/**
 * "Overdue" and "stale" depend on each board's own calendar (today and the current cycle in its time
 * zone), so the filter is built per board and OR-ed together.
 */
async function whereFor(deps: Pick<ServiceDeps, 'db' | 'clock'>, f: ProblemFilter): Promise<Prisma.ProblemWhereInput> {
  const boards = await deps.db.board.findMany({
    where: {
      teamId: f.teamId,
      ...(f.boardCode && { code: f.boardCode.toUpperCase() }),
      ...(!f.includeArchived && !f.boardCode && { archived: false }),
    },
  });
  const now = deps.clock.now();
  const notClosed: Prisma.ProblemWhereInput = { status: { not: 'closed' } };
  const perBoard = boards.map((board): Prisma.ProblemWhereInput => {
    const today = localDate(now, board.timezone);
    switch (f.view) {
      case 'overdue':
        return {
          boardId: board.id,
          ...notClosed,
          OR: [{ deadline: { lt: today } }, ...(board.deadline && board.deadline < today ? [{ deadline: null }] : [])],
        };
      case 'stale': {
        const start = cycleAt(board, now).start;
        return { boardId: board.id, ...notClosed, OR: [{ lastUpdateAt: null }, { lastUpdateAt: { lt: start } }] };
      }
      default:
        return { boardId: board.id };
    }
  });
  return {
    teamId: f.teamId,
    OR: perBoard.length ? perBoard : [{ id: -1 }],
    ...(f.view === 'open' && notClosed),
    ...(f.view === 'mine' && { ...notClosed, ownerId: f.userId ?? '' }),
    ...(f.view === 'closed' && { status: 'closed' }),
    ...(f.ownerId && { ownerId: f.ownerId }),
    ...(f.category && { category: f.category }),
    ...(f.unit && { unit: f.unit }),
  };
}

/** Problems matching a filter, due soonest first (no deadline last), with the total for paging. */
export async function listProblems(deps: Pick<ServiceDeps, 'db' | 'clock'>, filter: ProblemFilter, page: Page = { offset: 0, limit: 50 }) {
  const where = await whereFor(deps, filter);
  const [total, items] = await Promise.all([
    deps.db.problem.count({ where }),
    deps.db.problem.findMany({
      where,
      orderBy: [{ deadline: { sort: 'asc', nulls: 'last' } }, { boardId: 'asc' }, { number: 'asc' }],
      skip: page.offset,
      take: page.limit,
      include: { board: true, _count: { select: { measures: true } } },
    }),
  ]);
  return { total, items };
}
