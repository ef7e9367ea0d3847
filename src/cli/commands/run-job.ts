import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** The name is part of the operator contract; the scheduler brings the jobs themselves. */
export function registerRunJob(program: Command, ctx: CliContext): void {
  program
    .command('run-job')
    .description('Run a scheduled job once as of a given time (comes with the scheduler)')
    .argument('[job]', 'cycle-prompts, update-nudges, cycle-digest, deadline-reminders, overdue-escalation or all')
    .option('--at <time>', 'ISO-8601 time to run the job as of')
    .option('--dry-run', 'show what would be sent')
    .action(() => {
      ctx.err('Error: run-job comes with the scheduler, which this version of Closeout does not include yet; nothing was run.');
      ctx.exitCode = 1;
    });
}
