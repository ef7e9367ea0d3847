import type { Db } from '../db/client.js';
import type { Prisma, Route } from '../db/generated/client.js';
import type { Cycle } from '../domain/cycle.js';
import { localDate } from '../domain/cycle.js';
import { deriveFlags } from '../domain/problem-state.js';
import { reportByDate } from '../domain/schedule.js';
import { boardLanguage } from '../i18n/index.js';
import { MAX_CALENDAR_DAYS, boardCalendar, calendarDaysSelect } from '../services/calendar.js';
import {
  MAX_OWNERS_LISTED,
  listed,
  type BoardRef,
  type Listed,
  type OwnerKeys,
  type ProblemLine,
  type RoundRef,
} from './outbox/messages.js';

/**
 * Boards that get scheduled messages: every non-archived one (of one workspace, when given), each with
 * its working-day calendar (issue 22), which every job's timing follows.
 */
export async function activeBoards(db: Db, teamId?: string) {
  const boards = await db.board.findMany({
    where: { archived: false, ...(teamId && { teamId }) },
    include: {
      leaders: { orderBy: { userId: 'asc' } },
      calendarDays: { ...calendarDaysSelect, orderBy: { date: 'asc' }, take: MAX_CALENDAR_DAYS },
    },
    orderBy: [{ teamId: 'asc' }, { code: 'asc' }],
  });
  return Promise.all(boards.map(async (b) => ({ ...b, workCalendar: await boardCalendar(b) })));
}

/** `channelPrivate`: set before planning for a restricted board with a channel (see routeOf). */
export type JobBoard = Awaited<ReturnType<typeof activeBoards>>[number] & { channelPrivate?: boolean };

/** A board as messages name it: code, name, zone and language (any board row with these fields). */
export function boardRef(board: { code: string; name: string; timezone: string; language: string | null }): BoardRef {
  return {
    code: board.code,
    name: board.name,
    timezone: board.timezone,
    language: boardLanguage(board.language),
  };
}

export function roundRef(board: JobBoard, cycle: Cycle): RoundRef {
  return {
    number: cycle.index + 1,
    startDate: cycle.startDate,
    endDate: cycle.endDate,
    reportBy: reportByDate(board, cycle),
  };
}

/**
 * Where a kind of message goes on this board: owners' DMs, the channel (when the board has one), or both.
 *
 * A restricted board's problems are for its leaders, owners and admins, and the members of its channel only
 * when that channel is private (slack/channel-members.ts): anyone may join a public one. So its channel
 * posts (which name keys and titles) go to the channel only when Slack said it is private (`channelPrivate`,
 * looked up before planning: execute.ts); otherwise they go to the DMs instead (each job's DM audience is
 * leaders or the problems' own owners, who may see them). The smaller safe change than counts-only channel
 * versions of every message: nothing new to render, and no restricted key or title in a public channel.
 */
export function routeOf(
  route: Route,
  board: Pick<JobBoard, 'channelId' | 'visibility'> & { channelPrivate?: boolean },
): { dm: boolean; channel: string | null } {
  const channel = route !== 'dm' ? board.channelId : null;
  if (channel && board.visibility === 'restricted' && board.channelPrivate !== true) return { dm: true, channel: null };
  return { dm: route !== 'channel', channel };
}

export const leaderIds = (board: JobBoard): string[] => board.leaders.map((l) => l.userId);

/** Statuses whose owners are asked for progress (closeout requests wait for a leader, not the owner). */
export const AWAITING = ['open', 'in_progress'] as const;

interface ProblemRow {
  key: string;
  title: string;
  status: ProblemLine['status'];
  deadline: string | null;
  percent: number;
  health: ProblemLine['health'];
  lastUpdateAt: Date | null;
  closedAt: Date | null;
}

/** A problem as a message line, with its standing as of `at` on the board's calendar. */
export function problemLine(p: ProblemRow, board: Parameters<typeof deriveFlags>[1], at: Date): ProblemLine {
  const flags = deriveFlags(p, board, at);
  return {
    key: p.key,
    title: p.title,
    status: p.status,
    deadline: flags.deadline,
    daysOverdue: flags.daysOverdue,
    ...(flags.workingDaysOverdue !== undefined && { workingDaysOverdue: flags.workingDaysOverdue }),
    percent: p.percent,
    health: p.health,
    lastUpdate: p.lastUpdateAt ? localDate(p.lastUpdateAt, board.timezone) : null,
  };
}

/** Groups rows by a key, keeping first-seen order. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Problems ordered like lists: due soonest first, no deadline last. */
export const DUE_ORDER: Prisma.ProblemOrderByWithRelationInput[] = [
  { deadline: { sort: 'asc', nulls: 'last' } },
  { number: 'asc' },
];

/** Owners and their problem keys, for channel posts that mention who owes what. */
export function ownerList(owners: Map<string, { key: string }[]>): Listed<OwnerKeys> {
  return listed(
    [...owners].map(([userId, owned]) => ({ userId, keys: owned.map((p) => p.key) })),
    MAX_OWNERS_LISTED,
  );
}
