import type { KnownBlock } from '@slack/types';

interface ResponseUrlMessage {
  text: string;
  blocks?: KnownBlock[];
  replace_original?: boolean;
  response_type?: 'ephemeral' | 'in_channel';
}

/** Slack's hosts for response_url (commercial and GovSlack). */
const SLACK_HOOK_HOSTS = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);
/** A response_url answers fast or not at all; never let one hold a handler (or a graceful stop). */
const TIMEOUT_MS = 10_000;

/**
 * Whether a URL is one Slack gives out as a response_url: https on Slack's hook hosts, or the configured
 * SLACK_API_URL's own origin (GovSlack proxies, and the fake Slack in tests). Anything else — a URL that
 * came back through metadata we did not write, say — is never fetched.
 */
export function isSlackResponseUrl(url: string, apiUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:' && SLACK_HOOK_HOSTS.has(u.hostname) && !u.username && !u.password) return true;
  if (!apiUrl) return false;
  try {
    return new URL(apiUrl).origin === u.origin;
  } catch {
    return false;
  }
}

/**
 * Posts to a response_url Slack gave us (in a signed payload, or back through a modal's private_metadata):
 * the only way to replace an ephemeral message, which has no ts for chat.update. Only Slack's hosts, with a
 * timeout.
 */
export async function postToResponseUrl(
  url: string,
  message: ResponseUrlMessage,
  opts: { apiUrl?: string | undefined } = {},
): Promise<void> {
  if (!isSlackResponseUrl(url, opts.apiUrl)) throw new Error('refused a response_url that is not on a Slack host');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}
