import { dueDeliveries, existingKeys, planKeys } from '../services/deliveries.js';
import { Fanout } from './outbox/fanout.js';
import { sendNotices } from './outbox/send-now.js';
import { countJobRun } from './outbox/stats.js';
import { activeBoards, type JobBoard } from './job-data.js';
import {
  DEFAULT_TUNING,
  deliveryRow,
  FOLLOW_UP_JOB,
  NOTICE_JOB,
  type Job,
  type JobDeps,
  type PlannedMessage,
  type RunOptions,
  type RunReport,
  type Tuning,
} from './types.js';

/**
 * One run of some jobs as of `at`: plan what is due → record it (each dedupe key once) → claim → send →
 * mark. The same code path serves the cron tick and `closeout run-job`. Several processes may run it at
 * once: the ledger (services/deliveries) makes each message go out once. A job plans in batches (a page
 * of owners each): a batch is recorded, and sent as soon as it fills a page of the fan-out, before the
 * next is planned — so however many owners a round has, only a page of their messages is in memory.
 */
export async function execute(
  deps: JobDeps,
  jobs: readonly Job[],
  at: Date,
  opts: RunOptions = {},
): Promise<RunReport> {
  const report: RunReport = {
    at,
    jobs: jobs.map((j) => j.name),
    dryRun: Boolean(opts.dryRun),
    planned: [],
    ...(opts.dryRun && { preview: [] }),
    waiting: 0,
    sent: [],
    failed: [],
    retrying: [],
    errors: [],
  };
  const tuning: Tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  // Follow-ups that could not be sent when they were made are retried by every run.
  const kinds = [...report.jobs, NOTICE_JOB, FOLLOW_UP_JOB];
  if (!opts.dryRun && !deps.sender) {
    throw new Error('Sending needs Slack (SLACK_BOT_TOKEN); only a dry run works without it.');
  }
  const fanout = opts.dryRun ? null : new Fanout(deps, tuning, report);
  if (fanout) for (const job of report.jobs) countJobRun(job);

  const take = async (batch: PlannedMessage[]) => {
    if (!batch.length) return;
    if (!fanout) {
      const known = await existingKeys(
        deps.db,
        batch.map((m) => m.key),
      );
      const fresh = batch.filter((m) => !known.has(m.key));
      report.preview?.push(...fresh);
      report.planned.push(...fresh.map((m) => m.key));
      return;
    }
    // Recorded even once sending has stopped (aborted, bad token): from then on they are owed, whatever happens.
    const fresh = await planKeys(deps.db, batch.map(deliveryRow), deps.clock.now());
    report.planned.push(...fresh);
    // Sent once a page's worth has been recorded (reading the ledger before would find less than a page).
    unsent += fresh.length;
    if (unsent < tuning.sendPage) return;
    unsent = 0;
    await fanout.sendDue(kinds, { full: true });
  };
  let unsent = 0;
  // Board by board, so one board that cannot be planned (bad data) does not hold up the others.
  for (const board of await activeBoards(deps.db, deps.teamId)) {
    for (const job of jobs) await planBoard(deps, report, job, board, at, take);
  }

  if (!fanout) {
    report.waiting = (
      await dueDeliveries(deps.db, {
        jobs: kinds,
        teamId: deps.teamId,
        now: deps.clock.now(),
        staleAfterMs: tuning.staleAfterMs,
      })
    ).length;
    return report;
  }
  await fanout.sendDue(kinds);
  await sendNotices(deps, fanout, report);
  deps.logger.info(
    {
      at,
      jobs: report.jobs,
      planned: report.planned.length,
      sent: report.sent.length,
      failed: report.failed.length,
      retrying: report.retrying.length,
      aborted: report.aborted,
    },
    'scheduled jobs ran',
  );
  return report;
}

/**
 * One job's batches for one board, each handed to `take`. A board that cannot be planned (bad data) is
 * reported and the others go on; what `take` throws (the database failing us) ends the run.
 */
async function planBoard(
  deps: JobDeps,
  report: RunReport,
  job: Job,
  board: JobBoard,
  at: Date,
  take: (batch: PlannedMessage[]) => Promise<void>,
): Promise<void> {
  const pageSize = deps.tuning?.sendPage ?? DEFAULT_TUNING.sendPage;
  // A restricted board posts in its channel only when the channel is private (routeOf, job-data.ts).
  const channelPrivate =
    board.visibility === 'restricted' && board.channelId && deps.sender?.channelIsPrivate
      ? await deps.sender.channelIsPrivate(board.channelId)
      : false;
  const planned = { ...board, channelPrivate };
  const batches = job.plan({ db: deps.db, at, boards: [planned], pageSize })[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<PlannedMessage[]>;
    try {
      next = await batches.next();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.errors.push({ job: job.name, board: board.code, error: message });
      deps.logger.error(
        { err: error, job: job.name, board: board.code },
        'could not work out what is due for a board; the others go on',
      );
      return;
    }
    if (next.done) return;
    try {
      await take(next.value);
    } catch (error) {
      await batches.return?.();
      throw error;
    }
  }
}
