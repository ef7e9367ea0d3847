import { absenceOf } from './absences.js';
import { localDate } from '../domain/cycle.js';
import type { Actor, CountedStatus, Health, ProblemStatus } from '../domain/types.js';
import { isAdmin } from './access.js';
import { boardsLedBy } from './boards.js';
import { homeGapsToTell, type CalendarGap } from './calendar-notices.js';
import type { ServiceDeps } from './deps.js';
import { listProblems } from './queries.js';
import { ON_LIST, isCounted } from './on-list.js';
import { unitLines, type UnitLine } from './report-data.js';
import { completion, emptyStatusCounts, type SummaryBoard } from './summary-types.js';

/** Units a leader's dashboard lists per board (the most open first; the rest are counted). */
const HOME_UNITS = 6;

/** One of the user's own open problems, as the App Home shows it. */
export interface HomeProblem {
  key: string;
  title: string;
  status: ProblemStatus;
  percent: number;
  health: Health | null;
  /** The effective deadline (the problem's own, else the board's). */
  deadline: string | null;
  overdue: boolean;
  daysOverdue: number;
  /** On a board with a working-day calendar (issue 22): the working days overdue, shown beside. */
  workingDaysOverdue?: number;
  stale: boolean;
  lastUpdateAt: Date | null;
  /** The board's time zone, for showing dates on its calendar. */
  timezone: string;
}

interface PendingCloseout {
  key: string;
  title: string;
  requestedBy: string;
  requestedAt: Date;
  /** Its evidence files (links on the Home). */
  files: { name: string; permalink: string }[];
}

/** A board at a glance for its leaders: the same numbers the summary computes, from database aggregates. */
export interface BoardDashboard {
  code: string;
  name: string;
  timezone: string;
  language: string;
  /** Archived boards are still shown to their leaders, marked, so they can find and unarchive them. */
  archived: boolean;
  total: number;
  closed: number;
  completion: number;
  byStatus: Record<CountedStatus, number>;
  overdue: number;
  stale: number;
  /** Closeout requests waiting for a decision, oldest first; `total` counts all of them. */
  pending: { total: number; items: PendingCloseout[] };
  /** Responsible units with the most problems open (the rest counted): open, overdue, on-time rate. */
  units?: { total: number; rows: UnitLine[] };
}

export interface HomeData {
  /** The user's open problems across boards, due soonest first; `items` holds at most the limit. */
  mine: { total: number; overdue: number; items: HomeProblem[] };
  /** Boards the user leads (every board for admins), by code; null when the user leads none and is no admin. */
  boards: { total: number; items: BoardDashboard[] } | null;
  /** Replies the user typed that wait for them to pick their problem; `items` holds at most the limit. */
  replies: { total: number; items: WaitingReply[] };
  isAdmin: boolean;
  /** Coming years a led board's country calendar has no official data for, each shown once (issue 22). */
  calendarGaps?: CalendarGap[];
  /** The user's absence, while it has not ended (issue 22). */
  absence?: { startDate: string; endDate: string; delegateId: string | null };
}

export interface HomeLimits {
  problems: number;
  boards: number;
  pendingPerBoard: number;
  /** Chat replies still waiting for the user to say which problem they are about. */
  replies: number;
}

/** A progress reply the user typed that is kept until they say which problem it is about. */
interface WaitingReply {
  id: number;
  text: string;
}

/** The user's waiting replies, oldest first: they stay on the Home until answered or dismissed. */
async function waitingReplies(deps: ServiceDeps, actor: Actor, limit: number): Promise<HomeData['replies']> {
  const where = { teamId: actor.teamId, userId: actor.userId, state: 'pending' as const };
  const [total, items] = await Promise.all([
    deps.db.chatReply.count({ where }),
    deps.db.chatReply.findMany({ where, orderBy: { createdAt: 'asc' }, take: limit, select: { id: true, text: true } }),
  ]);
  return { total, items };
}

