import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Skip the signature headers entirely. */
  unsigned?: boolean;
}

export interface PostResult {
  status: number;
  text: string;
  json: unknown;
  ms: number;
}

/** Slack's v0 request signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  opts: SignOptions = {},
): Promise<PostResult> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (!opts.unsigned) {
    headers['x-slack-request-timestamp'] = String(ts);
    headers['x-slack-signature'] = signature(opts.secret ?? SIGNING_SECRET, ts, body);
  }
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // not JSON: an empty ack or an HTML error page
  }
  return { status: res.status, text, json, ms };
}

export interface CommandFields {
  text: string;
  userId: string;
  teamId: string;
  channelId?: string;
  responseUrl: string;
  triggerId?: string;
}

/** The form body Slack sends for `/closeout …`. */
export function commandBody(f: CommandFields): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: f.teamId,
    team_domain: 'test',
    channel_id: f.channelId ?? 'C0HERE',
    channel_name: 'here',
    user_id: f.userId,
    user_name: f.userId.toLowerCase(),
    command: '/closeout',
    text: f.text,
    api_app_id: 'A0CLOSEOUT',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: f.triggerId ?? `trigger-${Date.now()}`,
  }).toString();
}

/** Interactivity payloads (block_actions, view_submission, …) arrive as a form field `payload`. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Events API envelope. */
export function eventBody(teamId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: teamId,
    api_app_id: 'A0CLOSEOUT',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}
