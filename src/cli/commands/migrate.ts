import type { Command } from 'commander';
import { migrateDatabase } from '../../db/database.js';
import type { CliContext } from '../context.js';

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (DATABASE_URL)')
    .action(async () => {
      const { applied, target } = await migrateDatabase(ctx.env().DATABASE_URL);
      ctx.out(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${target}: ${applied.join(', ')}`
          : `Database ${target} is up to date.`,
      );
    });
}
