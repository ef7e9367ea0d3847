/** Child process for the write-contention test: reports progress on RECT-1. Usage: report.ts <databaseUrl> <teamId> <userId> */
import { createDb } from '../../../src/db/client.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { reportUpdate } from '../../../src/services/progress.js';
import { readyThenGo } from './go.js';

const [url, teamId, userId] = process.argv.slice(2) as [string, string, string];
const db = createDb(url);
const deps = { db, clock: fixedClock('2026-11-26T03:00:00Z'), admins: new Set<string>() };

async function main() {
  await db.board.count();
  await readyThenGo();
  try {
    const r = await reportUpdate(deps, { teamId, userId }, 'RECT-1', {
      health: 'on_track',
      percent: 10,
      note: 'from another process',
    });
    return { ok: true, status: r.problem.status };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

main()
  .then((r) => process.stdout.write(`${JSON.stringify({ ...r, finishedAt: Date.now() })}\n`))
  .finally(() => db.$disconnect());
