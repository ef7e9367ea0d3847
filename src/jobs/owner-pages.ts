import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import { MAX_OWNERS_LISTED, listed, type Listed, type OwnerKeys } from './outbox/messages.js';
import { existingKeys } from '../services/deliveries.js';
import { DUE_ORDER } from './job-data.js';

/**
 * Reading a board's owners a page at a time (issue 12): a round to 50,000 owners is planned, recorded and
 * sent page by page, so the scheduler's memory does not grow with the board.
 */

/** Problem rows one query loads at most (owners with more than this get a query of their own). */
const ROWS_PER_QUERY = 5_000;

/** The columns a message line needs (job-data's problemLine), and whose the problem is. */
const LINE_COLUMNS = {
  key: true,
  title: true,
  status: true,
  deadline: true,
  percent: true,
  health: true,
  lastUpdateAt: true,
  closedAt: true,
  ownerId: true,
} as const satisfies Prisma.ProblemSelect;

type LineRow = Prisma.ProblemGetPayload<{ select: typeof LINE_COLUMNS }>;

interface OwnerCount {
  ownerId: string;
  /** Problems of theirs matching the filter. */
  count: number;
}

/** Owners of the problems matching `where`, in owner ID order, `size` at a time (cursor on the owner ID). */
export async function* ownerPages(db: Db, where: Prisma.ProblemWhereInput, size: number): AsyncGenerator<OwnerCount[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db.problem.groupBy({
      by: ['ownerId'],
      where: after === undefined ? where : { AND: [where, { ownerId: { gt: after } }] },
      orderBy: { ownerId: 'asc' },
      take: size,
      _count: { _all: true },
    });
    if (rows.length) yield rows.map((r) => ({ ownerId: r.ownerId, count: r._count._all }));
    if (rows.length < size) return;
    after = rows.at(-1)!.ownerId;
  }
}

/**
 * Each owner's problems matching `where`, most urgent first (DUE_ORDER), as message lines need them; at
 * most `limit` each when given. Owners are read together, a few thousand rows per query; an owner with more
 * problems than a query holds is read alone, only as many as `limit` asks for.
 */
export async function problemsOf(
  db: Db,
  where: Prisma.ProblemWhereInput,
  owners: readonly OwnerCount[],
  limit?: number,
): Promise<Map<string, LineRow[]>> {
  const found = new Map<string, LineRow[]>(owners.map((o) => [o.ownerId, []]));
  const load = async (ids: string[], take?: number) => {
    const rows = await db.problem.findMany({
      where: { AND: [where, { ownerId: { in: ids } }] },
      select: LINE_COLUMNS,
      orderBy: DUE_ORDER,
      ...(take !== undefined && { take }),
    });
    for (const row of rows) {
      const owned = found.get(row.ownerId);
      if (owned && owned.length < (limit ?? Infinity)) owned.push(row);
    }
  };
  let group: string[] = [];
  let rows = 0;
  for (const { ownerId, count } of owners) {
    // Alone (with `take`) when most of an owner's rows would be read only to be dropped, or they fill a query.
    if (count > ROWS_PER_QUERY || (limit !== undefined && count > 2 * limit)) {
      await load([ownerId], limit);
      continue;
    }
    if (group.length && rows + count > ROWS_PER_QUERY) {
      await load(group);
      group = [];
      rows = 0;
    }
    group.push(ownerId);
    rows += count;
  }
  if (group.length) await load(group);
  return found;
}

/**
 * What a channel post about these problems needs: every key (thread replies to the post map back to them)
 * and the owners in order of their most urgent problem, the first MAX_OWNERS_LISTED with their keys. Two
 * short columns per problem, not whole rows, and nothing kept per owner beyond those listed.
 */
export async function channelRoster(
  db: Db,
  where: Prisma.ProblemWhereInput,
): Promise<{ keys: string[]; owners: Listed<OwnerKeys> }> {
  const rows = await db.problem.findMany({ where, select: { key: true, ownerId: true }, orderBy: DUE_ORDER });
  const keys: string[] = [];
  const seen = new Set<string>();
  const shown = new Map<string, string[]>();
  for (const { key, ownerId } of rows) {
    keys.push(key);
    if (!seen.has(ownerId)) {
      seen.add(ownerId);
      if (shown.size < MAX_OWNERS_LISTED) shown.set(ownerId, []);
    }
    shown.get(ownerId)?.push(key);
  }
  const items = [...shown].map(([userId, owned]) => ({ userId, keys: owned }));
  return { keys, owners: { ...listed(items, MAX_OWNERS_LISTED), total: seen.size } };
}

/**
 * The owners of a page not yet messaged under `prefix` (their first message's key is `prefix` + owner):
 * those whose first message is recorded were prompted or nudged already (or are being), checked a page at a time.
 */
export async function notYetMessaged(db: Db, page: OwnerCount[], prefix: string): Promise<OwnerCount[]> {
  const done = await existingKeys(
    db,
    page.map((o) => `${prefix}${o.ownerId}`),
  );
  return page.filter((o) => !done.has(`${prefix}${o.ownerId}`));
}
