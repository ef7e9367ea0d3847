import pRetry from 'p-retry';
import type { Db } from '../db/client.js';
import { Prisma } from '../db/generated/client.js';
import type { Clock } from '../domain/clock.js';

/** What every service needs, passed in rather than imported so tests can supply their own. */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
  /** Slack user IDs from CLOSEOUT_ADMINS. */
  admins: ReadonlySet<string>;
}

/** A Prisma transaction client: services write their rows and the audit event in one. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Another process holds the write lock (SQLite) or the transaction lost a write conflict (PostgreSQL). A raw
 * statement's conflict (e.g. the INSERT of the follow-ups a change owes, services/deliveries.ts) comes as
 * P2010 "raw query failed", with the driver's TransactionWriteConflict (40001, 40P01) inside; a COMMIT that
 * PostgreSQL refuses for it comes as the driver adapter's own error, not wrapped by Prisma.
 */
export function isWriteContention(e: unknown): boolean {
  if (e instanceof Error && e.name === 'DriverAdapterError')
    return (e.cause as { kind?: unknown } | undefined)?.kind === 'TransactionWriteConflict';
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const meta = JSON.stringify(e.meta ?? {});
  return e.code === 'P2034' || /SQLITE_BUSY|database is locked|"kind":"TransactionWriteConflict"/.test(meta);
}

/** A unique key met: another write of the same row got there first. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

/**
 * `db.$transaction(fn)` for an upsert of a row with a unique key: two at once (a double submit) may both
 * find no row and both insert; the loser runs again and updates the winner's row instead of failing.
 */
export async function transactUpsert<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await transact(db, fn);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return transact(db, fn);
  }
}

/**
 * `db.$transaction(fn)`, run again from the start if it still lost the write lock to another process after
 * the busy timeout (a long import, say). The whole transaction rolled back, so running it again is safe.
 * Refusals (DomainError) and every other error pass straight through.
 */
export function transact<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // PostgreSQL's SERIALIZABLE transactions fail fast on a conflict instead of waiting like SQLite's lock, so
  // a burst on one row (a dozen creations on one board) needs several randomised retries to drain.
  return pRetry(() => db.$transaction(fn), {
    retries: 8,
    minTimeout: 20,
    maxTimeout: 1_000,
    randomize: true,
    shouldRetry: ({ error }) => isWriteContention(error),
  });
}
