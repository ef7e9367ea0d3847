import type { WebClient } from '@slack/web-api';
import type { Env } from '../config/env.js';
import { LOOKUP_RETRY, LOOKUP_TIMEOUT_MS } from '../config/slack-api.js';
import { createSlackSender } from '../slack/sender.js';
import type { Logger } from '../logging/logger.js';
import { slackDirectory, type UserDirectory } from '../services/import-owners.js';

/**
 * A Web API client through the bot token when it is set (SLACK_BOT_TOKEN), else null. An operator waits at
 * the terminal: a Slack out of reach is said within seconds, not after the scheduler's 90 s of retries.
 */
export function cliSlackClient(env: Env, logger: Logger): WebClient | null {
  const token = env.SLACK_BOT_TOKEN;
  if (!token) return null;
  return createSlackSender({
    token,
    apiUrl: env.SLACK_API_URL,
    logger,
    retry: LOOKUP_RETRY,
    timeoutMs: LOOKUP_TIMEOUT_MS,
  }).client;
}

/**
 * The workspace's members for the import and export commands, through the bot token when it is set
 * (scopes users:read and users:read.email). Without it, null: owners must be member IDs; the rows that
 * needed Slack when it is out of reach are refused.
 */
export function cliDirectory(env: Env, logger: Logger): UserDirectory | null {
  const client = cliSlackClient(env, logger);
  return client && slackDirectory(client);
}
