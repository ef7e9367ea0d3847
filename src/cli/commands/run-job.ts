import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { runJob, parseJobSelection } from '../../jobs/runner.js';
import { JOB_NAMES, type PlannedMessage, type RunReport } from '../../jobs/types.js';
import { createLogger } from '../../logging/logger.js';
import { schedulerSender } from '../../slack/sender.js';
import { renderMessage } from '../../slack/blocks/scheduled/index.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

interface RunJobOptions {
  at?: string;
  dryRun?: boolean;
}

const JOB_LIST = `${JOB_NAMES.join(', ')} or all`;

/** An ISO-8601 instant; without an offset it is read as UTC. */
function parseAt(value: string): Date {
  const dt = DateTime.fromISO(value.trim(), { zone: 'UTC', setZone: true });
  if (!dt.isValid)
    throw new UserError(
      `--at: "${value}" is not an ISO-8601 time (e.g. 2026-11-23T09:00:00+08:00 or 2026-11-23T01:00Z).`,
    );
  return dt.toJSDate();
}

function describe(m: PlannedMessage): string {
  return `  ${m.key} → ${m.recipient}: ${renderMessage(m.message).text.replace(/\s+/g, ' ')}`;
}

function print(ctx: CliContext, name: string, report: RunReport): void {
  const when = report.at.toISOString();
  for (const e of report.errors) ctx.err(`Warning: ${e.job} could not be worked out for board ${e.board}: ${e.error}`);
  if (report.dryRun) {
    ctx.out(`run-job ${name} as of ${when} — dry run: nothing was written or sent.`);
    ctx.out(report.planned.length ? `Would send ${report.planned.length} new message(s):` : 'Nothing new is due.');
    for (const m of report.preview ?? []) ctx.out(describe(m));
    if (report.waiting) ctx.out(`${report.waiting} message(s) recorded earlier and not sent yet would be sent too.`);
    return;
  }
  ctx.out(
    `run-job ${name} as of ${when}: ${report.planned.length} new, ${report.sent.length} sent, ` +
      `${report.failed.length} failed, ${report.retrying.length} left for a retry.`,
  );
  for (const key of report.sent) ctx.out(`  sent ${key}`);
  for (const f of report.failed) ctx.out(`  failed ${f.key}: ${f.reason}`);
  for (const f of report.retrying) ctx.out(`  retry later ${f.key}: ${f.reason}`);
}

/** `closeout run-job <job|all> [--at ISO] [--dry-run]`: the cron trigger's code path, run once by hand. */
export function registerRunJob(program: Command, ctx: CliContext): void {
  program
    .command('run-job')
    .description('Run a scheduled job once as of a given time; running it again for the same time sends nothing twice')
    .argument('[job]', JOB_LIST)
    .option('--at <time>', 'ISO-8601 time to run the job as of (default: now; without an offset, UTC)')
    .option('--dry-run', 'print what would be sent; write and send nothing')
    .action(async (job: string | undefined, opts: RunJobOptions) => {
      const selection = parseJobSelection(job ?? '');
      if (!selection)
        throw new UserError(job ? `Unknown job "${job}". Choose ${JOB_LIST}.` : `Name a job: ${JOB_LIST}.`);
      const at = opts.at === undefined ? ctx.clock.now() : parseAt(opts.at);
      const env = ctx.env();
      const token = env.SLACK_BOT_TOKEN;
      if (!opts.dryRun && !token) {
        throw new UserError(
          'SLACK_BOT_TOKEN is needed to send messages (xoxb-…); add --dry-run to see what would be sent without it.',
        );
      }
      // Logs go to stderr so the report on stdout stays readable; quiet unless LOG_LEVEL asks for more.
      const logger = createLogger(ctx.io.env.LOG_LEVEL ? env.LOG_LEVEL : 'warn', ctx.io.stderr);
      await ctx.withServices(async ({ deps, actor }) => {
        const instanceId = `cli-${process.pid}-${randomUUID().slice(0, 8)}`;
        const sender =
          opts.dryRun || !token
            ? null
            : schedulerSender({ token, apiUrl: env.SLACK_API_URL, db: deps.db })(instanceId, logger);
        const report = await runJob(
          { db: deps.db, clock: deps.clock, logger, sender, instanceId, teamId: actor.teamId },
          selection,
          at,
          { dryRun: opts.dryRun },
        );
        print(ctx, selection, report);
        if (report.errors.length) ctx.exitCode = 1;
        if (report.aborted) {
          ctx.err(
            `Error: sending stopped: Slack answered "${report.aborted}". Fix the token or the app's scopes and run again; nothing is lost.`,
          );
          ctx.exitCode = 1;
        }
      });
    });
}
