import type { Tx } from './deps.js';

/**
 * Many rows in a few multi-row INSERT statements. Prisma's createMany costs ~1 ms a row on SQLite (it maps
 * every value through its query engine); one prepared statement per chunk costs a few µs a row, which is
 * what lets an import of 20,000 problems run near SQLite's own speed (issue 12). Only for the SQLite
 * client; other providers use createMany (`null` from here).
 */

/** Under SQLite's default limit of 32,766 parameters per statement. */
const MAX_PARAMS = 30_000;

type Value = string | number | null | Date;

/** DateTime as Prisma's SQLite adapter stores it, so Prisma reads the rows back as it wrote them. */
const sqliteValue = (v: Value) => (v instanceof Date ? v.toISOString().replace('Z', '+00:00') : v);

export function isSqlite(tx: Tx): boolean {
  return (tx as unknown as { _activeProvider?: string })._activeProvider === 'sqlite';
}

/** Inserts `rows` (values in `columns` order) and returns the `returning` columns of each, in order. */
export async function insertRows<R extends Record<string, unknown>>(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: Value[][],
  returning: readonly (keyof R & string)[] = [],
): Promise<R[]> {
  const out: R[] = [];
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const tail = returning.length ? ` RETURNING ${returning.map((c) => `"${c}"`).join(',')}` : '';
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    const sql = head + chunk.map(() => tuple).join(',') + tail;
    const params = chunk.flatMap((row) => row.map(sqliteValue));
    if (returning.length) out.push(...(await tx.$queryRawUnsafe<R[]>(sql, ...params)));
    else await tx.$executeRawUnsafe(sql, ...params);
  }
  return out;
}
