import type { Db } from '../db/client.js';
import { createWebApiSender, type WebApiSenderOptions } from '../jobs/outbox/send.js';
import type { Sender } from '../jobs/types.js';
import type { Logger } from '../logging/logger.js';
import { digestChartFollowUp } from './upload/digest-chart.js';
import { followUps, roundReportFollowUp } from './upload/round-report.js';
import { workspaceLocales } from './locale.js';
import { renderMessage } from './blocks/scheduled/index.js';

type SlackSenderOptions = Omit<WebApiSenderOptions, 'render' | 'readerLanguages'>;

/**
 * The jobs' Web API sender with what only the Slack layer knows injected: scheduled messages rendered as
 * Block Kit, DMs in each reader's Slack language. Callers above `src/jobs/` (the app, `runtime/engine-thread.ts`, the CLI)
 * build it and hand it to the jobs.
 */
export function createSlackSender(opts: SlackSenderOptions) {
  return createWebApiSender({ ...opts, render: renderMessage, readerLanguages: workspaceLocales });
}

/**
 * The scheduler's sender factory (for `startBotScheduler` and `closeout run-job`): a Slack sender that also
 * posts each cycle digest's chart into its thread, claiming under the scheduler's instance ID.
 */
export function schedulerSender(opts: { token: string; apiUrl?: string; db: Db }) {
  return (instanceId: string, logger: Logger): Sender =>
    createSlackSender({
      token: opts.token,
      apiUrl: opts.apiUrl,
      logger,
      afterSent: followUps(
        logger,
        digestChartFollowUp(opts.db, logger, instanceId),
        roundReportFollowUp(opts.db, logger, instanceId),
      ),
    });
}
