import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, WebClient, type RetryOptions } from '@slack/web-api';
import { slackApiBaseUrl } from '../../config/slack-api.js';
import type { Language } from '../../domain/types.js';
import type { Logger } from '../../logging/logger.js';
import { slackLogger } from '../../logging/logger.js';
import type { KnownBlock } from '@slack/types';
import type { OutboundMessage } from './messages.js';
import { SendError, type Outgoing, type Sender, type Sent, type SentDelivery } from '../types.js';

/**
 * Bounded retries: 429s wait for Slack's Retry-After, 5xx answers and timeouts back off — and a call gives
 * up after about 90 s in all (the client's default would keep trying for about 30 minutes). What is still
 * failing is left pending for the next run.
 */
const PRODUCTION_RETRY: RetryOptions = {
  retries: 5,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 20_000,
  randomize: true,
  maxRetryTime: 90_000,
};
const PRODUCTION_TIMEOUT_MS = 15_000;

/** Errors about this recipient: retrying cannot help, people must act (and leaders are told). */
const PERMANENT = new Set([
  'user_not_found',
  'channel_not_found',
  'not_in_channel',
  'account_inactive',
  'is_archived',
  'cannot_dm_bot',
  'user_disabled',
  'messages_tab_disabled',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'invalid_blocks',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
]);
/** Errors about the app itself: nothing can be sent until an operator fixes it. */
const FATAL = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'org_login_required',
  'team_not_found',
]);

/** A post that timed out or lost its connection may have been posted: look before posting again, this many times. */
const UNCERTAIN_ATTEMPTS = 4;

/** Message metadata tags each message with its dedupe key, so it can be found again after a crash. */
const EVENT_TYPE = 'closeout_delivery';

/** A scheduled message as Slack shows it: the blocks and the notification text. */
interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * What the sender needs from the Slack layer, injected by its caller (`src/slack/sender.ts`) so that jobs
 * never import `src/slack/`: how a message looks, and each member's Slack language.
 */
export interface SlackRendering {
  render(message: OutboundMessage): RenderedMessage;
  /** Loads (and caches) every member's Slack language with this client; absent: the board's language. */
  readerLanguages?(client: WebClient, logger: Logger): () => Promise<ReadonlyMap<string, Language>>;
}

export interface WebApiSenderOptions extends SlackRendering {
  token: string;
  /** SLACK_API_URL (GovSlack, or a fake Slack in tests). */
  apiUrl?: string;
  logger: Logger;
  retry?: RetryOptions;
  timeoutMs?: number;
  /** Follow-up once a message is recorded as sent, given this sender's Web API client. */
  afterSent?: (client: WebClient, delivery: SentDelivery, landed: Sent, at: Date) => Promise<void>;
}

function classify(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === ErrorCode.PlatformError && typeof error === 'object' && error !== null && 'data' in error) {
    const data = error.data as { error?: unknown };
    const reason = typeof data.error === 'string' ? data.error : 'unknown_error';
    if (FATAL.has(reason)) return new SendError('fatal', reason);
    if (PERMANENT.has(reason)) return new SendError('permanent', reason);
    return new SendError('retryable', reason);
  }
  // Timeouts, 5xx and rate limits that outlasted the client's bounded retries.
  return new SendError('retryable', error instanceof Error ? error.message : String(error));
}

/** How long a channel's being private is trusted (a channel is rarely made public). */
const PRIVACY_TTL_MS = 5 * 60 * 1000;

/** No answer (timeout, connection lost): Slack may or may not have posted the message. */
function isUncertain(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === ErrorCode.RequestError;
}

/**
 * The scheduler's Slack: its own WebClients with bounded retries; users are DMed by posting to their ID.
 * Posting is retried by the client for 429s (after Retry-After) and 5xx answers, which Slack gives before
 * posting anything. A post left without an answer is not blindly repeated: the conversation is checked
 * for the message (tagged with its dedupe key) first.
 */
