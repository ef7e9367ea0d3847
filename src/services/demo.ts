import { DateTime } from 'luxon';
import { fixedClock } from '../domain/clock.js';
import { addDays, localDate, localInstant } from '../domain/cycle.js';
import { conflict } from '../domain/errors.js';
import type { Actor, Health } from '../domain/types.js';
import { createBoard } from './boards.js';
import { approveCloseout, requestCloseout } from './closeout.js';
import { answerCheck } from './effectiveness.js';
import { DEMO_MECHANISMS, DEMO_RECURRED, demoEvidenceFile } from './demo-outcomes.js';
import {
  DEMO_BEHIND_NOTES,
  DEMO_CATEGORIES,
  DEMO_EVIDENCE,
  DEMO_NOTES,
  DEMO_PROBLEMS,
  type DemoProblem,
} from './demo-data.js';
import type { ServiceDeps } from './deps.js';
import { createProblem, editMeasure } from './problems.js';
import { reportUpdate } from './progress.js';

export const DEMO_BOARD = 'RECT';
const DEMO_TIMEZONE = 'Asia/Shanghai';
/** Placeholder Slack users: operators reassign the problems (and set leaders) to real people afterwards. */
export const DEMO_LEADERS = ['U0DEMOL01', 'U0DEMOL02'];
export const DEMO_OWNERS = ['U0DEMO01', 'U0DEMO02', 'U0DEMO03', 'U0DEMO04', 'U0DEMO05', 'U0DEMO06'];

const CYCLE_DAYS = 14;
/** "Today" is this many days after the anchor: day 6 of cycle 3, so three full cycles of history lie behind. */
const TODAY_OFFSET = 3 * CYCLE_DAYS + 6;

interface DemoResult {
  code: string;
  problems: number;
  measures: number;
  updates: number;
  byStatus: Record<string, number>;
  overdue: number;
}

/**
 * Seeds the demo board: the story of a rectification drive three cycles in. History is written through
 * the services with the clock moved back, so updates, cycles, requests and approvals carry real dates.
 * Deterministic for a given "now" (no randomness). Refuses if the board code is taken.
 */
export async function seedDemo(
  deps: ServiceDeps,
  operator: Actor,
  opts: { channelId?: string } = {},
): Promise<DemoResult> {
  const existing = await deps.db.board.findUnique({
    where: { teamId_code: { teamId: operator.teamId, code: DEMO_BOARD } },
  });
  if (existing) throw conflict('error.board_exists', { code: DEMO_BOARD });

  const now = deps.clock.now();
  const today = localDate(now, DEMO_TIMEZONE);
  const anchor = addDays(today, -TODAY_OFFSET);
  const clock = fixedClock(now);
  const past: ServiceDeps = { ...deps, clock };
  /** The instant of day `day` after the anchor at HH:MM Shanghai time, never later than now. */
  const at = (day: number, time: string) => {
    const instant = localInstant(addDays(anchor, day), time, DEMO_TIMEZONE);
    clock.set(instant > now ? now : instant);
  };
  const leader: Actor = { teamId: operator.teamId, userId: DEMO_LEADERS[0]! };

  at(-3, '10:00');
  await createBoard(past, operator, {
    code: DEMO_BOARD,
    name: '“5+2”专项整治问题整改清单（演示）',
    channelId: opts.channelId ?? null,
    timezone: DEMO_TIMEZONE,
    // China's official holidays and make-up workdays: the time-travel buttons show a prompt moved past one.
    calendar: 'CN',
    language: 'zh-CN',
    leaders: DEMO_LEADERS,
    cycleDays: CYCLE_DAYS,
    anchorDate: anchor,
    promptTime: '09:00',
    deadline: DateTime.fromISO(today).plus({ months: 4 }).endOf('month').toISODate()!,
    categories: [...DEMO_CATEGORIES],
    // The live ledger in the board's channel (a canvas): the demo shows it.
    ledger: 'canvas',
    // Every closeout request carries evidence files, as auditors expect (the playground's modal attaches them).
    evidenceRequired: true,
    // Each closeout is checked 30 days later: has the fix held? (issue 23)
    effectivenessDays: 30,
  });
  let approvals = 0;

  let updates = 0;
  for (const [i, item] of DEMO_PROBLEMS.entries()) {
    const owner: Actor = { teamId: operator.teamId, userId: DEMO_OWNERS[i % DEMO_OWNERS.length]! };
    const story = storyOf(item, i);
    at(0, `10:${String(i).padStart(2, '0')}`);
    const problem = await createProblem(past, leader, DEMO_BOARD, {
      title: item.title,
      description: item.description,
      category: item.category,
      source: item.source,
      ownerId: owner.userId,
      unit: item.unit,
      deadline: story.deadline === null ? null : addDays(anchor, story.deadline),
      measures: item.measures,
    });

    // Progress reports, one per cycle, marking measures done as the work goes.
    const total = item.measures.length;
    let done = 0;
    for (const [k, cycle] of story.cycles.entries()) {
      const last = k === story.cycles.length - 1;
      const share = story.finish && last ? 1 : (k + 1) / (story.cycles.length + 1);
      const target = Math.min(total, Math.floor(total * share * story.pace));
      const newlyDone = Array.from({ length: target - done }, (_, j) => done + j + 1);
      done = target;
      at(cycle * CYCLE_DAYS + 1 + (i % 4), `09:${String(30 + (i % 30)).padStart(2, '0')}`);
      await reportUpdate(past, owner, problem.key, {
        health: story.health(k),
        percent: story.finish && last ? 100 : Math.round(100 * share * story.pace),
        note:
          story.pace < 1 && k > 0
            ? DEMO_BEHIND_NOTES[k % DEMO_BEHIND_NOTES.length]!
            : DEMO_NOTES[Math.min(k, DEMO_NOTES.length - 1)]!,
        measuresDone: newlyDone,
      });
      updates++;
    }
    if (!story.finish && story.cycles.length && done < total) {
      await editMeasure(past, owner, problem.key, done + 1, { status: 'doing' });
    }
    if (story.requestDay !== null) {
      at(story.requestDay, '16:00');
      const files = [demoEvidenceFile(i)];
      const { request } = await requestCloseout(past, owner, problem.key, { evidence: DEMO_EVIDENCE, files });
      if (story.approveDay !== null) {
        at(story.approveDay, '11:00');
        approvals++;
        // The first closeout is long-term, with its lasting mechanisms; the second one's problem came back.
        const longTerm =
          approvals === 1 ? { mechanisms: [...DEMO_MECHANISMS], followUpDate: addDays(today, 30) } : undefined;
        await approveCloseout(past, leader, request.id, undefined, longTerm ? { longTerm } : {});
        if (approvals === 2) {
          // Its owner answered the effectiveness check early: it came back, and the problem was reopened.
          at(story.approveDay + 2, '15:00');
          const check = await deps.db.effectivenessCheck.findFirstOrThrow({
            where: { requestId: request.id, kind: 'days' },
            select: { id: true },
          });
          await answerCheck(past, owner, check.id, 0, 'came_back', DEMO_RECURRED);
        }
      }
    }
  }
  return summarise(deps, operator.teamId, today, updates);
}

