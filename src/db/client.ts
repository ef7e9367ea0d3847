import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.js';

export type Db = PrismaClient;

const BUSY_TIMEOUT_MS = 5_000;

/** Turns `file:./data/x.db` into an absolute path, resolved against the working directory. */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`Only SQLite (file:) databases are supported so far; got ${databaseUrl.split(':')[0]}:`);
  }
  return path.resolve(databaseUrl.slice('file:'.length));
}

/** A Prisma client over better-sqlite3. The file's folder is created if missing; WAL is set by `migrate`. */
export function createDb(databaseUrl: string): Db {
  const file = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}
