import { systemClock } from '../../src/domain/clock.js';
import type { Db } from '../../src/db/client.js';
import { createBoard } from '../../src/services/boards.js';

export interface SeedBoardOptions {
  teamId: string;
  code: string;
  /** Owners `UB000000`, `UB000001`, …; each gets `perOwner(i)` problems. */
  owners: number;
  perOwner: (ownerIndex: number) => number;
  /** Owner IDs start after this many (two boards can have owners of their own). */
  ownerOffset?: number;
  channelId?: string;
  /** The board's working-day calendar (issue 22); BENCH_CALENDAR sets it for every seeded board (default none). */
  calendar?: string;
}

/** Owner ID as the benches and their commands use it. */
export const benchOwner = (index: number) => `UB${String(index).padStart(6, '0')}`;

/**
 * A board whose round 1 opens on 2026-11-16 (prompts due at 01:00 UTC) with owners and problems written
 * in bulk (createMany in chunks): what the prompt, scale and ack benches share. Returns the problem count.
 */
export async function seedBoard(db: Db, opts: SeedBoardOptions): Promise<{ boardId: number; problems: number }> {
  const deps = { db, clock: systemClock, admins: new Set(['UADMIN']) };
  const board = await createBoard(
    deps,
    { teamId: opts.teamId, userId: 'UADMIN' },
    {
      code: opts.code,
      name: `Benchmark board ${opts.code}`,
      channelId: opts.channelId ?? `C0${opts.code}`,
      timezone: 'Asia/Shanghai',
      language: 'en',
      leaders: ['ULEAD'],
      anchorDate: '2026-11-16',
      calendar: opts.calendar ?? process.env.BENCH_CALENDAR ?? 'none',
    },
  );
  let number = 0;
  let chunk = [];
  for (let i = 0; i < opts.owners; i++) {
    const owner = benchOwner(i + (opts.ownerOffset ?? 0));
    for (let k = 0; k < opts.perOwner(i); k++) {
      number += 1;
      chunk.push({
        teamId: opts.teamId,
        boardId: board.id,
        number,
        key: `${opts.code}-${number}`,
        title: `Problem ${number}: backlog of unprocessed cases at window ${i}`,
        ownerId: owner,
        deadline: number % 4 ? `2027-0${1 + (number % 9)}-15` : `2026-10-${10 + (number % 18)}`,
        status: number % 5 ? ('open' as const) : ('in_progress' as const),
        percent: (number * 7) % 100,
        createdBy: 'ULEAD',
        createdAt: new Date('2026-11-01T00:00:00Z'),
      });
      if (chunk.length >= 1000) {
        await db.problem.createMany({ data: chunk });
        chunk = [];
      }
    }
  }
  if (chunk.length) await db.problem.createMany({ data: chunk });
  await db.board.update({ where: { id: board.id }, data: { nextProblemNumber: number + 1 } });
  return { boardId: board.id, problems: number };
}
