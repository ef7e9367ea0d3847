import type { Prisma } from '../db/generated/client.js';
import { containsText } from '../db/database.js';
import { cycleAt, localDate } from '../domain/cycle.js';
import { notFound } from '../domain/errors.js';
import { deriveFlags } from '../domain/problem-state.js';
import type { ProblemStatus } from '../domain/types.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { loadBoardCalendar } from './calendar.js';
import type { ServiceDeps } from './deps.js';
import { ON_LIST } from './on-list.js';
import { requireVisibleBoard, visibleBoards, type Viewer } from './visibility.js';

export const LIST_VIEWS = ['open', 'mine', 'overdue', 'stale', 'closed', 'all'] as const;
export type ListView = (typeof LIST_VIEWS)[number];

export interface ProblemFilter {
  teamId: string;
  view: ListView;
  /** Needed for `mine`. */
  userId?: string;
  ownerId?: string;
  /** One board; without it every (non-archived) board of the team. An unknown code is refused. */
  boardCode?: string;
  category?: string;
  unit?: string;
  /** Words to find in the key, title, description or unit (case-insensitive for Latin letters). */
  text?: string;
  /** Archived boards are left out unless asked for, or named by `boardCode`. */
  includeArchived?: boolean;
  /** Withdrawn problems are left out unless asked for. */
  includeWithdrawn?: boolean;
  /** Only problems in this status (`withdrawn` for the restore picker). */
  status?: ProblemStatus;
  /** Who is looking: restricted boards they may not see are left out (refused when named). Omitted: no check. */
  viewer?: Viewer;
}

interface Page {
  offset: number;
  limit: number;
}

/** Admins see every board; without them (the CLI's data access) no one is treated as admin but the operator. */
type QueryDeps = Pick<ServiceDeps, 'db' | 'clock'> & Partial<Pick<ServiceDeps, 'admins'>>;

/** Statuses whose owners still owe a progress report (see isStale). */
const AWAITING_REPORT: Prisma.ProblemWhereInput = { status: { in: ['open', 'in_progress'] } };
const NOT_CLOSED: Prisma.ProblemWhereInput = { status: { not: 'closed' } };

/**
 * "Overdue" and "stale" depend on each board's own calendar (today and the current cycle in its time
 * zone), so the filter is built per board and OR-ed together.
 */
async function whereFor(deps: QueryDeps, f: ProblemFilter): Promise<Prisma.ProblemWhereInput> {
  const code = f.boardCode?.trim().toUpperCase();
  const found = await deps.db.board.findMany({
    where: {
      teamId: f.teamId,
      ...(code && { code }),
      ...(!f.includeArchived && !code && { archived: false }),
    },
  });
  if (code && found.length === 0) throw notFound('error.board_not_found', { code });
  const viewer = f.viewer;
  if (viewer && code && found[0])
    await requireVisibleBoard({ ...deps, admins: deps.admins ?? new Set() }, viewer, found[0]);
  const boards = viewer ? await visibleBoards({ ...deps, admins: deps.admins ?? new Set() }, viewer, found) : found;
  const now = deps.clock.now();
  const perBoard = boards.map((board): Prisma.ProblemWhereInput => {
    const today = localDate(now, board.timezone);
    switch (f.view) {
      case 'overdue':
        return {
          boardId: board.id,
          ...NOT_CLOSED,
          // The board's list-wide deadline stands in for problems without their own.
          OR: [{ deadline: { lt: today } }, ...(board.deadline && board.deadline < today ? [{ deadline: null }] : [])],
        };
      case 'stale': {
        const start = cycleAt(board, now).start;
        return { boardId: board.id, ...AWAITING_REPORT, OR: [{ lastUpdateAt: null }, { lastUpdateAt: { lt: start } }] };
      }
      default:
        return { boardId: board.id };
    }
  });
  const and: Prisma.ProblemWhereInput[] = [{ OR: perBoard.length ? perBoard : [{ id: -1 }] }];
  if (!f.includeWithdrawn && f.status !== 'withdrawn') and.push(ON_LIST);
  if (f.status) and.push({ status: f.status });
  const text = f.text?.trim();
  if (text) {
    and.push({
      OR: [
        { key: containsText(deps.db, text.toUpperCase()) },
        { title: containsText(deps.db, text) },
        { description: containsText(deps.db, text) },
        { unit: containsText(deps.db, text) },
      ],
    });
  }
  return {
    teamId: f.teamId,
    AND: and,
    ...(f.view === 'open' && NOT_CLOSED),
    ...(f.view === 'mine' && { ...NOT_CLOSED, ownerId: f.userId ?? '' }),
    ...(f.view === 'closed' && { status: 'closed' }),
    ...(f.ownerId && { ownerId: f.ownerId }),
    ...(f.category && { category: f.category }),
    ...(f.unit && { unit: f.unit }),
  };
}

async function fetchPage(deps: QueryDeps, where: Prisma.ProblemWhereInput, page: Page) {
  const now = deps.clock.now();
  const [total, rows] = await Promise.all([
    deps.db.problem.count({ where }),
    deps.db.problem.findMany({
      where,
      orderBy: [{ deadline: { sort: 'asc', nulls: 'last' } }, { boardId: 'asc' }, { number: 'asc' }],
      skip: page.offset,
      take: page.limit,
      include: { board: true, _count: { select: { measures: true } } },
    }),
  ]);
  // Each board's working days (issue 22), read once per board on the page: flags carry working days overdue.
  const calendars = new Map<number, Promise<WorkCalendar>>();
  const calendarOf = (board: { id: number; calendar: string }) => {
    let calendar = calendars.get(board.id);
    if (!calendar) calendars.set(board.id, (calendar = loadBoardCalendar(deps.db, board)));
    return calendar;
  };
  const items = await Promise.all(
    rows.map(async (row) => ({
      ...row,
      flags: deriveFlags(row, { ...row.board, workCalendar: await calendarOf(row.board) }, now),
    })),
  );
  return { total, items };
}

/**
 * Problems matching a filter, due soonest first (no deadline last), with the total for paging. Each item
 * carries its derived `flags` (overdue, stale, closed late, days overdue) as of the clock's now.
 */
export async function listProblems(deps: QueryDeps, filter: ProblemFilter, page: Page = { offset: 0, limit: 50 }) {
  return fetchPage(deps, await whereFor(deps, filter), page);
}

/**
 * Problems whose key, title, description or unit contain `text`, for pickers and `/closeout show`
 * suggestions: an exact key match comes first, then the rest as listProblems orders them.
 */
export async function searchProblems(
  deps: QueryDeps,
  filter: Omit<ProblemFilter, 'text' | 'view'> & { view?: ListView },
  text: string,
  limit = 20,
) {
  const where = await whereFor(deps, { view: 'all', ...filter, text });
  const key = text.trim().toUpperCase();
  const [exact, rest] = await Promise.all([
    fetchPage(deps, { AND: [where, { key }] }, { offset: 0, limit: 1 }),
    fetchPage(deps, { AND: [where, { key: { not: key } }] }, { offset: 0, limit }),
  ]);
  return { total: exact.total + rest.total, items: [...exact.items, ...rest.items].slice(0, limit) };
}
