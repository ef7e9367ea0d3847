import { localDate } from '../domain/cycle.js';
import { deriveFlags } from '../domain/problem-state.js';
import { digestDue } from '../domain/schedule.js';
import { PROBLEM_STATUSES, type CountedStatus } from '../domain/types.js';
import { digestGapToTell } from '../services/calendar-notices.js';
import { existingKeys } from '../services/deliveries.js';
import { ON_LIST, isCounted } from '../services/on-list.js';
import { AWAITING, boardRef, groupBy, leaderIds, ownerList, roundRef, routeOf } from './job-data.js';
import { MAX_LINES_LISTED, listed, type DigestMessage, type OverdueLine } from './outbox/messages.js';
import type { Job, PlannedMessage } from './types.js';

/**
 * At a round's end (when the next one opens, at the prompt time): counts by status, completion, what
 * closed during the round, what is overdue and who has not reported — in the channel and/or to leaders.
 */
export const cycleDigest: Job = {
  name: 'cycle-digest',
  async *plan({ db, at, boards }) {
    const out: PlannedMessage[] = [];
    for (const board of boards) {
      const cycle = digestDue(board, at);
      if (!cycle) continue;
      const route = routeOf(board.digestTo, board);
      const key = `digest:${board.code}:cycle-${cycle.index}`;
      const recipients = [
        ...(route.channel ? [{ key, to: route.channel }] : []),
        ...(route.dm ? leaderIds(board).map((to) => ({ key: `${key}:${to}`, to })) : []),
      ];
      const done = await existingKeys(
        db,
        recipients.map((r) => r.key),
      );
      const todo = recipients.filter((r) => !done.has(r.key));
      if (!todo.length) continue;

      const problems = await db.problem.findMany({
        where: { boardId: board.id, ...ON_LIST },
        orderBy: { number: 'asc' },
      });
      if (!problems.length) continue;
      const reported = await db.update.findMany({
        where: { problem: { boardId: board.id }, cycle: cycle.index },
        select: { problemId: true },
        distinct: ['problemId'],
      });
      const reportedIds = new Set(reported.map((u) => u.problemId));

      const byStatus = Object.fromEntries(PROBLEM_STATUSES.map((s) => [s, 0])) as Record<CountedStatus, number>;
      for (const p of problems) if (isCounted(p.status)) byStatus[p.status] += 1;
      const closed = problems.filter(
        (p) => p.status === 'closed' && p.closedAt && p.closedAt >= cycle.start && p.closedAt < cycle.end,
      );
      const overdue: OverdueLine[] = problems
        .map((p) => ({ p, flags: deriveFlags(p, board, at) }))
        .filter(({ flags }) => flags.overdue)
        .sort((a, b) => b.flags.daysOverdue - a.flags.daysOverdue || a.p.number - b.p.number)
        .map(({ p, flags }) => ({
          key: p.key,
          title: p.title,
          ownerId: p.ownerId,
          unit: p.unit,
          deadline: flags.deadline ?? '',
          days: flags.daysOverdue,
          ...(flags.workingDaysOverdue !== undefined && { workingDays: flags.workingDaysOverdue }),
        }));
      const silent = problems.filter(
        (p) => (AWAITING as readonly string[]).includes(p.status) && p.createdAt < cycle.end && !reportedIds.has(p.id),
      );
      const message: DigestMessage = {
        kind: 'digest',
        board: boardRef(board),
        today: localDate(at, board.timezone),
        round: roundRef(board, cycle),
        total: problems.length,
        byStatus,
        closedThisRound: listed(
          closed.map((p) => ({ key: p.key, title: p.title })),
          MAX_LINES_LISTED,
        ),
        overdue: listed(overdue, MAX_LINES_LISTED),
        notReported: ownerList(groupBy(silent, (p) => p.ownerId)),
        silentProblems: silent.length,
      };
      const gap = await digestGapToTell(db, board, at);
      if (gap !== null) message.calendarGap = gap;
      for (const r of todo) {
        out.push({
          key: r.key,
          job: 'cycle-digest',
          teamId: board.teamId,
          boardId: board.id,
          recipient: r.to,
          problemKeys: [],
          message,
        });
      }
    }
    yield out;
  },
};
