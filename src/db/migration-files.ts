import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface MigrationFile {
  name: string;
  sql: string;
  /** SHA-256 of the SQL, as Prisma records it in `_prisma_migrations.checksum`. */
  checksum: string;
}

/** The migrations in a folder not yet in `done`, oldest first (Prisma's folder names sort by time). */
export function pendingMigrations(migrationsDir: string, done: ReadonlySet<string>): MigrationFile[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !done.has(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}
