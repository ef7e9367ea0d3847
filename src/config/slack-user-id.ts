/**
 * A Slack member ID: U… (or W… on Enterprise Grid), upper-case letters and digits. Here at the bottom so
 * env.ts can check SLACK_ADMIN_IDS; domain/keys.ts builds its mention patterns from it and re-exports it.
 */
export const SLACK_USER_ID = '[UW][A-Z0-9]{2,}';
export const SLACK_USER_PATTERN = new RegExp(`^${SLACK_USER_ID}$`);
