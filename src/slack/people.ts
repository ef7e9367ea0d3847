import { ErrorCode, WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import pLimit, { type LimitFunction } from 'p-limit';
import { LOOKUP_RETRY, LOOKUP_TIMEOUT_MS } from '../config/slack-api.js';
import { slackLogger, type Logger } from '../logging/logger.js';

/** What the app needs to know of a Slack user: a name to print, and whether they can be a delegate. */
interface SlackPerson {
  /** False when Slack says there is no such user (user_not_found): the name is then the ID. */
  known: boolean;
  name: string;
  bot: boolean;
  deleted: boolean;
}

/** users.info is Tier 4 (100+/min): a few at a time per workspace client keeps a report's owners well inside it. */
const CONCURRENCY = 4;

/**
 * One cache and one limit per Web API client (one per workspace token; each test app has its own), so a
 * person looked up for a report, then a chart, then a modal costs one users.info an hour. Failures are not
 * cached: a transient refusal should not pin a person to their ID.
 */
const perClient = new WeakMap<
  WebClient,
  { cache: LRUCache<string, Promise<SlackPerson | null>>; limit: LimitFunction; lookup: WebClient }
>();

/**
 * The look-ups go through a client of their own with bounded retries (as an import's owner look-ups do):
 * the bot's client retries a failing users.info for about half an hour, and a report waiting for a name
 * would wait as long (every report naming that person too, since the pending look-up is shared).
 */
function stateOf(client: WebClient, logger: Logger) {
  let state = perClient.get(client);
  if (!state) {
    const lookup = new WebClient(client.token, {
      slackApiUrl: client.slackApiUrl,
      logger: slackLogger(logger, 'web-api'),
      retryConfig: LOOKUP_RETRY,
      timeout: LOOKUP_TIMEOUT_MS,
    });
    state = { cache: new LRUCache({ max: 10_000, ttl: 60 * 60 * 1000 }), limit: pLimit(CONCURRENCY), lookup };
    perClient.set(client, state);
  }
  return state;
}

function isPlatformError(error: unknown, code: string): boolean {
  const e = error as { code?: unknown; data?: { error?: unknown } } | null;
  return e?.code === ErrorCode.PlatformError && e.data?.error === code;
}

/** Slack's built-in bot's member ID, the same in every workspace. */
const SLACKBOT = 'USLACKBOT';

/** Slack's own limit on a display name; longer is someone's API client, not a name. */
const MAX_NAME_CHARS = 80;

/**
 * A name as documents and charts print it: control characters (a Word document with one will not open)
 * and bidi overrides (which would turn the rest of a table row around) removed, runs of spaces made one,
 * bounded. '' when nothing is left, and the next candidate is used.
 */
function printableName(raw: string | undefined): string {
  if (!raw) return '';
  const clean = raw
    // eslint-disable-next-line no-control-regex -- control and bidi characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(clean);
  return chars.length > MAX_NAME_CHARS ? chars.slice(0, MAX_NAME_CHARS).join('').trimEnd() : clean;
}

async function fetchPerson(client: WebClient, id: string): Promise<SlackPerson> {
  let res;
  try {
    res = await client.users.info({ user: id });
  } catch (error) {
    // Slack's answer, not a failure to get one: kept (cached) like any other answer.
    if (isPlatformError(error, 'user_not_found')) return { known: false, name: id, bot: false, deleted: false };
    throw error;
  }
  const u = res.user;
  const candidates = [u?.profile?.display_name, u?.real_name, u?.profile?.real_name, u?.name];
  return {
    known: true,
    name: candidates.map(printableName).find(Boolean) ?? id,
    // Slackbot is described with is_bot false, yet nobody reads what is sent to it.
    bot: Boolean(u?.is_bot || u?.is_app_user || id === SLACKBOT),
    deleted: Boolean(u?.deleted),
  };
}

/**
 * A Slack user, or null when Slack does not answer (logged). Concurrent lookups of one person share one
 * call. `timeoutMs` bounds the wait (a modal's check before its 3-second ack), not the call itself.
 */
export async function lookUpPerson(
  client: WebClient,
  logger: Logger,
  id: string,
  opts: { timeoutMs?: number } = {},
): Promise<SlackPerson | null> {
  const { cache, limit, lookup } = stateOf(client, logger);
  let pending = cache.get(id);
  if (!pending) {
    pending = limit(() => fetchPerson(lookup, id)).catch((error: unknown) => {
      cache.delete(id);
      logger.warn({ err: error, userId: id }, 'users.info failed; the user ID stands in for the name');
      return null;
    });
    cache.set(id, pending);
  }
  if (opts.timeoutMs === undefined) return pending;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), opts.timeoutMs);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Display names of Slack users, for documents and charts that cannot show <@U…> mentions: one users.info
 * per distinct person (cached, a few at a time); people Slack does not answer for are left out, and callers
 * print their ID.
 */
export async function displayNames(
  client: WebClient,
  logger: Logger,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const distinct = [...new Set(ids)];
  const people = await Promise.all(distinct.map((id) => lookUpPerson(client, logger, id)));
  const names = new Map<string, string>();
  distinct.forEach((id, i) => {
    const person = people[i];
    // Someone Slack does not know (user_not_found) is left out too: a name kept from before may stand in.
    if (person?.known) names.set(id, person.name);
  });
  return names;
}
