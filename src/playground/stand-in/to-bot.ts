import { createHmac, randomUUID } from 'node:crypto';

/** How long Slack waits for the bot's acknowledgement before it shows the user an error. */
const ACK_TIMEOUT_MS = 3_000;

export interface BotAnswer {
  status: number;
  body: string;
}

/**
 * Delivers requests to the bot's Events API endpoint as Slack does: the raw body signed with the signing
 * secret (`v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`), given up on after three seconds.
 */
export class BotLink {
  constructor(
    private readonly eventsUrl: () => string,
    private readonly signingSecret: string,
  ) {}

  async post(body: string, contentType: string): Promise<BotAnswer> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    try {
      const res = await fetch(this.eventsUrl(), {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
          'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        },
        body,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      return { status: res.status, body: await res.text() };
    } catch {
      return { status: 0, body: '' };
    }
  }

  /** Slash commands and interactivity payloads are form-encoded. */
  form(fields: Record<string, string>): Promise<BotAnswer> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  interaction(payload: object): Promise<BotAnswer> {
    return this.form({ payload: JSON.stringify(payload) });
  }

  /** An Events API callback (the envelope Slack wraps every event in). */
  event(teamId: string, appId: string, botUser: string, event: Record<string, unknown>): Promise<BotAnswer> {
    return this.post(
      JSON.stringify({
        token: 'playground',
        team_id: teamId,
        api_app_id: appId,
        event,
        type: 'event_callback',
        event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: teamId, user_id: botUser, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      }),
      'application/json',
    );
  }
}

/** Parses the bot's acknowledgement body (empty, or JSON such as a `response_action`). */
export function ackBody(answer: BotAnswer): Record<string, unknown> | null {
  if (!answer.body.trim()) return null;
  try {
    const parsed: unknown = JSON.parse(answer.body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return { text: answer.body };
  }
}
