import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The shape of a migrated database, in terms both SQLite and PostgreSQL share: tables, columns (a type
 * class and nullability), primary keys, indexes (columns, unique) and foreign keys. Two databases made from
 * one data model have equal shapes.
 */
export interface Shape {
  tables: Record<
    string,
    {
      columns: Record<string, string>;
      primaryKey: string[];
      indexes: Record<string, string>;
      foreignKeys: string[];
    }
  >;
}

const MIGRATIONS_TABLE = '_prisma_migrations';

function typeClass(type: string, enumType = false): string {
  const t = type.toLowerCase();
  if (enumType) return 'text'; // SQLite stores Prisma enums as TEXT
  if (/int|serial/.test(t)) return 'int';
  if (/char|text/.test(t)) return 'text';
  if (/timestamp|datetime|date/.test(t)) return 'datetime';
  if (/bool/.test(t)) return 'boolean';
  if (/double|real|float|numeric|decimal/.test(t)) return 'number';
  return t;
}

export function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const shape: Shape = { tables: {} };
    const tables = db
      .prepare<[string], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?`,
      )
      .all(MIGRATIONS_TABLE);
    for (const { name } of tables) {
      const cols = db
        .prepare<[], { name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info("${name}")`)
        .all();
      const indexes: Record<string, string> = {};
      const list = db
        .prepare<[], { name: string; unique: number; origin: string }>(`PRAGMA index_list("${name}")`)
        .all();
      for (const idx of list.filter((i) => i.origin !== 'pk')) {
        const on = db
          .prepare<[], { name: string; seqno: number }>(`PRAGMA index_info("${idx.name}")`)
          .all()
          .sort((a, b) => a.seqno - b.seqno)
          .map((c) => c.name);
        indexes[idx.name] = `${idx.unique ? 'unique ' : ''}(${on.join(', ')})`;
      }
      const fks = db
        .prepare<[], { table: string; from: string; to: string }>(`PRAGMA foreign_key_list("${name}")`)
        .all()
        .map((f) => `${f.from} -> ${f.table}.${f.to}`)
        .sort();
      shape.tables[name] = {
        columns: Object.fromEntries(
          cols.map((c) => [c.name, `${typeClass(c.type)}${c.notnull || c.pk ? ' not null' : ''}`]),
        ),
        primaryKey: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        indexes,
        foreignKeys: fks,
      };
    }
    return shape;
  } finally {
    db.close();
  }
}

export async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const shape: Shape = { tables: {} };
    const { rows: cols } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> $1 ORDER BY table_name, ordinal_position`,
      [MIGRATIONS_TABLE],
    );
    for (const c of cols) {
      const table = (shape.tables[c.table_name] ??= { columns: {}, primaryKey: [], indexes: {}, foreignKeys: [] });
      const type = typeClass(c.data_type, c.data_type === 'USER-DEFINED');
      table.columns[c.column_name] = `${type}${c.is_nullable === 'NO' ? ' not null' : ''}`;
    }
    const { rows: idx } = await client.query<{
      table: string;
      name: string;
      unique: boolean;
      primary: boolean;
      columns: string[];
    }>(
      `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> $1
       GROUP BY t.relname, i.relname, x.indisunique, x.indisprimary`,
      [MIGRATIONS_TABLE],
    );
    for (const i of idx) {
      const table = shape.tables[i.table];
      if (!table) continue;
      if (i.primary) table.primaryKey = i.columns;
      else table.indexes[i.name] = `${i.unique ? 'unique ' : ''}(${i.columns.join(', ')})`;
    }
    const { rows: fks } = await client.query<{ table: string; from: string; to_table: string; to: string }>(
      `SELECT tc.relname AS table, a.attname AS from, tr.relname AS to_table, ar.attname AS to
       FROM pg_constraint c
       JOIN pg_class tc ON tc.oid = c.conrelid
       JOIN pg_class tr ON tr.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ar ON ar.attrelid = c.confrelid AND ar.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    for (const f of fks) shape.tables[f.table]?.foreignKeys.push(`${f.from} -> ${f.to_table}.${f.to}`);
    for (const t of Object.values(shape.tables)) t.foreignKeys.sort();
    return shape;
  } finally {
    await client.end();
  }
}
