/**
 * Child process for the cross-process decision test: decides one closeout request on a database file and
 * prints the outcome as JSON, with when the decision started.
 * Usage: decide.ts <databaseUrl> <teamId> <requestId> <approve|return> <userId> <admins,comma>
 */
import { createDb } from '../../../src/db/client.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { DomainError } from '../../../src/domain/errors.js';
import { approveCloseout, returnCloseout } from '../../../src/services/closeout.js';
import { readyThenGo } from './go.js';

const [url, teamId, id, kind, userId, admins] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const db = createDb(url);
const deps = { db, clock: fixedClock('2026-11-26T03:00:00Z'), admins: new Set(admins.split(',')) };
const actor = { teamId, userId };

async function main() {
  await db.board.count(); // connect first, so the processes race on the decision itself
  await readyThenGo();
  const startedAt = Date.now();
  try {
    const out =
      kind === 'approve'
        ? await approveCloseout(deps, actor, Number(id))
        : await returnCloseout(deps, actor, Number(id), 'not yet');
    return { startedAt, ok: true, state: out.request.state };
  } catch (e) {
    if (e instanceof DomainError) return { startedAt, ok: false, code: e.code, key: e.key, params: e.params };
    return { startedAt, ok: false, crash: String(e) };
  }
}

main()
  .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
  .finally(() => db.$disconnect());
