import { parentPort } from 'node:worker_threads';
import { closeChartRenderer } from '../charts/chart-renderer.js';
import { closeReportRenderer } from '../charts/report/report-renderer.js';
import { ConfigError } from '../config/config-error.js';
import { parseEnv, requireSlackEnv } from '../config/env.js';
import { lowerThreadPriority } from '../platform/threads.js';
import { migrateDatabase, openDatabase } from '../db/database.js';
import { systemClock } from '../domain/clock.js';
import { settleCutOffImports, startImportSweep } from '../jobs/import-sweep.js';
import { startBotScheduler, type RunningScheduler } from '../jobs/scheduler.js';
import { owedDeliveries } from '../jobs/outbox/stats.js';
import { createLogger } from '../logging/logger.js';
import { closeImportReader } from '../services/import-reader.js';
import { adoptLocalRows, hasLocalRows } from '../services/workspace.js';
import type { FromEngine, Port } from './engine-link.js';
import { startSlackEngine } from './engine.js';
import { loadAllListeners } from '../slack/listeners/lazy.js';
import { schedulerSender } from '../slack/sender.js';
import { startLedgerSync } from '../slack/ledger/ledger-sync.js';

/**
 * The engine thread of `npm start` (main.ts starts it; see runtime/engine-link.ts): the database, the
 * listeners and the scheduler. It runs at a lower CPU priority than the front, so on a busy machine the
 * thread that acks goes first.
 */
async function engine(port: Port): Promise<void> {
  const post = (message: FromEngine) => port.postMessage(message);
  const env = parseEnv(process.env);
  requireSlackEnv(env);
  const logger = createLogger(env.LOG_LEVEL);

  const { applied, target } = await migrateDatabase(env.DATABASE_URL);
  logger.info({ database: target, applied }, applied.length ? 'database migrated' : 'database up to date');
  const db = await openDatabase(env.DATABASE_URL, {
    poolSize: env.DATABASE_POOL_SIZE,
    onConnectionError: (err) => logger.warn({ err }, 'database connection lost; the pool reconnects'),
  });
  const deps = { db, clock: systemClock, admins: new Set(env.CLOSEOUT_ADMINS) };
  let scheduler: RunningScheduler | null = null;
  // The first query (it compiles Prisma's query compiler, ~100 ms) runs while auth.test is on its way to Slack.
  const toAdopt = hasLocalRows(db);
  // An import cut off by a crash is taken back before the first request is served (settled beside auth.test).
  const settled = settleCutOffImports(deps, logger);
  let stopSweep = () => {};
  let stopLedger = () => {};
  const slack = await startSlackEngine({
    env,
    deps,
    logger,
    port,
    // After the listeners' work: the scheduler's current send, charts being drawn, a file being read, then the
    // database.
    onStop: async () => {
      stopSweep();
      stopLedger();
      await scheduler?.stop();
      await closeChartRenderer();
      await closeReportRenderer();
      await closeImportReader();
      // What could not be sent stays owed in the deliveries: the next start (or another instance) sends it.
      const owed = await owedDeliveries(db).catch(() => ({}));
      if (Object.keys(owed).length) logger.warn({ owed }, 'stopped with deliveries still owed; they are sent later');
      await db.$disconnect();
    },
  });
  const { teamId } = slack;
  const adopted = (await toAdopt) ? await adoptLocalRows(db, teamId) : 0;
  if (adopted) logger.info({ boards: adopted, team: teamId }, 'boards created offline joined this workspace');
  await settled;
  stopSweep = startImportSweep(deps, logger);
  if (env.CLOSEOUT_SCHEDULER === 'on') {
    scheduler = startBotScheduler({
      db,
      logger,
      teamId,
      createSender: schedulerSender({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, db }),
    });
    // The live ledgers (channel canvases) are written by the instance that sends the scheduled messages.
    stopLedger = startLedgerSync({
      token: env.SLACK_BOT_TOKEN,
      apiUrl: env.SLACK_API_URL,
      db,
      logger,
      clock: systemClock,
    });
  } else {
    logger.info('scheduler off (CLOSEOUT_SCHEDULER=off): this instance sends no prompts, reminders or digests');
  }

  lowerThreadPriority(); // not before: starting is on the way to a healthy /healthz
  const { PORT, LOG_LEVEL, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_API_URL, SHUTDOWN_TIMEOUT_MS } = env;
  post({
    type: 'ready',
    ready: {
      teamId,
      settings: { PORT, LOG_LEVEL, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_API_URL, SHUTDOWN_TIMEOUT_MS },
    },
  });
  // Ready without the listeners' modules (see slack/listeners/lazy.ts); they load now, before most first clicks.
  void loadAllListeners();
}

if (parentPort) {
  const port = parentPort;
  engine(port).catch((error: unknown) => {
    const failed: FromEngine =
      error instanceof ConfigError
        ? { type: 'failed', message: error.message, problems: error.problems }
        : { type: 'failed', message: error instanceof Error ? error.message : String(error) };
    port.postMessage(failed);
  });
}
