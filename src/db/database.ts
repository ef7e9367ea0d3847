import type { Db } from './client.js';
import { isPostgres, isPostgresUrl, redactUrl, sqlitePath, type PostgresOptions } from './kind.js';

/**
 * One entry point for either database: DATABASE_URL `file:…` is SQLite (one instance), `postgres(ql)://…`
 * is PostgreSQL (any number of instances). The SQLite and PostgreSQL specifics stay in their own modules,
 * and each is loaded only when its database is used: a process on SQLite never loads node-postgres and the
 * PostgreSQL client (a few MB of resident memory), nor one on PostgreSQL better-sqlite3.
 */

type DatabaseOptions = PostgresOptions;

export async function openDatabase(databaseUrl: string, opts: DatabaseOptions = {}): Promise<Db> {
  if (isPostgresUrl(databaseUrl)) return (await import('./postgres.js')).createPostgresDb(databaseUrl, opts);
  return (await import('./client.js')).createDb(databaseUrl);
}

/** Where the data is, for logs and messages: the SQLite file, or the server URL without its password. */
export function describeDatabase(databaseUrl: string): string {
  return isPostgresUrl(databaseUrl) ? redactUrl(databaseUrl) : sqlitePath(databaseUrl);
}

interface MigrateResult {
  applied: string[];
  /** As `describeDatabase`. */
  target: string;
}

/** Applies pending migrations (idempotent; several instances starting at once apply each one once). */
export async function migrateDatabase(databaseUrl: string): Promise<MigrateResult> {
  if (isPostgresUrl(databaseUrl)) {
    const { migratePostgres } = await import('./migrate-postgres.js');
    return { applied: await migratePostgres(databaseUrl), target: describeDatabase(databaseUrl) };
  }
  const { migrate: migrateSqlite } = await import('./migrate.js');
  const { applied, file } = migrateSqlite(databaseUrl);
  return { applied, target: file };
}

/**
 * A `contains` filter that ignores case on both databases, as SQLite's LIKE does (for ASCII) and
 * PostgreSQL's does not. The SQLite client's types have no `mode`; the PostgreSQL client takes it.
 */
export function containsText(db: Db, text: string): { contains: string } {
  return isPostgres(db) ? ({ contains: text, mode: 'insensitive' } as { contains: string }) : { contains: text };
}
