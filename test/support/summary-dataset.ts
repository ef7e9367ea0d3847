import type { fixedClock } from '../../src/domain/clock.js';
import { approveCloseout, requestCloseout } from '../../src/services/closeout.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { LEADER, OTHER, OWNER, seedBoard } from './fixtures.js';

/** "Now" for the dataset: 10:00 on Wed 2026-11-25 in Shanghai, in cycle 0 (Nov 16 – Nov 29) of RECT. */
export const SUMMARY_NOW = '2026-11-25T02:00:00Z';

/**
 * A board whose summary is worked out by hand (see test/services/summary.test.ts):
 *
 * | key    | category    | owner  | deadline   | status             | last update | flags                  |
 * | RECT-1 | Livelihood  | OWNER  | 2026-11-04 | open               | —           | overdue 21 d, stale    |
 * | RECT-2 | Livelihood  | OWNER  | 2026-11-22 | in_progress        | 11-20       | overdue 3 d            |
 * | RECT-3 | Livelihood  | OWNER  | 2026-11-01 | closed (11-19)     | —           | closed late            |
 * | RECT-4 | Business    | OWNER  | 2026-12-01 | in_progress        | 11-10       | stale, due in 6 d      |
 * | RECT-5 | Business    | OWNER  | 2026-12-20 | closeout_requested | 11-18       | pending request        |
 * | RECT-6 | Business    | OWNER  | 2026-12-09 | closed (11-19)     | —           | (due in 14 d, closed)  |
 * | RECT-7 | —           | OWNER  | —          | open               | —           | stale                  |
 * | RECT-8 | Zeta        | OTHER  | 2026-11-25 | in_progress        | 11-24       | due today              |
 */
export async function seedSummaryDataset(deps: ServiceDeps, clock: ReturnType<typeof fixedClock>) {
  const board = await seedBoard(deps, { categories: ['Livelihood', 'Business'] });
  clock.set('2026-11-01T00:00:00Z');
  const rows: [string | null, string, string | null, string][] = [
    ['Livelihood', OWNER.userId, '2026-11-04', 'Backlog of unprocessed traffic violations'],
    ['Livelihood', OWNER.userId, '2026-11-22', 'Queue times at the permit window'],
    ['Livelihood', OWNER.userId, '2026-11-01', 'Missing opening hours <notice> & signs'],
    ['Business', OWNER.userId, '2026-12-01', 'Slow business licence approvals'],
    ['Business', OWNER.userId, '2026-12-20', 'Duplicate inspections'],
    ['Business', OWNER.userId, '2026-12-09', 'Unclear fee schedule'],
    [null, OWNER.userId, null, 'Hotline calls unanswered'],
    ['Zeta', OTHER.userId, '2026-11-25', 'Complaints box never emptied'],
  ];
  for (const [category, ownerId, deadline, title] of rows) {
    await createProblem(deps, LEADER, 'RECT', {
      title,
      category,
      ownerId,
      deadline,
      unit: 'Permits office',
      measures: ['Do it'],
    });
  }
  const update = async (at: string, actor: typeof OWNER, key: string, percent: number) => {
    clock.set(at);
    await reportUpdate(deps, actor, key, { health: 'on_track', percent });
  };
  await update('2026-11-10T03:00:00Z', OWNER, 'RECT-4', 30);
  await update('2026-11-18T03:00:00Z', OWNER, 'RECT-5', 90);
  await update('2026-11-20T03:00:00Z', OWNER, 'RECT-2', 40);
  await update('2026-11-24T03:00:00Z', OTHER, 'RECT-8', 10);
  clock.set('2026-11-18T04:00:00Z');
  await requestCloseout(deps, OWNER, 'RECT-5', { evidence: 'Merged the two inspection rounds.' });
  clock.set('2026-11-19T03:00:00Z');
  for (const key of ['RECT-3', 'RECT-6']) {
    const { request } = await requestCloseout(deps, OWNER, key, { evidence: 'Done.' });
    await approveCloseout(deps, LEADER, request.id);
  }
  clock.set(SUMMARY_NOW);
  return board;
}
