import type { WebClient } from '@slack/web-api';
import pLimit from 'p-limit';
import { localDate } from '../../domain/cycle.js';
import { SLACK_USER_PATTERN } from '../../domain/keys.js';
import { translator } from '../../i18n/index.js';
import { homeData } from '../../services/home.js';
import type { SlackContext } from '../context.js';
import { HOME_LIMITS, homeView } from '../blocks/home.js';

/** views.publish is Tier 4 (100+/min): a few at a time keeps a burst of refreshes well inside it. */
const PUBLISH_CONCURRENCY = 4;

/**
 * Publishes for one user run one after another, each loading fresh data when it starts, so an older
 * Home can never land after a newer one. Keyed by context so separate apps (tests) do not share queues.
 */
const queues = new WeakMap<SlackContext, Map<string, Promise<void>>>();

function inOrder(ctx: SlackContext, userId: string, work: () => Promise<void>): Promise<void> {
  let chains = queues.get(ctx);
  if (!chains) queues.set(ctx, (chains = new Map()));
  const next = (chains.get(userId) ?? Promise.resolve()).catch(() => undefined).then(work);
  chains.set(userId, next);
  const forget = () => {
    if (chains.get(userId) === next) chains.delete(userId);
  };
  next.then(forget, forget);
  return next;
}

/** Builds and publishes a user's App Home: their open problems, and dashboards of the boards they lead. */
export function publishHome(client: WebClient, ctx: SlackContext, teamId: string, userId: string): Promise<void> {
  return inOrder(ctx, userId, async () => {
    const data = await homeData(ctx.deps, { teamId, userId }, HOME_LIMITS);
    const lang = await ctx.locale.forUser(client, userId, data.boards?.items[0]?.language);
    const today = localDate(ctx.deps.clock.now(), ctx.env.CLOSEOUT_TIMEZONE);
    await client.views.publish({ user_id: userId, view: homeView(translator(lang), { ...data, lang, today }) });
  });
}

/** Republishes the Home tab of everyone affected by a change; failures are logged, never thrown. */
export async function refreshHomes(
  client: WebClient,
  ctx: SlackContext,
  teamId: string,
  userIds: string[],
): Promise<void> {
  // The CLI's operator and empty ids have no Home.
  const users = [...new Set(userIds)].filter((id) => SLACK_USER_PATTERN.test(id));
  const limit = pLimit(PUBLISH_CONCURRENCY);
  await Promise.all(
    users.map((userId) =>
      limit(async () => {
        try {
          await publishHome(client, ctx, teamId, userId);
        } catch (err) {
          ctx.logger.warn({ err, userId }, 'could not refresh the App Home');
        }
      }),
    ),
  );
}

/** Republishes Homes in the background: the user's answer does not wait for it, and errors are only logged. */
export function refreshHomesLater(client: WebClient, ctx: SlackContext, teamId: string, userIds: string[]): void {
  void refreshHomes(client, ctx, teamId, userIds).catch((error: unknown) =>
    ctx.logger.warn({ err: error }, 'refreshHomes failed'),
  );
}
