import type { Db } from '../db/client.js';
import { isPostgres } from '../db/kind.js';
import { Prisma } from '../db/generated/client.js';
import type { Tx } from './deps.js';

/**
 * The exactly-once ledger of scheduled messages. Every message is first recorded under a unique dedupe
 * key (planning twice, or by two processes, inserts it once), then claimed by one process with a single
 * conditional UPDATE, sent, and marked sent with where it landed. A claim is a lease: its holder renews it
 * while sending (`renewClaim`), and only a claim whose process went quiet for the stale period (it died) is
 * taken over; a sent row is never claimed again.
 */

export interface DeliveryPlan {
  teamId: string;
  dedupeKey: string;
  job: string;
  boardId: number | null;
  /** A user ID (the message goes to their DM with the bot) or a channel ID. */
  recipient: string;
  /** JSON of what to send, stored so that a retry sends the same thing. */
  payload: string;
  /** Problems the message is about: thread replies are mapped back to them. */
  problemKeys: string[];
}

/** A board as the follow-ups owed by a change on it need it: what they name, its zone and language. */
export interface OwedBoard {
  id: number;
  code: string;
  name: string;
  timezone: string;
  language: string | null;
  deadline: string | null;
}

/**
 * The follow-ups a change owes people (a transactional outbox): built from the change as saved (a new
 * request's id exists only inside its transaction) and recorded by the service in that same transaction,
 * so the change and its messages are committed together or not at all. A crash after the commit delays
 * them (whoever sends follow-ups next finds them pending); it can no longer lose them.
 */
export type Owed<Change> = (change: Change, board: OwedBoard) => readonly DeliveryPlan[];

/** Records what `owed` makes of a change, with the change's transaction client (nothing when none is owed). */
export async function recordOwed<Change>(
  tx: Tx,
  owed: Owed<Change> | undefined,
  change: Change,
  board: OwedBoard,
  now: Date,
): Promise<void> {
  const rows = owed?.(change, board) ?? [];
  if (rows.length) await plan(tx, rows, now);
}

/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const CHUNK = 200;

/** Records deliveries that are not recorded yet (by dedupe key); returns how many were new. */
export async function plan(db: Db | Tx, rows: readonly DeliveryPlan[], now: Date): Promise<number> {
  return (await planKeys(db, rows, now)).length;
}

/**
 * Records deliveries that are not recorded yet (by dedupe key); returns the keys this call inserted, read
 * back from the INSERT itself (RETURNING), so no query beforehand asks which keys exist.
 */
export async function planKeys(db: Db | Tx, rows: readonly DeliveryPlan[], now: Date): Promise<string[]> {
  const inserted: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${r.teamId}, ${r.dedupeKey}, ${r.job}, ${r.boardId}, ${r.recipient}, 'pending', 0, ${r.payload}, ${JSON.stringify(r.problemKeys)}, ${now}, ${now})`,
      );
    // Not createMany({ skipDuplicates }): SQLite does not support it; ON CONFLICT works on SQLite and PostgreSQL.
    const fresh = await db.$queryRaw<{ dedupeKey: string }[]>`
      INSERT INTO "Delivery" ("teamId", "dedupeKey", "job", "boardId", "recipient", "state", "attempts", "payload", "problemKeys", "createdAt", "updatedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "dedupeKey"`;
    for (const r of fresh) inserted.push(r.dedupeKey);
  }
  return inserted;
}

/** Which of these keys are recorded already. */
export async function existingKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.delivery.findMany({
      where: { dedupeKey: { in: keys.slice(i, i + 500) } },
      select: { dedupeKey: true },
    });
    for (const r of rows) found.add(r.dedupeKey);
  }
  return found;
}

/** Recorded keys starting with `prefix`. Keys are ASCII. */
export async function keysWithPrefix(db: Db, prefix: string): Promise<Set<string>> {
  // SQLite compares bytes, so a range over the unique index finds them (not a LIKE scan). PostgreSQL
  // compares by the database's collation, where `prefix\u007f` need not sort after every key: LIKE there.
  const where = isPostgres(db)
    ? { dedupeKey: { startsWith: prefix } }
    : { dedupeKey: { gte: prefix, lt: `${prefix}\u007f` } };
  const rows = await db.delivery.findMany({ where, select: { dedupeKey: true } });
  return new Set(rows.map((r) => r.dedupeKey));
}

/**
 * Deliveries ready to go: pending, or claimed by a process that has gone quiet for `staleAfterMs`. With
 * what each is to send, so it can be rendered before it is claimed (rendering may page through Slack's
 * users.list; the claim's lease then covers only the posting).
 */
export async function dueDeliveries(
  db: Db,
  f: {
    jobs: readonly string[];
    teamId?: string;
    now: Date;
    staleAfterMs: number;
    /** A page: rows after this id (cursor), at most `take` of them. */
    afterId?: number;
    take?: number;
  },
) {
  return db.delivery.findMany({
    where: {
      job: { in: [...f.jobs] },
      ...(f.teamId && { teamId: f.teamId }),
      ...(f.afterId !== undefined && { id: { gt: f.afterId } }),
      ...claimable(f.now, f.staleAfterMs),
    },
    select: { id: true, dedupeKey: true, recipient: true, payload: true, createdAt: true },
    orderBy: { id: 'asc' },
    ...(f.take !== undefined && { take: f.take }),
  });
}

