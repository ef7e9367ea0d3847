import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import type { CliContext } from '../context.js';

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (DATABASE_URL)')
    .action(() => {
      const { applied, file } = migrate(ctx.env().DATABASE_URL);
      ctx.out(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${file}: ${applied.join(', ')}`
          : `Database ${file} is up to date.`,
      );
    });
}
