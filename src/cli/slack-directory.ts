import type { Env } from '../config/env.js';
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
  return slackDirectory(createSlackSender({ token, apiUrl: env.SLACK_API_URL, logger }).client);
}
