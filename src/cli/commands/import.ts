import { Option, type Command } from 'commander';
import { createLogger } from '../../logging/logger.js';
import type { ImportResult } from '../../services/csv-import.js';
import { DATE_ORDERS, type DateOrder } from '../../services/import-dates.js';
import type { CliContext } from '../context.js';
import { importHooks } from '../import-hooks.js';
import { readInputFile } from '../read-input.js';

/** Enough to read on a terminal; the rest is counted. */
const MAX_LISTED = 100;
/**
 * The largest file `closeout import` reads: what a workbook may unpack to (xlsx-limits.ts, 64 MB). A real list
 * of 20,000 rows is a few MB; the bot takes 2 MB from a DM.
 */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Warnings are a reminder: the first few rows, the rest counted. */
const MAX_WARNINGS = 10;

interface ImportOptions {
  board: string;
  dryRun?: boolean;
  sheet?: string;
  dateFormat?: DateOrder;
}

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'Import problems from a CSV or Excel file; every row is checked first and nothing is written if any is bad',
    )
    .argument('<file>', 'an .xlsx workbook, or CSV in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK')
    .requiredOption('--board <code>', 'board to import into')
    .option('--sheet <name>', 'the sheet of a workbook to read (default: the first)')
    .addOption(
      new Option(
        '--date-format <order>',
        'how to read dates like 03/04/2023: dmy (day first) or mdy (month first)',
      ).choices(DATE_ORDERS),
    )
    .option('--dry-run', 'check the file and report what would change, without writing')
    .addHelpText(
      'after',
      '\nOwners may be Slack member IDs, <@U…> mentions, e-mail addresses, @handles or names; all but IDs are\nlooked up in Slack, which needs SLACK_BOT_TOKEN (scopes users:read, users:read.email).',
    )
    .action(async (file: string, opts: ImportOptions) => {
      const bytes = await readInputFile(file, MAX_IMPORT_BYTES, 'an import file');
      // Loaded when the command runs: other commands (run-job above all) do not pay for its modules.
      const [{ Presets, SingleBar }, { importCsv }, { cliDirectory }] = await Promise.all([
        import('cli-progress'),
        import('../../services/csv-import.js'),
        import('../slack-directory.js'),
      ]);
      const env = ctx.env();
      // The Web API client's own retry warnings only with LOG_LEVEL: a failed look-up is reported on its rows.
      const directory = cliDirectory(env, createLogger(ctx.io.env.LOG_LEVEL ? env.LOG_LEVEL : 'error', ctx.io.stderr));
      await ctx.withServices(async ({ deps, actor }) => {
        const bar = ctx.io.isTTY
          ? new SingleBar(
              {
                stream: ctx.io.stderr,
                clearOnComplete: true,
                format: ' {bar} {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta}s',
              },
              Presets.shades_classic,
            )
          : null;
        let started = 0;
        let result: ImportResult;
        const hooks = importHooks(ctx.io.env);
        try {
          result = await importCsv(deps, actor, opts.board, bytes, {
            dryRun: opts.dryRun,
            sheet: opts.sheet,
            dateOrder: opts.dateFormat,
            directory,
            batchRows: hooks.batchRows,
            onProgress: (done, total) => {
              if (!opts.dryRun) hooks.afterBatch?.(done);
              if (!bar) return;
              if (!started) {
                started = performance.now();
                bar.start(total, 0, { rate: '…' });
              }
              const seconds = (performance.now() - started) / 1000;
              bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toLocaleString('en') : '…' });
            },
          });
        } finally {
          if (started) bar?.stop();
        }
        ctx.exitCode = printResult(ctx, result, opts.board.toUpperCase(), file, directory !== null);
      });
    });
}

function printResult(ctx: CliContext, result: ImportResult, board: string, file: string, hasToken: boolean): number {
  if (result.errors.length) {
    const rows = result.errors.length === 1 ? '1 row is' : `${result.errors.length} rows are`;
    ctx.err(`Nothing was imported: ${rows} invalid in ${file}. Fix them and run the import again.`);
    for (const error of result.errors.slice(0, MAX_LISTED))
      ctx.err(`  line ${error.line}: ${error.reasons.join('; ')}`);
    if (result.errors.length > MAX_LISTED) ctx.err(`  … and ${result.errors.length - MAX_LISTED} more`);
    if (result.lookupFailure?.kind === 'unreachable')
      ctx.err(
        'Slack could not be reached to look up owners written as names or e-mails. Check the network (and SLACK_API_URL) and run the import again, or write member IDs (U…).',
      );
    else if (result.lookupFailure)
      ctx.err(
        'Slack refused to look up owners: check the bot token (SLACK_BOT_TOKEN) and its scopes users:read, users:read.email.',
      );
    if (!hasToken && result.errors.some((e) => e.reasons.some((r) => r.includes('SLACK_BOT_TOKEN'))))
      ctx.err('Owners written as names or e-mails are looked up in Slack: set SLACK_BOT_TOKEN (xoxb-…) and run again.');
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
  printDeadlineWarnings(ctx, result.deadlineWarnings);
  return 0;
}

/** Deadlines on a day the board's calendar does not work (issue 22): kept as given, and said, as `board edit` does. */
function printDeadlineWarnings(ctx: CliContext, warnings: ImportResult['deadlineWarnings']): void {
  if (!warnings.length) return;
  const count = warnings.length === 1 ? '1 deadline falls' : `${warnings.length} deadlines fall`;
  ctx.out(`Warning: ${count} on a day this board's calendar does not work (kept as given):`);
  for (const w of warnings.slice(0, MAX_WARNINGS))
    ctx.out(`  line ${w.line}: ${w.key ?? 'a new problem'}, deadline ${w.date}`);
  if (warnings.length > MAX_WARNINGS) ctx.out(`  … and ${warnings.length - MAX_WARNINGS} more`);
}
