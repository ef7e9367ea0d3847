import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sqlitePath } from './kind.js';
import { pendingMigrations } from './migration-files.js';

/** prisma/migrations, found from both src/db (tsx, tests) and dist/db (built). */
const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

interface MigrateResult {
  applied: string[];
  file: string;
}

/**
 * Applies pending migrations from prisma/migrations in-process, recording them in Prisma's own
 * `_prisma_migrations` table (same columns and checksum), so `prisma migrate status` agrees.
 * Done here rather than by spawning `prisma migrate deploy` so that starting the app never needs
 * Prisma's native schema engine, which some locked-down machines cannot download.
 */
export function migrate(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): MigrateResult {
  const file = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5_000 });
  try {
    db.pragma('journal_mode = WAL'); // persistent: readers never block the writer
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const done = new Set(
      db
        .prepare<[], { migration_name: string }>(
          'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
        .all()
        .map((r) => r.migration_name),
    );
    const applied: string[] = [];
    for (const { name, sql, checksum } of pendingMigrations(migrationsDir, done)) {
      // IMMEDIATE: two instances starting together serialise here instead of both applying.
      db.transaction(() => {
        const again = db
          .prepare('SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL')
          .get(name);
        if (again) return;
        db.exec(sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(randomUUID(), checksum, name);
        applied.push(name);
      }).immediate();
    }
    return { applied, file };
  } finally {
    db.close();
  }
}
