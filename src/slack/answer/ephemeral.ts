import type { RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../domain/errors.js';
import type { Language } from '../../domain/types.js';
import { t } from '../../i18n/index.js';
import type { Logger } from '../../logging/logger.js';
import { mrkdwnText } from '../blocks/limits.js';

/**
 * Refusal parameters can echo what the user typed (a code, a key): shown, never read as mentions or links, and
 * cut to SHOWN_MAX characters (`/closeout new` and 40,000 characters of board code was echoed whole: an answer
 * over Slack's 40,000 that never arrived). A code, a key or a title fits.
 */
const SHOWN_MAX = 200;
const shown = (params: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? mrkdwnText(v, SHOWN_MAX) : v]));

/** The text a user sees for a failure: the refusal's reason, or a calm "try again" for our own bugs. */
export function failureText(lang: Language, error: unknown, logger: Logger): string {
  if (error instanceof DomainError)
    return t(lang, 'common.refused', { reason: t(lang, error.key, shown(error.params)) });
  logger.error({ err: error }, 'unexpected error in a Slack handler');
  return t(lang, 'common.unexpected');
}

/**
 * Where a private answer can go: a response_url (commands, message actions), an ephemeral message to a
 * user in a channel, or — from the App Home, which has neither — a DM from the app.
 */
export type EphemeralTarget =
  | { kind: 'respond'; respond: RespondFn }
  | { kind: 'post'; client: WebClient; channel: string; user: string }
  | { kind: 'dm'; client: WebClient; user: string };

export async function replyEphemeral(target: EphemeralTarget, text: string, blocks?: KnownBlock[]): Promise<void> {
  if (target.kind === 'respond') {
    await target.respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks && { blocks }) });
  } else if (target.kind === 'post') {
    await target.client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      text,
      ...(blocks && { blocks }),
    });
  } else {
    await target.client.chat.postMessage({ channel: target.user, text, ...(blocks && { blocks }) });
  }
}

/**
 * Runs the slow part of a handler after the ack; any refusal or crash becomes a friendly ephemeral answer
 * instead of a silent failure.
 */
export async function answerFailures(
  lang: Language,
  target: EphemeralTarget,
  logger: Logger,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    try {
      await replyEphemeral(target, failureText(lang, error, logger));
    } catch (replyError) {
      logger.error({ err: replyError }, 'could not tell the user about a failure');
    }
  }
}
