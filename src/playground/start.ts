import { randomBytes, randomUUID } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { closeChartRenderer } from '../charts/chart-renderer.js';
import { closeReportRenderer } from '../charts/report/report-renderer.js';
import { parseEnv } from '../config/env.js';
import { createDb, type Db } from '../db/client.js';
import { sqlitePath } from '../db/kind.js';
import { migrate } from '../db/migrate.js';
import { DomainError } from '../domain/errors.js';
import { OPERATOR, type Language } from '../domain/types.js';
import { runJob } from '../jobs/runner.js';
import { startScheduler, type RunningScheduler } from '../jobs/scheduler.js';
import { createSlackSender } from '../slack/sender.js';
import type { JobDeps, RunReport } from '../jobs/types.js';
import type { Logger } from '../logging/logger.js';
import { getBoard } from '../services/boards.js';
import { loadBoardCalendar } from '../services/calendar.js';
import { DEMO_BOARD, seedDemo } from '../services/demo.js';
import { closeImportReader } from '../services/import-reader.js';
import type { ServiceDeps } from '../services/deps.js';
import { startSlackApp, type RunningSlackApp } from '../runtime/one-thread.js';
import { digestChartFollowUp } from '../slack/upload/digest-chart.js';
import { followUps, roundReportFollowUp } from '../slack/upload/round-report.js';
import { createLedgerSync, type LedgerSync } from '../slack/ledger/ledger-sync.js';
import { ADMIN_ID, BOARD_CHANNEL, PLAYGROUND_TEAM } from './people.js';
import { PlaygroundServer } from './server.js';
import type { Workspace } from './stand-in/workspace.js';
import { TravelClock, travelTargets, type TravelTarget } from './time-travel.js';

const PLAYGROUND_DATABASE = 'file:./data/playground.db';
const PLAYGROUND_HOST = '127.0.0.1';

interface PlaygroundOptions {
  port: number;
  logger: Logger;
  /** SQLite database (default data/playground.db). */
  databaseUrl?: string;
  /** The language everyone's Slack is set to at start (switchable in the page). */
  language?: Language;
  /** Minute-by-minute scheduler; time travel runs the jobs either way. */
  scheduler?: boolean;
}

export interface RunningPlayground {
  url: string;
  /** What the stand-in Slack holds (conversations, views, files). */
  workspace: Workspace;
  /** Whether the demo board was seeded by this start. */
  seeded: boolean;
  stop(): Promise<void>;
}

/** The bot as `npm start` runs it, plus its scheduler, pointed at the stand-in. */
interface Bot {
  slack: RunningSlackApp;
  scheduler: RunningScheduler | null;
  jobDeps: JobDeps;
  /** The live ledger (channel canvases): written on a timer, and after time travel. */
  ledger: LedgerSync;
  stopLedger: () => void;
}

/**
 * Starts the playground: the database (seeded with the demo board on first start), the stand-in Slack
 * and the page on one loopback port, and the unchanged bot and scheduler, given the stand-in's URL and
 * the token and signing secret generated here. Switching language restarts the bot (it caches locales).
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  const { logger } = opts;
  const databaseUrl = opts.databaseUrl ?? PLAYGROUND_DATABASE;
  migrate(databaseUrl);
  const db = createDb(databaseUrl);
  const clock = new TravelClock(`${sqlitePath(databaseUrl)}.clock.json`);
  const deps: ServiceDeps = { db, clock, admins: new Set([ADMIN_ID]) };
  const seeded = await seedOnce(deps);

  const token = `xoxb-playground-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(24).toString('hex');
  let language: Language = opts.language ?? 'en';
  let bot: Bot | null = null;

  const server = new PlaygroundServer({
    token,
    signingSecret,
    clock,
    logger,
    eventsUrl: () => `http://${PLAYGROUND_HOST}:${bot?.slack.port ?? 0}/slack/events`,
    language: () => language,
    setLanguage: async (next) => {
      if (next === language) return;
      language = next;
      await stopBot();
      bot = await startBot();
    },
    travel: (to) => travel(to),
  });
  const port = await server.listen(opts.port, PLAYGROUND_HOST);
  const apiUrl = `http://${PLAYGROUND_HOST}:${port}/api/`;

  async function startBot(): Promise<Bot> {
    const env = parseEnv({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: apiUrl,
      CLOSEOUT_ADMINS: ADMIN_ID,
      CLOSEOUT_LANGUAGE: language,
    });
    const slack = await startSlackApp({
      env: { ...env, SLACK_BOT_TOKEN: token },
      deps,
      logger,
      port: 0,
      host: PLAYGROUND_HOST,
    });
    const instanceId = `playground-${process.pid}-${randomUUID().slice(0, 8)}`;
    const jobLogger = logger.child({ component: 'scheduler' });
    const jobDeps: JobDeps = {
      db,
      clock,
      logger: jobLogger,
      sender: createSlackSender({
        token,
        apiUrl,
        logger: jobLogger,
        afterSent: followUps(
          jobLogger,
          digestChartFollowUp(db, jobLogger, instanceId),
          roundReportFollowUp(db, jobLogger, instanceId),
        ),
      }),
      instanceId,
      teamId: slack.teamId,
      // The stand-in has no rate limits, so scheduled messages need no pause between them.
      tuning: { channelIntervalMs: 0 },
    };
    const scheduler = opts.scheduler === false ? null : startScheduler(jobDeps);
    // The live ledger runs even without the minute-by-minute scheduler: the channel's Ledger tab is part of
    // what the page shows. Written once now, so the tab is there when the page first loads.
    const ledger = createLedgerSync({
      db,
      clock,
      logger: jobLogger,
      client: new WebClient(token, { slackApiUrl: apiUrl }),
    });
    await ledger.tick().catch((error: unknown) => jobLogger.warn({ err: error }, 'ledger not written'));
    return { slack, scheduler, jobDeps, ledger, stopLedger: ledger.start() };
  }

  async function stopBot(): Promise<void> {
    const current = bot;
    bot = null;
    current?.stopLedger();
    await current?.scheduler?.stop();
    await current?.slack.stop();
  }

  /** The clock moves forward, then every job runs as of then: what `closeout run-job all --at` does. */
  async function travel(to: TravelTarget): Promise<RunReport> {
    if (!bot) throw new Error('the bot is restarting; try again');
    const board = await getBoard(deps, PLAYGROUND_TEAM, DEMO_BOARD);
    const workCalendar = await loadBoardCalendar(db, board);
    const target = travelTargets({ ...board, workCalendar }, clock.now())[to];
    await clock.travelTo(target);
    const report = await runJob(bot.jobDeps, 'all', clock.now());
    // At each round the ledger is written again, as the bot's own timer would within the minute.
    await bot.ledger.tick().catch((error: unknown) => logger.warn({ err: error }, 'ledger not written'));
    return report;
  }

  bot = await startBot();
  return {
    url: `http://${PLAYGROUND_HOST}:${port}`,
    workspace: server.ws,
    seeded,
    async stop() {
      await stopBot();
      await server.close();
      await closeChartRenderer();
      await closeReportRenderer();
      await closeImportReader();
      await db.$disconnect();
    },
  };
}

/** The demo board, created the first time the playground starts on this database. */
async function seedOnce(deps: ServiceDeps & { db: Db }): Promise<boolean> {
  try {
    await seedDemo(deps, { teamId: PLAYGROUND_TEAM, userId: OPERATOR }, { channelId: BOARD_CHANNEL.id });
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.key === 'error.board_exists') return false;
    throw error;
  }
}
