import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/db/client.js';

export interface TestDb {
  db: Db;
  url: string;
  file: string;
  close(): Promise<void>;
}

/** A real SQLite file, a copy of the run's migrated template, private to the caller. */
export function createTestDb(): TestDb {
  const dir = inject('testDbDir');
  const file = path.join(dir, `w${process.env.VITEST_POOL_ID ?? '0'}-${randomUUID()}.db`);
  // The template is closed after migration, so its main file holds everything (no WAL to copy).
  fs.copyFileSync(path.join(dir, 'template.db'), file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    db,
    url,
    file,
    async close() {
      await db.$disconnect();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
