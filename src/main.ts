import { closeChartRenderer } from './charts/chart-renderer.js';
import { ConfigError, parseEnv, requireSlackEnv, wantsPlayground } from './config/env.js';
import { leanRuntime } from './config/runtime.js';
import { migrateDatabase, openDatabase } from './db/database.js';
import { systemClock } from './domain/clock.js';
import { startBotScheduler } from './jobs/scheduler.js';
import { createLogger } from './logging/logger.js';
import { adoptLocalRows } from './services/workspace.js';
import { startSlackApp } from './slack/app.js';
import { schedulerSender } from './slack/sender.js';

/** `npm start`: configuration, database, the bot, and a clean shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  leanRuntime();
  const env = parseEnv(process.env);
  if (wantsPlayground(process.env)) {
    const logLevel = process.env.LOG_LEVEL ? env.LOG_LEVEL : undefined;
    // Loaded only here: the playground (web server, stand-in Slack) is not part of a production process.
    const { runPlayground } = await import('./playground/run.js');
    await runPlayground({ port: env.PORT, language: env.CLOSEOUT_LANGUAGE, logLevel, out: process.stdout });
    process.exit(0);
  }
  requireSlackEnv(env);
  const logger = createLogger(env.LOG_LEVEL);

  const { applied, target } = await migrateDatabase(env.DATABASE_URL);
  logger.info({ database: target, applied }, applied.length ? 'database migrated' : 'database up to date');
  const db = await openDatabase(env.DATABASE_URL, {
    poolSize: env.DATABASE_POOL_SIZE,
    onConnectionError: (err) => logger.warn({ err }, 'database connection lost; the pool reconnects'),
  });
  const deps = { db, clock: systemClock, admins: new Set(env.CLOSEOUT_ADMINS) };

  const running = await startSlackApp({ env, deps, logger });
  const adopted = await adoptLocalRows(db, running.teamId);
  if (adopted) logger.info({ boards: adopted, team: running.teamId }, 'boards created offline joined this workspace');
  const scheduler =
    env.CLOSEOUT_SCHEDULER === 'on'
      ? startBotScheduler({
          db,
          logger,
          teamId: running.teamId,
          createSender: schedulerSender({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, db }),
        })
      : null;
  if (!scheduler)
    logger.info('scheduler off (CLOSEOUT_SCHEDULER=off): this instance sends no prompts, reminders or digests');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop taking requests and let acknowledged work finish (bounded), and the scheduler's current send.
    await Promise.all([running.stop(), scheduler?.stop()]);
    await closeChartRenderer();
    await db.$disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Closeout failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
