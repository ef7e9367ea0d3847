import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../src/db/database.js';
import { databaseUrl, startPostgresServer } from './postgres-server.js';

/**
 * The PostgreSQL project: one server (TEST_DATABASE_URL, or an embedded one), one migrated template
 * database per run; each worker creates its own databases from it (see db.ts) and this drops them all.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgresServer();
  const run = `ct_${randomBytes(4).toString('hex')}`;
  const template = `${run}_tpl`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
    await migrateDatabase(databaseUrl(server.url, template));
  } finally {
    await admin.end();
  }
  project.provide('testDbKind', 'postgres');
  project.provide('pgServerUrl', server.url);
  project.provide('pgRun', run);
  return async () => {
    const client = new pg.Client({ connectionString: server.url });
    try {
      await client.connect();
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [`${run}_`],
      );
      await Promise.all(
        rows.map(async ({ datname }) => {
          const c = new pg.Client({ connectionString: server.url });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).finally(() => c.end());
        }),
      );
    } finally {
      await client.end().catch(() => undefined);
      await server.stop();
    }
  };
}
