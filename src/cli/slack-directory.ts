import type { Env } from '../config/env.js';
import { LOOKUP_RETRY, LOOKUP_TIMEOUT_MS } from '../config/slack-api.js';
import { createSlackSender } from '../slack/sender.js';
import type { Logger } from '../logging/logger.js';
import { slackDirectory, type UserDirectory } from '../services/import-owners.js';

/**
 * The workspace's members for the import and export commands, through the bot token when it is set
 * (SLACK_BOT_TOKEN, scopes users:read and users:read.email). Without it, null: owners must be member IDs.
 */
export function cliDirectory(env: Env, logger: Logger): UserDirectory | null {
  const token = env.SLACK_BOT_TOKEN;
  if (!token) return null;
  // An operator waits at the terminal: a Slack out of reach is said within seconds (the rows that needed
  // it are refused), not after the scheduler's 90 s of retries.
  const sender = createSlackSender({
    token,
    apiUrl: env.SLACK_API_URL,
    logger,
    retry: LOOKUP_RETRY,
    timeoutMs: LOOKUP_TIMEOUT_MS,
  });
  return slackDirectory(sender.client);
}
