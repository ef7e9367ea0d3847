import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { readInputFile } from '../read-input.js';

/** Enough to read on a terminal; the rest is counted. */
const MAX_LISTED = 50;

/**
 * `closeout calendar import FILE.ics|FILE.csv --board CODE`: loads an official schedule the holiday packages
 * do not have yet (issue 22), e.g. China's next year. Every line is checked first; nothing is written if
 * any is bad. Days already on the board on the same dates are replaced.
 */
export function registerCalendar(program: Command, ctx: CliContext): void {
  const calendar = program.command('calendar').description("Boards' working-day calendars");
  calendar
    .command('import')
    .description('Load official days off and make-up workdays from an .ics or .csv (date,kind,reason) file')
    .argument(
      '<file>',
      '.ics: all-day events (a summary with 班/workday/make-up opens the days, others close them); .csv: date,kind,reason',
    )
    .requiredOption('--board <code>', 'the board')
    .option('--dry-run', 'check the file and list what would be loaded, without writing')
    .action(async (file: string, opts: { board: string; dryRun?: boolean }) => {
      // Loaded when the command runs: run-job and the others do not pay for the iCalendar parser.
      const [{ readSchedule, MAX_SCHEDULE_BYTES }, { importBoardSchedule }] = await Promise.all([
        import('../../services/calendar-file.js'),
        import('../../services/calendar-admin.js'),
      ]);
      const bytes = await readInputFile(file, MAX_SCHEDULE_BYTES, 'a calendar file');
      const read = await readSchedule(file, bytes);
      if (read.errors.length) {
        ctx.err(
          `Nothing was loaded: ${file} has ${read.errors.length === 1 ? 'a problem' : `${read.errors.length} problems`}.`,
        );
        for (const error of read.errors.slice(0, MAX_LISTED)) ctx.err(`  ${error}`);
        if (read.errors.length > MAX_LISTED) ctx.err(`  … and ${read.errors.length - MAX_LISTED} more`);
        ctx.exitCode = 1;
        return;
      }
      const closed = read.days.filter((d) => d.kind === 'closed').length;
      const summary = `${read.days.length} days (${closed} closed, ${read.days.length - closed} working)`;
      await ctx.withServices(async ({ deps, actor }) => {
        if (opts.dryRun) {
          const { boardByCode } = await import('../../services/boards.js');
          const board = await boardByCode(deps, actor.teamId, opts.board);
          ctx.out(`Dry run for board ${board.code}, nothing written. Would load ${summary}:`);
          for (const d of read.days.slice(0, MAX_LISTED)) ctx.out(`  ${d.date} ${d.kind} ${d.reason}`);
          if (read.days.length > MAX_LISTED) ctx.out(`  … and ${read.days.length - MAX_LISTED} more`);
          return;
        }
        const { board, years, deadlinesOff: off } = await importBoardSchedule(deps, actor, opts.board, read.days);
        ctx.out(`Loaded ${summary} into board ${board.code} for ${years.join(', ')}.`);
        // Deadlines that now fall on a day off are kept, with a warning (issue 22).
        if (off.length)
          ctx.out(
            `Warning: ${off.length} deadline${off.length === 1 ? ' falls' : 's fall'} on a day off now (kept as set): ` +
              off
                .slice(0, MAX_LISTED)
                .map((p) => `${p.key} ${p.deadline}`)
                .join(', '),
          );
      });
    });
}
