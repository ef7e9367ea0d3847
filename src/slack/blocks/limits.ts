/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit), shared by every view builder. */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  viewTitle: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  plainInitialValue: 3000,
  /** chat.* `text` (the notification fallback) is truncated by Slack beyond this. */
  messageText: 4000,
} as const;

/**
 * Shortens text to at most `max` UTF-16 units (how Slack and JavaScript count), ending in '…' when
 * anything was cut; never splits an emoji's surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** Escapes the three characters mrkdwn treats as control (so user text cannot @-mention or break links). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** User text for mrkdwn: escaped, then cut to `max` without leaving half an entity behind. */
export function mrkdwnText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,3}…$/, '…');
}
