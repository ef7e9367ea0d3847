import path from 'node:path';

/**
 * Which database a URL or a client is, asked without loading either driver (db/client.ts for SQLite,
 * db/postgres.ts for PostgreSQL): a process loads only the one it uses.
 */

/**
 * Turns `file:./data/x.db` into an absolute path, resolved against the working directory. Only for SQLite
 * URLs: `postgres://` and `postgresql://` (both accepted by env.ts) are opened by db/database.ts through
 * db/postgres.ts and never reach here.
 */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`Not a SQLite database URL (file:…): got ${databaseUrl.split(':')[0]}:`);
  }
  return path.resolve(databaseUrl.slice('file:'.length));
}

/** `postgres://` and `postgresql://` both name a PostgreSQL server. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/** The URL without its password, for logs and messages. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return databaseUrl.replace(/:[^:@/]*@/, ':***@');
  }
}

export interface PostgresOptions {
  /** Connections this process may hold (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Told about connections the server dropped (a restart, a failover); the pool replaces them. */
  onConnectionError?: (error: Error) => void;
  /** Connections wait for this first (e.g. a database that is still being created). */
  ready?: Promise<unknown>;
}

/** Clients made here: a few queries differ from SQLite (see services that ask `isPostgres`). */
const postgresClients = new WeakSet<object>();

/** Takes any client (no import of db/client.ts, which imports this file: no cycle). */
export function isPostgres(db: object): boolean {
  return postgresClients.has(db);
}

/** Called by db/postgres.ts for each client it makes. */
export function markPostgres(client: object): void {
  postgresClients.add(client);
}
