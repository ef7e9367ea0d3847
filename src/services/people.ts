import type { Db } from '../db/client.js';
import { isUniqueViolation } from './deps.js';

/**
 * Display names as Slack last gave them (the Person table), so a document made without Slack (the CLI's
 * report) names people too. Only a cache: the Slack layer writes what users.info answered; a name never seen
 * stays a member ID.
 */

/** At most this many names are read or written at once: a report names at most a few hundred people. */
const MAX_PEOPLE = 500;

async function teamOf(db: Db, boardId: number): Promise<string | null> {
  const board = await db.board.findUnique({ where: { id: boardId }, select: { teamId: true } });
  return board?.teamId ?? null;
}

/** The stored names of some people of a board's workspace, by member ID (those never seen are missing). */
export async function storedNames(db: Db, boardId: number, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)].slice(0, MAX_PEOPLE);
  const teamId = ids.length ? await teamOf(db, boardId) : null;
  if (!teamId) return new Map();
  const rows = await db.person.findMany({
    where: { teamId, userId: { in: ids } },
    select: { userId: true, name: true },
  });
  return new Map(rows.map((r) => [r.userId, r.name]));
}

/** Keeps the names Slack gave; only new or changed ones are written. */
export async function rememberNames(
  db: Db,
  boardId: number,
  names: ReadonlyMap<string, string>,
  at: Date,
): Promise<void> {
  const given = [...names].filter(([id, name]) => name && name !== id).slice(0, MAX_PEOPLE);
  if (!given.length) return;
  const known = await storedNames(
    db,
    boardId,
    given.map(([id]) => id),
  );
  const changed = given.filter(([id, name]) => known.get(id) !== name);
  const teamId = changed.length ? await teamOf(db, boardId) : null;
  if (!teamId) return;
  for (const [userId, name] of changed) {
    const save = () =>
      db.person.upsert({
        where: { teamId_userId: { teamId, userId } },
        create: { teamId, userId, name, updatedAt: at },
        update: { name, updatedAt: at },
        select: { userId: true },
      });
    // Two reports naming the same new person at once: on PostgreSQL the slower insert fails on the key the
    // other just wrote; once more, the row is there and is updated.
    await save().catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      return save();
    });
  }
}
