import { PrismaPg } from '@prisma/adapter-pg';
import type { Db } from './client.js';
import { PrismaClient } from './generated-pg/client.js';
import { markPostgres, type PostgresOptions } from './kind.js';

/**
 * A Prisma client over node-postgres. The generated PostgreSQL client has the same models and methods as
 * the SQLite one (both come from one data model, see prisma/postgresql/sync.ts), so it is used as a `Db`.
 *
 * Interactive transactions are SERIALIZABLE: on SQLite every transaction holds the write lock from its
 * start (BEGIN IMMEDIATE), so services read-then-write without losing updates; SERIALIZABLE keeps that
 * guarantee across instances, and a transaction that loses a conflict fails with P2034, which `transact`
 * (services/deps.ts) runs again, as it does for SQLite's busy lock.
 */
export function createPostgresDb(databaseUrl: string, opts: PostgresOptions = {}): Db {
  const report = (error: Error) => opts.onConnectionError?.(error);
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl,
      max: opts.poolSize ?? 10,
      // A server that does not answer fails the request in seconds (a clear error), not at the 3 s ack.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A query stuck behind a lock or a dead network ends: the request fails clearly, the bot goes on.
      query_timeout: 60_000,
      keepAlive: true,
      application_name: 'closeout',
    },
    // Without these listeners a connection the server terminates would crash the process.
    { onPoolError: report, onConnectionError: report },
  );
  const ready = opts.ready;
  if (ready) {
    const connect = adapter.connect.bind(adapter);
    adapter.connect = async () => {
      await ready;
      return connect();
    };
  }
  const client = new PrismaClient({
    adapter,
    transactionOptions: { isolationLevel: 'Serializable', maxWait: 10_000, timeout: 60_000 },
  });
  markPostgres(client);
  return client as unknown as Db;
}
