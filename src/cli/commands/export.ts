import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { exportCsv } from '../../services/csv-export.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('Export a board as CSV (the import format; UTF-8 with BOM for Excel)')
    .requiredOption('--board <code>', 'board to export')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((opts: { board: string; out?: string }) =>
      ctx.withServices(async ({ deps, actor }) => {
        const result = await exportCsv(deps, actor, opts.board);
        if (!opts.out) {
          ctx.io.stdout.write(result.csv);
          return;
        }
        try {
          await fs.writeFile(opts.out, result.csv);
        } catch (err) {
          throw new UserError(`Cannot write ${opts.out}: ${err instanceof Error ? err.message : String(err)}`);
        }
        ctx.out(
          `Exported ${result.problems} problems (${result.measures} measures) of board ${opts.board.toUpperCase()} to ${opts.out}.`,
        );
      }),
    );
}