export function createWebApiSender(opts: WebApiSenderOptions): Sender<RenderedMessage> & { client: WebClient } {
  const retry = opts.retry ?? PRODUCTION_RETRY;
  const common = {
    slackApiUrl: slackApiBaseUrl(opts.apiUrl),
    logger: slackLogger(opts.logger, 'scheduler-web-api'),
    timeout: opts.timeoutMs ?? PRODUCTION_TIMEOUT_MS,
    rejectRateLimitedCalls: false,
  };
  const client = new WebClient(opts.token, { ...common, retryConfig: retry });
  // p-retry (which the client runs retryConfig through) stops when onFailedAttempt throws.
  const postRetry = {
    ...retry,
    onFailedAttempt: (error: unknown) => {
      if (isUncertain(error)) throw error;
    },
  };
  const poster = new WebClient(opts.token, { ...common, retryConfig: postRetry });

  async function conversationOf(recipient: string): Promise<string> {
    if (!/^[UW]/.test(recipient)) return recipient;
    const opened = await client.conversations.open({ users: recipient });
    return opened.channel?.id ?? recipient;
  }

  /** Looks through the conversation since the delivery was planned for a message tagged with its key. */
  async function findSent(out: Outgoing): Promise<Sent | null> {
    try {
      const channel = await conversationOf(out.recipient);
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await client.conversations.history({
          channel,
          oldest: (out.since.getTime() / 1000 - 60).toFixed(6),
          include_all_metadata: true,
          limit: 200,
          ...(cursor && { cursor }),
        });
        for (const m of res.messages ?? []) {
          const payload = m.metadata?.event_payload as { key?: unknown } | undefined;
          if (m.metadata?.event_type === EVENT_TYPE && payload?.key === out.key && m.ts)
            return { channelId: channel, ts: m.ts };
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return null;
    } catch (error) {
      // Cannot look (e.g. a missing history scope): sending again is the lesser evil than never sending.
      opts.logger.warn({ err: error, key: out.key }, 'could not check Slack for an earlier attempt; sending again');
      return null;
    }
  }

  const locales = opts.readerLanguages?.(client, opts.logger);

  /** A DM in its reader's Slack language (the board's when unknown); channel posts in the board's. */
  async function rendered(out: Outgoing): Promise<RenderedMessage> {
    const m = out.message;
    const lang = locales && /^[UW]/.test(out.recipient) ? (await locales()).get(out.recipient) : undefined;
    return opts.render(lang ? { ...m, board: { ...m.board, language: lang } } : m);
  }

  async function send(out: Outgoing, ready?: RenderedMessage): Promise<Sent> {
    const { text, blocks } = ready ?? (await rendered(out));
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await poster.chat.postMessage({
          channel: out.recipient,
          text,
          blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: EVENT_TYPE, event_payload: { key: out.key } },
        });
        if (!res.ts) throw new SendError('retryable', 'no_ts_in_answer');
        return { channelId: res.channel ?? out.recipient, ts: res.ts };
      } catch (error) {
        const spent = Date.now() - started;
        if (!isUncertain(error) || attempt >= UNCERTAIN_ATTEMPTS || spent > (retry.maxRetryTime ?? Infinity))
          throw classify(error);
        const found = await findSent(out);
        if (found) return found;
        await sleep(
          Math.min(retry.maxTimeout ?? 1_000, (retry.minTimeout ?? 1_000) * (retry.factor ?? 2) ** (attempt - 1)),
        );
      }
    }
  }

  const afterSent = opts.afterSent;
  const privacy = new Map<string, { private: boolean; until: number }>();
  return {
    client,
    render: rendered,
    send,
    findSent,
    channelIsPrivate: async (channel: string) => {
      // Asked for each job and board a run plans: one conversations.info a channel every few minutes.
      const known = privacy.get(channel);
      if (known && known.until > Date.now()) return known.private;
      try {
        const info = await client.conversations.info({ channel });
        const answer = info.channel?.is_private === true;
        privacy.set(channel, { private: answer, until: Date.now() + PRIVACY_TTL_MS });
        return answer;
      } catch (error) {
        opts.logger.warn({ err: error, channel }, 'could not tell whether a board channel is private');
        return false;
      }
    },
    ...(afterSent && {
      afterSent: async (delivery: SentDelivery, landed: Sent, at: Date) => {
        try {
          await afterSent(client, delivery, landed, at);
        } catch (error) {
          opts.logger.warn({ err: error, key: delivery.dedupeKey }, 'follow-up to a sent message failed');
        }
      },
    }),
  };
}
