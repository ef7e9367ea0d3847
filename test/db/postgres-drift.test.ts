import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
  migrationNames,
  missingMigrations,
  postgresSchema,
} from '../../prisma/postgresql/sync.js';
import { migrate } from '../../src/db/migrate.js';
import { createTestDb, testDbReady, type TestDb } from '../support/db.js';
import { postgresShape, sqliteShape } from '../support/schema-shape.js';

// One data model on both databases: `npm run db:postgres` writes the PostgreSQL side; this fails when it was not run.
let t: TestDb;
let sqliteFile: string;
beforeAll(async () => {
  t = createTestDb();
  await testDbReady(t.url);
  sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-drift-')), 'drift.db');
  migrate(`file:${sqliteFile}`);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(path.dirname(sqliteFile), { recursive: true, force: true });
});

describe('the PostgreSQL schema and migrations follow the SQLite ones', () => {
  it('prisma/postgresql/schema.prisma is the SQLite schema with the PostgreSQL provider', () => {
    const wanted = postgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8'));
    expect(fs.readFileSync(POSTGRES_SCHEMA, 'utf8'), 'run `npm run db:postgres`').toBe(wanted);
  });

  it('every SQLite migration has a PostgreSQL migration of the same name, and no other', () => {
    expect(missingMigrations(), 'run `npm run db:postgres`').toEqual([]);
    expect(migrationNames(POSTGRES_MIGRATIONS)).toEqual(migrationNames(SQLITE_MIGRATIONS));
  });

  it('both migrated databases have the same tables, columns, keys and indexes', async () => {
    const sqlite = sqliteShape(sqliteFile);
    expect(Object.keys(sqlite.tables).length).toBeGreaterThanOrEqual(9);
    expect(await postgresShape(t.url)).toEqual(sqlite);
  });

  it('notices an index that exists on one side only', async () => {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    await client.query('DROP INDEX "Delivery_channelId_slackTs_idx"');
    try {
      const drifted = await postgresShape(t.url);
      expect(drifted.tables.Delivery?.indexes).not.toHaveProperty('Delivery_channelId_slackTs_idx');
      expect(drifted).not.toEqual(sqliteShape(sqliteFile));
    } finally {
      // The worker's database is reused by its next tests.
      await client.query('CREATE INDEX "Delivery_channelId_slackTs_idx" ON "Delivery"("channelId", "slackTs")');
      await client.end();
    }
  });
});
