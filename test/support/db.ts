import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createDb, type Db } from '../../src/db/client.js';

const dir = path.resolve('.test-db');
const template = path.join(dir, 'template.db');

export interface TestDb {
  db: Db;
  url: string;
  file: string;
  close(): Promise<void>;
}

/** A real SQLite file, a copy of the migrated template, private to the calling test file or test. */
export function createTestDb(): TestDb {
  const file = path.join(dir, `w${process.env.VITEST_POOL_ID ?? '0'}-${randomUUID()}.db`);
  // The template is closed after migration, so its main file holds everything (no WAL to copy).
  fs.copyFileSync(template, file);
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
