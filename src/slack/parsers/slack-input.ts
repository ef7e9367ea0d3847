/**
 * The most text Slack itself sends us, in one place. Anything longer did not come from a Slack client, and
 * parsing it would only cost time, so entry points cut text to these before any parser sees it.
 */
export const SLACK_INPUT_MAX = {
  /** A message's `text`: Slack truncates messages beyond 40,000 characters (api.slack.com changelog, 2018-04). */
  messageText: 40_000,
  /**
   * A slash command's `text`: typed in the same message composer, so bounded by the same 40,000 characters;
   * Slack documents no smaller limit for it.
   */
  commandText: 40_000,
} as const;

/** `text` cut to at most `max` UTF-16 units, never leaving half a surrogate pair at the end. */
export function cutToSlackLimit(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
