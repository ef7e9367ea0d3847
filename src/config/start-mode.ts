/**
 * `npm start` serves the local playground instead of the bot when nothing about Slack is configured (no
 * SLACK_* variable at all) outside production; any Slack variable, or NODE_ENV=production, means the bot.
 */
export function wantsPlayground(source: NodeJS.ProcessEnv): boolean {
  if (source.NODE_ENV === 'production') return false;
  return !Object.entries(source).some(([name, value]) => name.startsWith('SLACK_') && value?.trim());
}
