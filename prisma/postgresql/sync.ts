/**
 * Keeps PostgreSQL in step with the SQLite data model, which is the one that is edited by hand.
 *
 *   npm run db:postgres            # after `prisma migrate dev --name <what>` on SQLite
 *
 * 1. Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (same models, fields and indexes;
 *    only the provider and the generated client's folder differ).
 * 2. For each SQLite migration with no PostgreSQL counterpart yet, writes one of the same name: the
 *    difference between the PostgreSQL migrations so far and the schema, computed by `prisma migrate diff`
 *    (which replays them into a throwaway shadow database on the server in DATABASE_URL, or
 *    TEST_DATABASE_URL, or postgresql://postgres@127.0.0.1:5432/postgres). When several are missing, the last
 *    one holds the whole change and the others say so.
 *
 * `npm run db:postgres -- --check` changes nothing and exits 1 when the schema or a migration is missing
 * (test/db/postgres-drift.test.ts checks the same, and that both databases end up with the same tables).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SQLITE_SCHEMA = path.join(prismaDir, 'schema.prisma');
export const SQLITE_MIGRATIONS = path.join(prismaDir, 'migrations');
export const POSTGRES_SCHEMA = path.join(prismaDir, 'postgresql', 'schema.prisma');
export const POSTGRES_MIGRATIONS = path.join(prismaDir, 'postgresql', 'migrations');

const HEADER =
  '// GENERATED from ../schema.prisma by `npm run db:postgres`: edit that file, then run the script.\n' +
  '// Same data model on PostgreSQL; only the provider and the generated client folder differ.\n\n';

/** The PostgreSQL schema text for a SQLite schema text. */
export function postgresSchema(sqlite: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/src\/db\/generated"/;
  if (!provider.test(sqlite) || !output.test(sqlite)) {
    throw new Error('prisma/schema.prisma: expected provider "sqlite" and output "../src/db/generated"');
  }
  return HEADER + sqlite.replace(provider, '$1"postgresql"').replace(output, '$1"../../src/db/generated-pg"');
}

export function migrationNames(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** SQLite migrations that have no PostgreSQL counterpart; throws when the folders have gone apart. */
export function missingMigrations(): string[] {
  const sqlite = migrationNames(SQLITE_MIGRATIONS);
  const postgres = migrationNames(POSTGRES_MIGRATIONS);
  const extra = postgres.filter((n) => !sqlite.includes(n));
  if (extra.length) throw new Error(`PostgreSQL migrations with no SQLite migration of that name: ${extra.join(', ')}`);
  const missing = sqlite.filter((n) => !postgres.includes(n));
  const last = postgres.at(-1);
  const early = last === undefined ? [] : missing.filter((n) => n < last);
  if (early.length) throw new Error(`SQLite migrations older than the newest PostgreSQL one: ${early.join(', ')}`);
  return missing;
}

function diffSql(): string {
  const url =
    process.env.DATABASE_URL?.match(/^postgres(ql)?:\/\//) && process.env.DATABASE_URL
      ? process.env.DATABASE_URL
      : (process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  const config = path.join(prismaDir, '..', '.config', 'prisma.ts');
  const args = ['prisma', 'migrate', 'diff', '--config', config, '--from-migrations', POSTGRES_MIGRATIONS];
  args.push('--to-schema', POSTGRES_SCHEMA, '--script');
  return execFileSync('npx', args, { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } });
}

function main(): void {
  const check = process.argv.includes('--check');
  const wanted = postgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8'));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, 'utf8') : '';
  const missing = missingMigrations();
  if (check) {
    const problems = [
      ...(wanted === current ? [] : ['prisma/postgresql/schema.prisma is out of date']),
      ...missing.map((n) => `no PostgreSQL migration ${n}`),
    ];
    for (const p of problems) process.stderr.write(`${p}\n`);
    if (problems.length) process.stderr.write('Run `npm run db:postgres` to bring PostgreSQL up to date.\n');
    process.exitCode = problems.length ? 1 : 0;
    return;
  }
  if (wanted !== current) {
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, wanted);
    process.stdout.write('wrote prisma/postgresql/schema.prisma\n');
  }
  fs.mkdirSync(POSTGRES_MIGRATIONS, { recursive: true });
  const lock = path.join(POSTGRES_MIGRATIONS, 'migration_lock.toml');
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  const last = missing.at(-1);
  if (last === undefined) {
    process.stdout.write('PostgreSQL migrations are up to date.\n');
    return;
  }
  const sql = diffSql();
  for (const name of missing) {
    const folder = path.join(POSTGRES_MIGRATIONS, name);
    fs.mkdirSync(folder, { recursive: true });
    const text = name === last ? sql : `-- The PostgreSQL side of this change is in ${last}.\n`;
    fs.writeFileSync(path.join(folder, 'migration.sql'), text);
    process.stdout.write(`wrote prisma/postgresql/migrations/${name}/migration.sql\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
