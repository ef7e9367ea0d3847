import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger.js';
import { lookUpPerson } from './people.js';

/** Why Slack says a person cannot be a delegate. */
type DelegateRefusal = 'bot_delegate' | 'gone_delegate' | 'unknown_delegate';

/**
 * How long the App Home's modal waits for Slack before its ack (Slack allows 3 s for the whole answer). A
 * person Slack does not describe in time is accepted: a slow Slack should not block an absence.
 */
const DELEGATE_CHECK_MS = 1_200;

/**
 * A delegate must be a person who can act on a prompt: not a bot or app, not a deactivated account. The one
 * check of what only Slack knows, used by `/closeout away` and the App Home's modal alike; the date rules
 * and "not yourself" are the service's (services/absences.ts).
 */
export async function delegateRefusal(
  client: WebClient,
  logger: Logger,
  delegateId: string | null,
): Promise<DelegateRefusal | null> {
  if (!delegateId) return null;
  const person = await lookUpPerson(client, logger, delegateId, { timeoutMs: DELEGATE_CHECK_MS });
  if (person && !person.known) return 'unknown_delegate';
  if (person?.bot) return 'bot_delegate';
  if (person?.deleted) return 'gone_delegate';
  return null;
}
