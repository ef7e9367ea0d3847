import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { table } from '../table.js';

/** Errors of reaching the target server the operator can fix (address, database name, password). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '3D000', '28P01', '28000']);

export function registerDb(program: Command, ctx: CliContext): void {
  const dbCommand = program.command('db').description('Move the database');
  dbCommand
    .command('copy')
    .description('Copy every row of the SQLite database in DATABASE_URL into an empty PostgreSQL database')
    .requiredOption('--to <url>', 'the PostgreSQL database (postgresql://user:password@host:5432/name)')
    .action(async (opts: { to: string }) => {
      // Loaded when the command runs: other commands (run-job above all) do not pay for its modules.
      const { CopyRefused, copyDatabase } = await import('../../db/copy.js');
      let result;
      try {
        result = await copyDatabase(ctx.env().DATABASE_URL, opts.to);
      } catch (error) {
        if (error instanceof CopyRefused) throw new UserError(`${error.message}. Nothing was copied.`);
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && UNREACHABLE.has(code)) {
          throw new UserError(`cannot use the target database: ${(error as Error).message}. Nothing was copied.`);
        }
        throw error;
      }
      ctx.out(
        table(
          ['TABLE', 'ROWS', 'CHECKSUM'],
          result.tables.map((t) => [t.table, String(t.rows), t.checksum]),
        ),
      );
      const rows = result.tables.reduce((n, t) => n + t.rows, 0);
      ctx.out(`Copied ${rows} rows from ${result.from} to ${result.to}; counts and checksums verified.`);
      ctx.out(`Now set DATABASE_URL=${result.to.replace(':***@', ':…@')} for every instance.`);
    });
}
