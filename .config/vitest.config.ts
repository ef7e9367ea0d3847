import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Two projects: `sqlite` runs every test on SQLite files; `postgres` runs the tests that touch the database
 * (services, jobs, CLI, end to end, db) again on PostgreSQL — TEST_DATABASE_URL's server, or an embedded
 * one (test/support/postgres-server.ts). `--project sqlite` or `--project postgres` runs one of them.
 */
const POSTGRES_TESTS = [
  'test/services/**/*.test.ts',
  'test/jobs/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/runtime/health.test.ts',
  'test/db/**/*.test.ts',
  'test/scale/**/*.test.ts',
];
/** Tests of SQLite's own locking (they hold its write lock through better-sqlite3). */
const SQLITE_ONLY = [
  'test/db/serialised-client.test.ts',
  'test/services/transact.test.ts',
  'test/services/closeout-race.test.ts',
  'test/db/sqlite-lock-wait.test.ts',
];
/** Tests that need PostgreSQL (several instances on one server, a server restart). */
const POSTGRES_ONLY = ['test/scale/**/*.test.ts', 'test/db/postgres-*.test.ts'];

export default defineConfig({
  root,
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time even on a 2-core machine (vitest's default there is one): most files spend
    // their time waiting — for a spawned bot, the fake Slack, a browser — while the other file computes.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: POSTGRES_ONLY,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: POSTGRES_TESTS,
          exclude: SQLITE_ONLY,
          globalSetup: ['test/support/global-setup-postgres.ts'],
        },
      },
    ],
  },
});
