import type { SlackCall } from './fake-slack.js';

/** What a hostile user types to ping people: channel-wide, group and personal mentions. */
export const HOSTILE = '<!channel> <!here> <!subteam^S0HOSTILE> <@UVICTIM> & <https://evil.example|click>';

/** Live mention syntax that only user text could have put in a payload (the bot never mentions UVICTIM). */
const LIVE = /<!channel>|<!here>|<!everyone>|<!subteam\^S0HOSTILE>|<@UVICTIM>|<https:\/\/evil\.example/;

const MESSAGE_METHODS = [
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.scheduleMessage',
  'response_url',
];

/** Every mrkdwn string in a payload (text objects of type mrkdwn), found wherever they nest. */
function mrkdwnStrings(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) mrkdwnStrings(n, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
  for (const v of Object.values(o)) mrkdwnStrings(v, out);
}

/**
 * Places in the recorded calls where user-typed mention syntax reaches Slack unescaped: a message's `text`
 * fallback (mrkdwn unless `mrkdwn: false`) and every mrkdwn text object of messages, modals and Home tabs.
 * Plain-text objects do not render mentions, so they may carry the characters as typed.
 */
export function liveMentions(calls: SlackCall[]): { method: string; text: string }[] {
  const found: { method: string; text: string }[] = [];
  for (const c of calls) {
    const strings: string[] = [];
    if (MESSAGE_METHODS.includes(c.method) && typeof c.args.text === 'string' && c.args.mrkdwn !== false)
      strings.push(c.args.text);
    mrkdwnStrings(c.args.blocks, strings);
    mrkdwnStrings(c.args.view, strings);
    mrkdwnStrings(c.args.attachments, strings);
    for (const s of strings) if (LIVE.test(s)) found.push({ method: c.method, text: s.slice(0, 300) });
  }
  return found;
}
