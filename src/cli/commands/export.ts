import fs from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { createLogger } from '../../logging/logger.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

interface ExportOptions {
  board: string;
  out?: string;
  format: 'csv' | 'xlsx';
}

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('Export a board in the import format: CSV (UTF-8 with BOM, for Excel) or an Excel workbook')
    .requiredOption('--board <code>', 'board to export')
    .addOption(new Option('--format <format>', 'csv or xlsx').choices(['csv', 'xlsx']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText('after', '\nThe "owner name" column is filled from Slack when SLACK_BOT_TOKEN is set.')
    .action(async (opts: ExportOptions) => {
      // Loaded when the command runs: other commands (run-job above all) do not pay for its modules.
      const [{ exportCsv }, { exportXlsx }, { cliDirectory }] = await Promise.all([
        import('../../services/csv-export.js'),
        import('../../services/xlsx-export.js'),
        import('../slack-directory.js'),
      ]);
      const env = ctx.env();
      const directory = cliDirectory(env, createLogger(ctx.io.env.LOG_LEVEL ? env.LOG_LEVEL : 'warn', ctx.io.stderr));
      await ctx.withServices(async ({ deps, actor }) => {
        const result =
          opts.format === 'xlsx'
            ? await exportXlsx(deps, actor, opts.board, { directory })
            : await exportCsv(deps, actor, opts.board, { directory });
        const bytes = 'bytes' in result ? result.bytes : result.csv;
        if (!opts.out) {
          ctx.io.stdout.write(bytes);
          return;
        }
        try {
          await fs.writeFile(opts.out, bytes);
        } catch (err) {
          throw new UserError(`Cannot write ${opts.out}: ${err instanceof Error ? err.message : String(err)}`);
        }
        ctx.out(
          `Exported ${result.problems} problems (${result.measures} measures) of board ${opts.board.toUpperCase()} to ${opts.out}.`,
        );
      });
    });
}