interface Story {
  /** Days after the anchor; null: the list-wide deadline applies. */
  deadline: number | null;
  /** Cycles with a progress report. */
  cycles: number[];
  /** Share of the schedule achieved (behind-schedule problems report less). */
  pace: number;
  /** Reports end with every measure done and 100%. */
  finish: boolean;
  health: (k: number) => Health;
  requestDay: number | null;
  approveDay: number | null;
}

/** Turns a problem's story into dates (days after the anchor; today is TODAY_OFFSET). */
function storyOf(item: DemoProblem, i: number): Story {
  const onTrack = () => 'on_track' as const;
  const base = { pace: 1, finish: false, health: onTrack, requestDay: null, approveDay: null };
  const future = i % 3 === 0 ? null : TODAY_OFFSET + 5 + ((i * 11) % 60);
  switch (item.story) {
    case 'open':
      return { ...base, deadline: future, cycles: [] };
    case 'openOverdue':
      return { ...base, deadline: TODAY_OFFSET - 10, cycles: [] };
    case 'progress':
      return { ...base, deadline: future, cycles: i % 2 ? [0, 1, 2, 3] : [1, 2, 3] };
    case 'stale':
      return { ...base, deadline: future, cycles: [0, 1, 2] };
    case 'overdue':
      return {
        ...base,
        deadline: TODAY_OFFSET - 4 - (i % 4) * 5,
        cycles: i % 2 ? [0, 1, 2, 3] : [0, 1, 2],
        pace: 0.6,
        health: (k) => (k === 0 ? 'on_track' : k === 1 ? 'at_risk' : 'blocked'),
      };
    case 'requested':
      return { ...base, deadline: future, cycles: [0, 1, 2, 3], finish: true, requestDay: TODAY_OFFSET - 1 };
    case 'closed':
    case 'closedLate': {
      const last = 1 + (i % 2);
      const approveDay = last * CYCLE_DAYS + 10;
      return {
        ...base,
        deadline: item.story === 'closedLate' ? approveDay - 5 : approveDay + 7 + (i % 3) * 7,
        cycles: Array.from({ length: last + 1 }, (_, c) => c),
        finish: true,
        requestDay: last * CYCLE_DAYS + 8,
        approveDay,
      };
    }
  }
}

async function summarise(deps: ServiceDeps, teamId: string, today: string, updates: number): Promise<DemoResult> {
  const board = await deps.db.board.findUniqueOrThrow({ where: { teamId_code: { teamId, code: DEMO_BOARD } } });
  const problems = await deps.db.problem.findMany({
    where: { boardId: board.id },
    include: { _count: { select: { measures: true } } },
  });
  const byStatus: Record<string, number> = {};
  for (const p of problems) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
  return {
    code: board.code,
    problems: problems.length,
    measures: problems.reduce((n, p) => n + p._count.measures, 0),
    updates,
    byStatus,
    overdue: problems.filter((p) => p.status !== 'closed' && (p.deadline ?? board.deadline ?? '9999') < today).length,
  };
}
