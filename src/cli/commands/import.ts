import fs from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { importCsv, type ImportResult } from '../../services/csv-import.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

/** Enough to read on a terminal; the rest is counted. */
const MAX_LISTED = 100;

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('Import problems from a CSV file; every row is checked first and nothing is written if any is bad')
    .argument('<file>', 'CSV file (UTF-8, with or without BOM; English or Chinese headers)')
    .requiredOption('--board <code>', 'board to import into')
    .option('--dry-run', 'check the file and report what would change, without writing')
    .action(async (file: string, opts: { board: string; dryRun?: boolean }) => {
      const bytes = await readInput(file);
      await ctx.withServices(async ({ deps, actor }) => {
        const bar = ctx.io.isTTY
          ? new SingleBar({ stream: ctx.io.stderr, clearOnComplete: true }, Presets.shades_classic)
          : null;
        let started = false;
        let result: ImportResult;
        try {
          result = await importCsv(deps, actor, opts.board, bytes, {
            dryRun: opts.dryRun,
            onProgress: (done, total) => {
              if (!bar) return;
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            },
          });
        } finally {
          if (started) bar?.stop();
        }
        ctx.exitCode = printResult(ctx, result, opts.board.toUpperCase(), file);
      });
    });
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? err.code : undefined;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : err instanceof Error
            ? err.message
            : String(err);
    throw new UserError(`Cannot read ${file}: ${why}.`);
  }
}

function printResult(ctx: CliContext, result: ImportResult, board: string, file: string): number {
  if (result.errors.length) {
    const rows = result.errors.length === 1 ? '1 row is' : `${result.errors.length} rows are`;
    ctx.err(`Nothing was imported: ${rows} invalid in ${file}. Fix them and run the import again.`);
    for (const error of result.errors.slice(0, MAX_LISTED))
      ctx.err(`  line ${error.line}: ${error.reasons.join('; ')}`);
    if (result.errors.length > MAX_LISTED) ctx.err(`  … and ${result.errors.length - MAX_LISTED} more`);
    return 1;
  }
  const counts = `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`;
  if (result.dryRun) {
    ctx.out(`Dry run for board ${board}, nothing written. Would result in: ${counts}.`);
    for (const change of result.changes.slice(0, MAX_LISTED)) {
      const what =
        change.action === 'create'
          ? `create ${change.key ?? 'a new problem'}`
          : `update ${change.key} (${change.fields.join(', ')})`;
      ctx.out(`  line ${change.line}: ${what}`);
    }
    if (result.changes.length > MAX_LISTED) ctx.out(`  … and ${result.changes.length - MAX_LISTED} more`);
  } else {
    ctx.out(`Imported ${file} into board ${board}: ${counts}.`);
  }
  if (result.keptMeasures) {
    ctx.out(
      `${result.keptMeasures} existing measure(s) beyond the lines of their cell were kept: imports never delete measures.`,
    );
  }
  return 0;
}
