import fs from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { createLogger } from '../../logging/logger.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

interface SummaryOptions {
  board: string;
  unit?: string;
  format: 'docx' | 'pdf';
  out: string;
}

export function registerSummary(program: Command, ctx: CliContext): void {
  program
    .command('summary')
    .description("Write a board's progress report (Word or PDF, in the board's language) to a file")
    .requiredOption('--board <code>', 'board to report on')
    .option('--unit <name>', 'only this responsible unit (a near-miss name is matched)')
    .addOption(new Option('--format <format>', 'docx or pdf').choices(['docx', 'pdf']).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write')
    .action(async (opts: SummaryOptions) => {
      // Loaded when the command runs: other commands do not pay for the report's modules.
      const [
        { ledBoard },
        { ledUnit },
        { makeReportFile },
        { closeChartRenderer },
        { closeReportRenderer },
        i18n,
        { cliSlackClient },
      ] = await Promise.all([
        import('../../services/summary.js'),
        import('../../services/unit-match.js'),
        import('../../slack/upload/report.js'),
        import('../../charts/chart-renderer.js'),
        import('../../charts/report/report-renderer.js'),
        import('../../i18n/index.js'),
        import('../slack-directory.js'),
      ]);
      // A folder that cannot take the file fails before the report is built, not after.
      await fs.access(path.dirname(path.resolve(opts.out)), fs.constants.W_OK).catch((err: unknown) => {
        throw new UserError(`Cannot write ${opts.out}: ${err instanceof Error ? err.message : String(err)}`);
      });
      if ((await fs.stat(opts.out).catch(() => null))?.isDirectory())
        throw new UserError(
          `Cannot write ${opts.out}: ${opts.out} is a folder. Give a file name, e.g. ${path.join(opts.out, `${opts.board.toUpperCase()}-report.${opts.format}`)}`,
        );
      const env = ctx.env();
      const logger = createLogger(ctx.io.env.LOG_LEVEL ? env.LOG_LEVEL : 'warn', ctx.io.stderr);
      try {
        await ctx.withServices(async ({ deps, actor }) => {
          const board = await ledBoard(deps, actor, opts.board);
          let unit: string | null = null;
          if (opts.unit !== undefined) {
            const match = await ledUnit(deps, actor, board.code, opts.unit);
            if (match.kind !== 'found') {
              const names = match.candidates.map((c) => `"${c}"`).join(', ');
              throw new UserError(
                match.kind === 'ambiguous'
                  ? `"${opts.unit}" could be several units of board ${board.code}: ${names}. Say which with --unit.`
                  : `Board ${board.code} has no unit called "${opts.unit}".${names ? ` Units there include: ${names}.` : ''}`,
              );
            }
            if (!match.exact) ctx.out(`Unit "${opts.unit}" taken as "${match.unit}".`);
            unit = match.unit;
          }
          // With the bot token, owners are named by Slack; without it, by the names kept from Slack before.
          const file = await makeReportFile(cliSlackClient(env, logger), logger, {
            db: deps.db,
            board,
            at: deps.clock.now(),
            lang: i18n.boardLanguage(board.language),
            unit,
            format: opts.format,
          });
          // Written beside it, then renamed: a write that fails half-way leaves an existing file as it was.
          const partial = `${opts.out}.${process.pid}.partial`;
          try {
            await fs.writeFile(partial, file.bytes);
            await fs.rename(partial, opts.out);
          } catch (err) {
            await fs.rm(partial, { force: true });
            throw new UserError(`Cannot write ${opts.out}: ${err instanceof Error ? err.message : String(err)}`);
          }
          const s = file.data.summary;
          ctx.out(
            `Wrote the ${board.code}${unit ? ` (${unit})` : ''} progress report to ${opts.out}: ${s.total} problems, ${s.closed} closed, ${s.overdue.total} overdue.`,
          );
        });
      } finally {
        await Promise.all([closeChartRenderer(), closeReportRenderer()]);
      }
    });
}