/**
 * When the oldest claim held on these jobs' deliveries lapses if its holder stops renewing it (null when none
 * is held): if that holder died, its rows can be taken over then rather than at the next scheduler run.
 */
export async function nextClaimLapse(db: Db, jobs: readonly string[], staleAfterMs: number): Promise<Date | null> {
  const oldest = await db.delivery.findFirst({
    where: { job: { in: [...jobs] }, state: 'sending' },
    orderBy: { claimedAt: 'asc' },
    select: { claimedAt: true },
  });
  return oldest?.claimedAt ? new Date(oldest.claimedAt.getTime() + staleAfterMs) : null;
}

export type DueDelivery = Awaited<ReturnType<typeof dueDeliveries>>[number];

/** Rows that may be claimed now: pending, or held by a process that stopped renewing its claim. */
function claimable(now: Date, staleAfterMs: number): Prisma.DeliveryWhereInput {
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  return { OR: [{ state: 'pending' }, { state: 'sending', claimedAt: { lt: staleBefore } }] };
}

/**
 * Claims a delivery for this process: one conditional UPDATE, so of several processes exactly one wins.
 * Pending rows, and rows stuck in `sending` past `staleAfterMs` (their process crashed), can be claimed;
 * sent and failed rows never. Returns the claimed row (its `attempts` already counts this attempt), or null.
 * On PostgreSQL the row is picked with FOR UPDATE SKIP LOCKED: an instance never waits on a row another
 * instance is claiming at that moment; it simply does not get it.
 */
export async function claim(db: Db, key: string, instanceId: string, now: Date, staleAfterMs: number) {
  if (isPostgres(db)) {
    const staleBefore = new Date(now.getTime() - staleAfterMs);
    const won = await db.$queryRaw<{ id: number }[]>`
      UPDATE "Delivery"
      SET "state" = 'sending', "claimedAt" = ${now}, "claimedBy" = ${instanceId},
          "attempts" = "attempts" + 1, "updatedAt" = ${now}
      WHERE "id" = (
        SELECT "id" FROM "Delivery"
        WHERE "dedupeKey" = ${key}
          AND ("state" = 'pending' OR ("state" = 'sending' AND "claimedAt" < ${staleBefore}))
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    const id = won[0]?.id;
    return id === undefined ? null : db.delivery.findUnique({ where: { id } });
  }
  const [claimed] = await db.delivery.updateManyAndReturn({
    where: { dedupeKey: key, ...claimable(now, staleAfterMs) },
    data: { state: 'sending', claimedAt: now, claimedBy: instanceId, attempts: { increment: 1 } },
  });
  return claimed ?? null;
}

/**
 * Renews this process's claim (the lease's heartbeat). False when the claim is no longer ours (it went
 * stale and another process took it over, or it was settled): the holder must not release it then.
 */
export async function renewClaim(db: Db, key: string, instanceId: string, now: Date): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { dedupeKey: key, state: 'sending', claimedBy: instanceId },
    data: { claimedAt: now },
  });
  return count > 0;
}

interface Lease {
  /** Still ours at the last heartbeat. */
  readonly held: boolean;
  /** Stops the heartbeat (waits for one in flight). */
  stop(): Promise<void>;
}

/**
 * Keeps a claim alive while its holder works on it: renews it every third of the stale period, so no
 * other process takes it over however long sending takes (Slack's Retry-After, slow answers). A lost
 * claim is reported once (`onLost`); its holder then records the outcome only as the ledger allows.
 */
export function holdClaim(
  db: Db,
  key: string,
  instanceId: string,
  opts: { now: () => Date; staleAfterMs: number; onLost?: () => void; onError?: (error: unknown) => void },
): Lease {
  let held = true;
  let beat: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      beat = beat.then(async () => {
        if (!held) return;
        try {
          held = await renewClaim(db, key, instanceId, opts.now());
          if (!held) opts.onLost?.();
        } catch (error) {
          opts.onError?.(error); // the database is away: the next beat tries again, well inside the lease
        }
      });
    },
    Math.max(50, Math.floor(opts.staleAfterMs / 3)),
  );
  timer.unref();
  return {
    get held() {
      return held;
    },
    async stop() {
      clearInterval(timer);
      await beat;
    },
  };
}

/** Where the message landed. A message Slack accepted is recorded as sent whoever holds the claim now. */
export async function markSent(
  db: Db,
  key: string,
  landed: { channelId: string; ts: string },
  now: Date,
): Promise<void> {
  await db.delivery.updateMany({
    where: { dedupeKey: key, state: { not: 'sent' } },
    data: { state: 'sent', channelId: landed.channelId, slackTs: landed.ts, sentAt: now, lastError: null },
  });
}

/**
 * A failed attempt. `permanent`: the row is failed for good (the reason kept). `retryable`: it goes back to
 * pending for a later run. Only the claim's holder can mark it, so a late answer never undoes a newer claim.
 */
export async function markFailed(
  db: Db,
  key: string,
  instanceId: string,
  kind: 'permanent' | 'retryable',
  reason: string,
): Promise<void> {
  await db.delivery.updateMany({
    where: { dedupeKey: key, state: 'sending', claimedBy: instanceId },
    data: {
      state: kind === 'permanent' ? 'failed' : 'pending',
      lastError: reason.slice(0, 1000),
      claimedAt: null,
      claimedBy: null,
    },
  });
}
