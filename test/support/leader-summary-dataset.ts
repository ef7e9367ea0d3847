import type { fixedClock } from '../../src/domain/clock.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { LEADER, OTHER, OWNER, seedBoard } from './fixtures.js';

/** "Now": 10:00 on Wed 2026-11-25 in Shanghai, in cycle 2 (Nov 16 – Nov 29); cycle 1 ended on Sun Nov 15. */
export const LEADER_SUMMARY_NOW = '2026-11-25T02:00:00Z';

/**
 * A board whose summary, breakdowns, change since the last round and burn-down are worked out by hand
 * (see test/services/leader-summary.test.ts). RECT, Asia/Shanghai, rounds of 14 days from Mon Oct 19:
 * cycle 0 Oct 19 – Nov 1, cycle 1 Nov 2 – Nov 15, cycle 2 Nov 16 – Nov 29 (now).
 *
 * | key    | category   | unit           | owner | deadline   | created | status (when)          | last update |
 * | RECT-1 | Livelihood | Traffic police | OWNER | 2026-11-04 | Oct 20  | open                   | —           |
 * | RECT-2 | Livelihood | Permits office | OWNER | 2026-11-22 | Oct 20  | in_progress            | Nov 20      |
 * | RECT-3 | Livelihood | Permits office | OWNER | 2026-11-01 | Oct 20  | closed (Nov 10)        | —           |
 * | RECT-4 | Business   | Permits office | OTHER | 2026-12-01 | Oct 20  | in_progress            | Nov 10      |
 * | RECT-5 | Business   | Traffic police | OTHER | 2026-12-20 | Nov 3   | closeout_requested     | Nov 18      |
 * | RECT-6 | Business   | —              | OWNER | 2026-12-09 | Nov 3   | closed (Nov 19)        | —           |
 * | RECT-7 | —          | Hotline        | OWNER | —          | Nov 17  | open                   | —           |
 * | RECT-8 | Zeta       | Hotline        | OTHER | 2026-11-25 | Nov 18  | in_progress            | Nov 24      |
 * | RECT-9 | Livelihood | Traffic police | OTHER | 2026-11-15 | Nov 3   | in_progress            | Nov 12      |
 *
 * Overdue now: RECT-1 (21 d), RECT-9 (10 d), RECT-2 (3 d); RECT-9 and RECT-2 are newly overdue (their
 * deadlines were not past on Nov 15). Stale: RECT-1, RECT-7 (never updated), RECT-4 (Nov 10), RECT-9
 * (Nov 12). Due in 14 days: RECT-8 (today), RECT-4 (Dec 1). Since the last round: RECT-6 closed, RECT-7
 * and RECT-8 new. Burn-down: Nov 1 → 4 open of 4; Nov 15 → 6 open of 7; today → 7 open of 9.
 */
export async function seedLeaderSummaryDataset(deps: ServiceDeps, clock: ReturnType<typeof fixedClock>) {
  const board = await seedBoard(deps, { categories: ['Livelihood', 'Business'], anchorDate: '2026-10-19' });
  const rows: [string, string | null, string | null, typeof OWNER, string | null, string][] = [
    [
      '2026-10-20T02:00:00Z',
      'Livelihood',
      'Traffic police',
      OWNER,
      '2026-11-04',
      'Backlog of unprocessed traffic violations',
    ],
    ['2026-10-20T02:00:00Z', 'Livelihood', 'Permits office', OWNER, '2026-11-22', 'Queue times at the permit window'],
    [
      '2026-10-20T02:00:00Z',
      'Livelihood',
      'Permits office',
      OWNER,
      '2026-11-01',
      'Missing opening hours <notice> & signs',
    ],
    ['2026-10-20T02:00:00Z', 'Business', 'Permits office', OTHER, '2026-12-01', 'Slow business licence approvals'],
    ['2026-11-03T02:00:00Z', 'Business', 'Traffic police', OTHER, '2026-12-20', 'Duplicate inspections'],
    ['2026-11-03T02:00:00Z', 'Business', null, OWNER, '2026-12-09', 'Unclear fee schedule'],
    ['2026-11-17T02:00:00Z', null, 'Hotline', OWNER, null, 'Hotline calls unanswered'],
    ['2026-11-18T02:00:00Z', 'Zeta', 'Hotline', OTHER, '2026-11-25', 'Complaints box never emptied'],
    ['2026-11-03T02:00:00Z', 'Livelihood', 'Traffic police', OTHER, '2026-11-15', 'Towing fees not posted'],
  ];
  for (const [at, category, unit, owner, deadline, title] of rows) {
    clock.set(at);
    await createProblem(deps, LEADER, 'RECT', {
      title,
      category,
      unit,
      ownerId: owner.userId,
      deadline,
      measures: ['Do it'],
    });
  }
  const update = async (at: string, actor: typeof OWNER, key: string, percent: number) => {
    clock.set(at);
    await reportUpdate(deps, actor, key, { health: 'on_track', percent });
  };
  const close = async (at: string, key: string) => {
    clock.set(at);
    const { request } = await requestCloseout(deps, OWNER, key, { evidence: 'Done.' });
    await approveCloseout(deps, LEADER, request.id);
  };
  await close('2026-11-10T03:00:00Z', 'RECT-3');
  await update('2026-11-10T03:00:00Z', OTHER, 'RECT-4', 30);
  await update('2026-11-12T03:00:00Z', OTHER, 'RECT-9', 20);
  await update('2026-11-18T03:00:00Z', OTHER, 'RECT-5', 90);
  clock.set('2026-11-18T04:00:00Z');
  await requestCloseout(deps, OTHER, 'RECT-5', { evidence: 'Merged the two inspection rounds.' });
  await close('2026-11-19T03:00:00Z', 'RECT-6');
  await update('2026-11-20T03:00:00Z', OWNER, 'RECT-2', 40);
  await update('2026-11-24T03:00:00Z', OTHER, 'RECT-8', 10);
  clock.set(LEADER_SUMMARY_NOW);
  return board;
}
