import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createRequire } from 'node:module';
import type { App as BoltApp, Receiver } from '@slack/bolt';
import type { Env } from '../config/env.js';
import { createFollowUps } from '../jobs/outbox/follow-ups.js';
import type { Logger } from '../logging/logger.js';
import { stripNulDeep } from '../domain/nul.js';
import { slackLogger } from '../logging/logger.js';
import { ANSWER_LEASE_MS } from '../services/chat-reply-answers.js';
import type { ServiceDeps } from '../services/deps.js';
import { channelMembership } from '../slack/channel-members.js';
import type { SlackContext } from '../slack/context.js';
import { slackClientOptions, within } from './door.js';
import { InFlight } from './in-flight.js';
import { registerListeners } from '../slack/listeners/index.js';
import { LocaleResolver } from '../slack/locale.js';
import { createSlackSender } from '../slack/sender.js';

// Bolt's App without the package's index, which loads every receiver and their packages (Express, AWS
// Lambda: ~8 MB of resident memory) for nothing: requests come through the receiver we hand it. Required, as
// the CommonJS module it is, so every loader (Node, tsx, vitest) sees the same exports.
const { default: App } = createRequire(import.meta.url)('@slack/bolt/dist/App.js') as { default: typeof BoltApp };

export interface ListenerApp {
  app: InstanceType<typeof App>;
  ctx: SlackContext;
  /** Acknowledged work still running (listeners after their ack). */
  inFlight: InFlight;
  /** The second look for chat replies left unanswered by a process that died (cleared on stop). */
  resumeTimer?: NodeJS.Timeout;
}

/**
 * The Bolt App that runs Closeout's listeners, on whatever receiver brings it requests: Slack's own (the
 * whole bot in one thread: tests, the playground) or the engine thread's port (npm start: see engine.ts).
 */
export function createListenerApp(opts: {
  env: Env & { SLACK_BOT_TOKEN: string };
  deps: ServiceDeps;
  logger: Logger;
  receiver: Receiver;
}): ListenerApp {
  const { env, deps, logger } = opts;
  const inFlight = new InFlight();
  const ctx: SlackContext = {
    deps,
    logger,
    env,
    locale: new LocaleResolver(env.CLOSEOUT_LANGUAGE, logger),
    followUps: createFollowUps(
      {
        db: deps.db,
        clock: deps.clock,
        logger,
        sender: createSlackSender({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, logger }),
        instanceId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}-app`,
      },
      logger,
    ),
  };
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    receiver: opts.receiver,
    logger: slackLogger(logger),
    clientOptions: slackClientOptions(env, logger),
  });
  ctx.members = channelMembership(app.client, logger);
  // Every request's listeners, counted until they finish (Bolt's next() resolves once they have).
  app.use(({ next }) => inFlight.run(next));
  // What people typed, without NUL (domain/nul.ts): the same text on SQLite and PostgreSQL.
  app.use(async ({ body, next }) => {
    stripNulDeep(body);
    await next();
  });
  registerListeners(app, ctx);
  // Chat replies stored but never answered by a process that died: answered now, and once more when the
  // answers that process had claimed lapse (a restart within the lease finds them still claimed).
  const resume = () => {
    if (inFlight.stopping) return;
    void inFlight.run(() =>
      // Imported here, not at the top: the handlers' modules are not on the way to a healthy /healthz.
      import('../slack/listeners/events/receive-chat-reply.js')
        .then(({ resumeChatReplies }) => resumeChatReplies(app.client, ctx))
        .catch((err: unknown) => logger.warn({ err }, 'could not look for unanswered chat replies')),
    );
  };
  resume();
  const resumeTimer = setTimeout(resume, ANSWER_LEASE_MS + 1_000);
  resumeTimer.unref();
  return { app, ctx, inFlight, resumeTimer };
}

/**
 * The end of a graceful stop for the listeners: waits for acknowledged work, then for the follow-up DMs being
 * posted (cut off, their claims would wait minutes to go stale), both within `drainMs` in all. Resolves false
 * if some work was still running; what was not sent stays owed in the deliveries and the scheduler sends it.
 */
export async function settleListeners(listeners: ListenerApp, logger: Logger, drainMs: number): Promise<boolean> {
  const deadline = Date.now() + drainMs;
  clearTimeout(listeners.resumeTimer);
  const drained = await listeners.inFlight.drain(drainMs);
  if (!drained) logger.warn({ running: listeners.inFlight.size }, 'stopped with work still running');
  if (!(await within(listeners.ctx.followUps.idle(), Math.max(0, deadline - Date.now())))) {
    logger.warn('stopped with follow-up messages still being sent; they stay owed and the scheduler retries them');
    return false;
  }
  return drained;
}
