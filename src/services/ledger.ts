import { cycleAt } from '../domain/cycle.js';
import { effectiveDeadline } from '../domain/problem-state.js';
import { PROBLEM_STATUSES, type CountedStatus } from '../domain/types.js';
import { boardDataVersion } from './board-version.js';
import { ON_LIST } from './on-list.js';
import type { Db } from './summary-queries.js';

/**
 * The live ledger (台账) of a board: its list as the channel canvas mirrors it (issue 24). Reads only; the
 * Slack layer writes the canvas (slack/ledger/).
 */

/** Rows the canvas holds at most; a longer list says how many more there are (the export has them all). */
const LEDGER_MAX_ROWS = 1_000;

interface LedgerRow {
  key: string;
  title: string;
  unit: string | null;
  ownerId: string;
  deadline: string | null;
  percent: number;
  lastUpdateAt: Date | null;
}

export interface Ledger {
  board: { code: string; name: string; timezone: string; language: string };
  /** Problems by status, in the statuses' order (withdrawn ones are off the list). */
  groups: { status: CountedStatus; total: number; rows: LedgerRow[] }[];
}

/** Boards with the canvas ledger on, a channel, and no refusal from Slack recorded. */
export function ledgerBoards(db: Db) {
  return db.board.findMany({
    where: { ledger: 'canvas', archived: false, channelId: { not: null }, ledgerRefused: null },
    orderBy: { id: 'asc' },
  });
}

type LedgerBoard = Awaited<ReturnType<typeof ledgerBoards>>[number];

/** What the ledger shows changes with the board's data and at each round (its "as of" and overdue marks). */
export async function ledgerState(db: Db, board: LedgerBoard, now: Date): Promise<string> {
  const { version } = await boardDataVersion(db, board.id);
  return `${version}|${cycleAt(board, now).index}`;
}

export async function ledgerOf(db: Db, board: LedgerBoard): Promise<Ledger> {
  const counts = await db.problem.groupBy({
    by: ['status'],
    where: { boardId: board.id, ...ON_LIST },
    _count: { _all: true },
  });
  let room = LEDGER_MAX_ROWS;
  const groups: Ledger['groups'] = [];
  for (const status of PROBLEM_STATUSES) {
    const total = counts.find((c) => c.status === status)?._count._all ?? 0;
    if (total === 0) continue;
    const take = Math.min(total, room);
    const rows =
      take === 0
        ? []
        : await db.problem.findMany({
            where: { boardId: board.id, status },
            select: {
              key: true,
              title: true,
              unit: true,
              ownerId: true,
              deadline: true,
              percent: true,
              lastUpdateAt: true,
            },
            orderBy: { number: 'asc' },
            take,
          });
    room -= rows.length;
    groups.push({
      status,
      total,
      rows: rows.map((r) => ({ ...r, deadline: effectiveDeadline(r, board) })),
    });
  }
  return { board: { code: board.code, name: board.name, timezone: board.timezone, language: board.language }, groups };
}

export async function setLedgerCanvas(db: Db, boardId: number, canvasId: string | null): Promise<void> {
  await db.board.update({ where: { id: boardId }, data: { ledgerCanvasId: canvasId } });
}

/** Records Slack's refusal; true the first time only (so leaders are told once). */
export async function setLedgerRefused(db: Db, boardId: number, reason: string): Promise<boolean> {
  const { count } = await db.board.updateMany({
    where: { id: boardId, ledgerRefused: null },
    data: { ledgerRefused: reason.slice(0, 200) },
  });
  return count === 1;
}
