import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createTask } from 'node-cron';
import type { Db } from '../db/client.js';
import { systemClock } from '../domain/clock.js';
import type { Logger } from '../logging/logger.js';
import { runJob } from './runner.js';
import type { JobDeps, RunReport, Sender } from './types.js';

export interface RunningScheduler {
  /** Runs all jobs as of the clock now, unless a run is still going (then resolves to null). */
  tick(): Promise<RunReport | null>;
  /** No new runs; the current one stops between messages and is awaited. */
  stop(): Promise<void>;
}

/**
 * node-cron ticks every minute in UTC; each tick runs every job as of the clock time, and the jobs work
 * out from each board's own zone what is due. The first run happens at once on start: whatever came due
 * while the app was down is caught up then, once. Ticks never overlap: a long fan-out makes the next
 * ticks skip, and the run after it picks up whatever is left.
 */
export function startScheduler(deps: JobDeps): RunningScheduler {
  const abort = new AbortController();
  const runDeps: JobDeps = { ...deps, signal: abort.signal };
  let current: Promise<RunReport | null> | null = null;
  let stopped = false;

  const tick = (): Promise<RunReport | null> => {
    if (stopped) return Promise.resolve(null);
    if (current) {
      deps.logger.debug('previous scheduler run still going; tick skipped');
      return Promise.resolve(null);
    }
    const run = runJob(runDeps, 'all', deps.clock.now())
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'scheduler run failed; the next tick tries again');
        return null;
      })
      .finally(() => {
        current = null;
      });
    current = run;
    return run;
  };

  const task = createTask('* * * * *', () => tick(), {
    timezone: 'UTC',
    name: `closeout-scheduler-${deps.instanceId}`,
  });
  void task.start();
  void tick();
  deps.logger.info('scheduler started (every minute, UTC)');

  return {
    tick,
    async stop() {
      stopped = true;
      await task.destroy();
      abort.abort();
      await current;
      deps.logger.info('scheduler stopped');
    },
  };
}

/**
 * The bot's scheduler: the wall clock, its own Slack client, this workspace's boards. The sender comes from
 * the caller (`runtime/engine-thread.ts` passes `schedulerSender` from `src/slack/sender.ts`), so jobs never import Slack code.
 */
export function startBotScheduler(opts: {
  db: Db;
  logger: Logger;
  teamId: string;
  /** Builds this scheduler's sender for its instance ID (claims name it) and logger. */
  createSender: (instanceId: string, logger: Logger) => Sender;
}): RunningScheduler {
  const logger = opts.logger.child({ component: 'scheduler' });
  const instanceId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  return startScheduler({
    db: opts.db,
    clock: systemClock,
    logger,
    sender: opts.createSender(instanceId, logger),
    instanceId,
    teamId: opts.teamId,
  });
}
