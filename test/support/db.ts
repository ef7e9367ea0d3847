import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/db/client.js';
import { createPostgresDb } from '../../src/db/postgres.js';
import { databaseUrl } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Which database the project runs its tests on (see .config/vitest.config.ts). */
    testDbKind: 'sqlite' | 'postgres';
    testDbDir: string;
    pgServerUrl: string;
    pgRun: string;
  }
}

export interface TestDb {
  kind: 'sqlite' | 'postgres';
  db: Db;
  /** DATABASE_URL for CLI runs and app processes (PostgreSQL: await `testDbReady(url)` before using it alone). */
  url: string;
  /** The SQLite file ('' on PostgreSQL). */
  file: string;
  close(): Promise<void>;
}

/** The database this test project runs on. */
export function testDbKind(): 'sqlite' | 'postgres' {
  return inject('testDbKind');
}

/**
 * A real, migrated, empty database private to the caller: on SQLite a copy of the run's migrated template
 * file; on PostgreSQL one of this worker's databases (created from the run's template, emptied).
 */
export function createTestDb(): TestDb {
  return testDbKind() === 'postgres' ? createPostgresTestDb() : createSqliteTestDb();
}

function createSqliteTestDb(): TestDb {
  const dir = inject('testDbDir');
  const file = path.join(dir, `w${process.env.VITEST_POOL_ID ?? '0'}-${randomUUID()}.db`);
  // The template is closed after migration, so its main file holds everything (no WAL to copy).
  fs.copyFileSync(path.join(dir, 'template.db'), file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    kind: 'sqlite',
    db,
    url,
    file,
    async close() {
      await db.$disconnect();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

/** Databases of this worker in use now (by slot); a slot's database is reused by the worker's next tests. */
const held = new Set<number>();
const readiness = new Map<string, Promise<void>>();

/** Resolves once the database behind a test URL exists and is empty (at once for SQLite URLs). */
export async function testDbReady(url: string): Promise<void> {
  await readiness.get(url);
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates the slot's database from the template unless it exists, then empties it: every row deleted,
 * ids from 1 again, as in a fresh copy. (Databases are reused per worker because DROP DATABASE takes
 * seconds on a durable server; the run's global teardown drops them.)
 */
async function prepare(server: string, template: string, name: string): Promise<void> {
  try {
    await query(server, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    // A throwaway database: commits need not wait for the disk (tens of ms each on a busy machine).
    await query(server, `ALTER DATABASE "${name}" SET synchronous_commit = off`);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // exists already: reuse it
  }
  // DELETE, not TRUNCATE: TRUNCATE makes and syncs new files (about 0.5 s on a durable server); these
  // tables hold a test's few rows. Rows referenced by other tables go on a later pass; ids restart at 1.
  await query(
    databaseUrl(server, name),
    `DO $$
    DECLARE r record;
    BEGIN
      FOR pass IN 1..5 LOOP
        FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' LOOP
          BEGIN
            EXECUTE format('DELETE FROM %I', r.tablename);
          EXCEPTION WHEN foreign_key_violation OR restrict_violation THEN NULL;
          END;
        END LOOP;
      END LOOP;
      FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
        PERFORM setval(format('%I', r.sequencename)::regclass, 1, false);
      END LOOP;
    END $$`,
  );
}

function createPostgresTestDb(): TestDb {
  const run = inject('pgRun');
  const server = inject('pgServerUrl');
  let slot = 0;
  while (held.has(slot)) slot++;
  held.add(slot);
  const name = `${run}_w${process.env.VITEST_POOL_ID ?? '0'}_${slot}`;
  const url = databaseUrl(server, name);
  const ready = prepare(server, `${run}_tpl`, name);
  ready.catch(() => undefined); // reported by the first query (or testDbReady), not as an unhandled rejection
  readiness.set(url, ready);
  const db = createPostgresDb(url, { poolSize: 5, ready });
  return {
    kind: 'postgres',
    db,
    url,
    file: '',
    async close() {
      try {
        await db.$disconnect();
        await ready.catch(() => undefined);
      } finally {
        readiness.delete(url);
        held.delete(slot);
      }
    },
  };
}
