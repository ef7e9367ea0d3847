import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqlitePath } from './kind.js';
import { migrateDatabase } from './database.js';
import { isPostgresUrl, redactUrl } from './kind.js';

/**
 * `closeout db copy --to postgresql://…`: moves a SQLite database to PostgreSQL when an installation
 * scales out. Every row of every table, ids included, goes in one PostgreSQL transaction; the sequences are
 * moved past the copied ids; row counts and a per-table checksum are compared before it commits. Nothing
 * is written to a target that already holds data.
 */

export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefused';
  }
}

interface TableCopy {
  table: string;
  rows: number;
  checksum: string;
}

interface CopyResult {
  from: string;
  to: string;
  tables: TableCopy[];
}

const MIGRATIONS_TABLE = '_prisma_migrations';
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const BATCH = 500;

interface Column {
  name: string;
  kind: 'datetime' | 'boolean' | 'other';
}
interface Table {
  name: string;
  columns: Column[];
  primaryKey: string[];
  dependsOn: string[];
}

/** A SQLite DATETIME as Prisma wrote it (ISO 8601), or as CURRENT_TIMESTAMP did (UTC, no zone), or epoch ms. */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  const utc = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) throw new CopyRefused(`unreadable date in the source: ${text}`);
  return date;
}

/** One value in the form both sides are compared in: dates as ISO 8601 UTC, booleans as booleans. */
function canonical(value: unknown, kind: Column['kind']): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'datetime') return (value instanceof Date ? value : toDate(value))!.toISOString();
  if (kind === 'boolean') return value === true || value === 1 || value === '1' || value === 't';
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** PostgreSQL parameter for a source value: TIMESTAMP(3) columns hold UTC without a zone, as Prisma writes them. */
function parameter(value: unknown, kind: Column['kind']): unknown {
  const v = canonical(value, kind);
  return kind === 'datetime' && typeof v === 'string' ? v.replace('T', ' ').replace('Z', '') : v;
}

function checksum(rows: Record<string, unknown>[], columns: Column[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(columns.map((c) => canonical(row[c.name], c.kind))) + '\n');
  return hash.digest('hex');
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function sourceTables(db: Database.Database): Table[] {
  const names = db
    .prepare<[string], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name`,
    )
    .all(MIGRATIONS_TABLE)
    .map((r) => r.name);
  const tables = names.map((name): Table => {
    const info = db.prepare<[], { name: string; type: string; pk: number }>(`PRAGMA table_info(${quote(name)})`).all();
    const fks = db.prepare<[], { table: string }>(`PRAGMA foreign_key_list(${quote(name)})`).all();
    return {
      name,
      columns: info.map((c) => ({
        name: c.name,
        kind: /DATETIME/i.test(c.type) ? 'datetime' : /BOOLEAN/i.test(c.type) ? 'boolean' : 'other',
      })),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      dependsOn: fks.map((f) => f.table).filter((t) => t !== name),
    };
  });
  // Referenced tables first, so every foreign key finds its row.
  const ordered: Table[] = [];
  const pending = [...tables];
  while (pending.length) {
    const next = pending.findIndex((t) => t.dependsOn.every((d) => ordered.some((o) => o.name === d)));
    if (next < 0) throw new CopyRefused('the source tables reference each other in a cycle');
    ordered.push(...pending.splice(next, 1));
  }
  return ordered;
}

async function targetIsEmpty(client: pg.Client, tables: Table[]): Promise<string[]> {
  const busy: string[] = [];
  for (const t of tables) {
    const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(t.name)}) AS any`);
    if ((rows[0] as { any: boolean }).any) busy.push(t.name);
  }
  return busy;
}

async function targetColumns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

export async function copyDatabase(fromUrl: string, toUrl: string): Promise<CopyResult> {
  if (isPostgresUrl(fromUrl)) {
    throw new CopyRefused('db copy moves a SQLite database to PostgreSQL: DATABASE_URL must be a file: URL');
  }
  if (!isPostgresUrl(toUrl)) throw new CopyRefused('--to must be a postgres:// or postgresql:// URL');
  // Both at the same migration, so both have the same tables and columns.
  await migrateDatabase(fromUrl);
  await migrateDatabase(toUrl);
  const source = new Database(sqlitePath(fromUrl), { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: toUrl });
  target.on('error', () => undefined); // a dropped connection fails the query in flight, which rolls back
  await target.connect();
  try {
    const tables = sourceTables(source);
    for (const t of tables) {
      const have = await targetColumns(target, t.name);
      const missing = t.columns.filter((c) => !have.includes(c.name)).map((c) => c.name);
      if (!have.length || missing.length) {
        throw new CopyRefused(
          `the target has no ${have.length ? `columns ${missing.join(', ')} in` : 'table'} ${t.name}`,
        );
      }
    }
    const busy = await targetIsEmpty(target, tables);
    if (busy.length) {
      throw new CopyRefused(`the target database is not empty (rows in ${busy.join(', ')}); copy into an empty one`);
    }
    // One snapshot of the source, one transaction on the target.
    source.exec('BEGIN');
    await target.query('BEGIN');
    const copied: TableCopy[] = [];
    try {
      for (const t of tables) {
        const order = t.primaryKey.length ? ` ORDER BY ${t.primaryKey.map(quote).join(', ')}` : '';
        const rows = source.prepare(`SELECT * FROM ${quote(t.name)}${order}`).all() as Record<string, unknown>[];
        const cols = t.columns.map((c) => quote(c.name)).join(', ');
        for (let i = 0; i < rows.length; i += BATCH) {
          const batch = rows.slice(i, i + BATCH);
          const values: unknown[] = [];
          const tuples = batch.map((row) => {
            const marks = t.columns.map((c) => {
              values.push(parameter(row[c.name], c.kind));
              return `$${values.length}`;
            });
            return `(${marks.join(', ')})`;
          });
          await target.query(`INSERT INTO ${quote(t.name)} (${cols}) VALUES ${tuples.join(', ')}`, values);
        }
        // Ids were copied as they were: the next id PostgreSQL hands out must come after them.
        if (t.primaryKey.length === 1 && t.primaryKey[0] === 'id') {
          await target.query(
            `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX("id") FROM ${quote(t.name)}), 0) + 1, false)`,
            [quote(t.name)],
          );
        }
        const back = await target.query(`SELECT * FROM ${quote(t.name)}${order}`);
        const want = checksum(rows, t.columns);
        const got = checksum(back.rows as Record<string, unknown>[], t.columns);
        if (back.rowCount !== rows.length || got !== want) {
          throw new CopyRefused(
            `verification failed for ${t.name}: ${rows.length} rows read, ${back.rowCount ?? 0} written` +
              (got === want ? '' : ', checksums differ'),
          );
        }
        copied.push({ table: t.name, rows: rows.length, checksum: want.slice(0, 16) });
      }
      await target.query('COMMIT');
    } catch (error) {
      await target.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      source.exec('COMMIT');
    }
    return { from: sqlitePath(fromUrl), to: redactUrl(toUrl), tables: copied };
  } finally {
    source.close();
    await target.end().catch(() => undefined);
  }
}
