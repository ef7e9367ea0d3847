import { createDb, sqlitePath, type Db } from './client.js';
import { migrate as migrateSqlite } from './migrate.js';
import { migratePostgres } from './migrate-postgres.js';
import { createPostgresDb, isPostgres, isPostgresUrl, redactUrl, type PostgresOptions } from './postgres.js';

/**
 * One entry point for either database: DATABASE_URL `file:…` is SQLite (one instance), `postgres(ql)://…`
 * is PostgreSQL (any number of instances). The SQLite and PostgreSQL specifics stay in their own modules.
 */

export type DatabaseOptions = PostgresOptions;

export function openDatabase(databaseUrl: string, opts: DatabaseOptions = {}): Db {
  return isPostgresUrl(databaseUrl) ? createPostgresDb(databaseUrl, opts) : createDb(databaseUrl);
}

/** Where the data is, for logs and messages: the SQLite file, or the server URL without its password. */
export function describeDatabase(databaseUrl: string): string {
  return isPostgresUrl(databaseUrl) ? redactUrl(databaseUrl) : sqlitePath(databaseUrl);
}

export interface MigrateResult {
  applied: string[];
  /** As `describeDatabase`. */
  target: string;
}

/** Applies pending migrations (idempotent; several instances starting at once apply each one once). */
export async function migrateDatabase(databaseUrl: string): Promise<MigrateResult> {
  if (isPostgresUrl(databaseUrl)) {
    return { applied: await migratePostgres(databaseUrl), target: describeDatabase(databaseUrl) };
  }
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