async function myProblems(deps: ServiceDeps, actor: Actor, limit: number): Promise<HomeData['mine']> {
  const [open, overdue] = await Promise.all([
    listProblems(deps, { teamId: actor.teamId, view: 'mine', userId: actor.userId }, { offset: 0, limit }),
    listProblems(deps, { teamId: actor.teamId, view: 'overdue', ownerId: actor.userId }, { offset: 0, limit: 0 }),
  ]);
  const items = open.items.map((p): HomeProblem => ({
    key: p.key,
    title: p.title,
    status: p.status,
    percent: p.percent,
    health: p.health,
    deadline: p.flags.deadline,
    overdue: p.flags.overdue,
    daysOverdue: p.flags.daysOverdue,
    ...(p.flags.workingDaysOverdue !== undefined && { workingDaysOverdue: p.flags.workingDaysOverdue }),
    stale: p.flags.stale,
    lastUpdateAt: p.lastUpdateAt,
    timezone: p.board.timezone,
  }));
  return { total: open.total, overdue: overdue.total, items };
}

/**
 * Counts come from aggregates rather than loading every problem: a leader's Home is republished after
 * every change on their boards. Overdue and stale use the list queries, so they match `/closeout list`.
 */
export async function boardDashboard(
  deps: ServiceDeps,
  teamId: string,
  board: SummaryBoard & { archived: boolean },
  pendingLimit: number,
  unitLimit = HOME_UNITS,
): Promise<BoardDashboard> {
  const count = (view: 'overdue' | 'stale') =>
    listProblems(deps, { teamId, view, boardCode: board.code }, { offset: 0, limit: 0 }).then((r) => r.total);
  const pendingWhere = { teamId, state: 'pending' as const, problem: { boardId: board.id } };
  const [groups, overdue, stale, pendingTotal, pending, units] = await Promise.all([
    deps.db.problem.groupBy({ by: ['status'], where: { boardId: board.id, ...ON_LIST }, _count: { _all: true } }),
    count('overdue'),
    count('stale'),
    deps.db.closeoutRequest.count({ where: pendingWhere }),
    deps.db.closeoutRequest.findMany({
      where: pendingWhere,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: pendingLimit,
      include: {
        problem: { select: { key: true, title: true } },
        files: { orderBy: { id: 'asc' }, select: { name: true, permalink: true } },
      },
    }),
    unitLines(deps.db, board, localDate(deps.clock.now(), board.timezone), unitLimit),
  ]);
  const byStatus = emptyStatusCounts();
  for (const g of groups) if (isCounted(g.status)) byStatus[g.status] = g._count._all;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    code: board.code,
    name: board.name,
    timezone: board.timezone,
    language: board.language,
    archived: board.archived,
    total,
    closed: byStatus.closed,
    completion: completion(byStatus.closed, total),
    byStatus,
    overdue,
    stale,
    pending: {
      total: pendingTotal,
      items: pending.map((r) => ({
        key: r.problem.key,
        title: r.problem.title,
        requestedBy: r.requestedBy,
        requestedAt: r.createdAt,
        files: r.files,
      })),
    },
    units,
  };
}

/** Everything a user's App Home shows, within the given limits (the rest is only counted). */
export async function homeData(deps: ServiceDeps, actor: Actor, limits: HomeLimits): Promise<HomeData> {
  const admin = isAdmin(deps, actor);
  const [mine, led, replies, absence] = await Promise.all([
    myProblems(deps, actor, limits.problems),
    boardsLedBy(deps, actor, { includeArchived: true }),
    waitingReplies(deps, actor, limits.replies),
    absenceOf(deps, actor),
  ]);
  // Ended absences are not shown (a day's slack: the user may be west of UTC).
  const yesterday = localDate(new Date(deps.clock.now().getTime() - 86_400_000), 'UTC');
  const shown = led.slice(0, limits.boards);
  const dashboards = await Promise.all(shown.map((b) => boardDashboard(deps, actor.teamId, b, limits.pendingPerBoard)));
  const calendarGaps = await homeGapsToTell(
    deps.db,
    actor.userId,
    led.filter((b) => !b.archived),
    deps.clock.now(),
  );
  return {
    ...(calendarGaps.length && { calendarGaps }),
    ...(absence &&
      absence.endDate >= yesterday && {
        absence: { startDate: absence.startDate, endDate: absence.endDate, delegateId: absence.delegateId },
      }),
    mine,
    boards: admin || led.length > 0 ? { total: led.length, items: dashboards } : null,
    isAdmin: admin,
    replies,
  };
}
