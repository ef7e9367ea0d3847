import { z } from 'zod';
import { PROBLEM_KEY_PATTERN } from '../../domain/keys.js';
import { cutToSlackLimit, SLACK_INPUT_MAX } from './slack-input.js';

/** Payloads of the chat-reply feature: user messages from the Events API and its button values. */

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const problemKey = z.string().trim().toUpperCase().regex(PROBLEM_KEY_PATTERN);

/**
 * A message a person typed. Edits, deletions, joins and other subtypes fail to parse and are ignored;
 * a message with files, or a thread reply also sent to the channel, still counts.
 */
const userMessage = z.object({
  type: z.literal('message'),
  subtype: z.enum(['file_share', 'thread_broadcast']).optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().min(1),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
});

export interface UserMessage {
  channel: string;
  userId: string;
  text: string;
  ts: string;
  threadTs?: string;
  /** The user's DM with the bot, rather than a channel. */
  direct: boolean;
}

/** The message a person typed, or null for anything else (bots, edits, deletions, group DMs, empty text). */
export function parseUserMessage(event: unknown): UserMessage | null {
  const r = userMessage.safeParse(event);
  if (!r.success || r.data.bot_id) return null;
  const m = r.data;
  // Cut to what Slack sends at most before anything parses it (reply-parser reads every character).
  const text = cutToSlackLimit(m.text ?? '', SLACK_INPUT_MAX.messageText).trim();
  if (!text || m.channel_type === 'mpim') return null; // group DMs are conversations between people
  const direct = m.channel_type ? m.channel_type === 'im' : m.channel.startsWith('D');
  // A thread's parent carries thread_ts equal to its own ts: it is not a reply.
  const threadTs = m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined;
  return { channel: m.channel, userId: m.user, text, ts: m.ts, direct, ...(threadTs && { threadTs }) };
}

/** `replyId:KEY` on a candidate button. */
export function pickValue(value: string): { replyId: number; key: string } | null {
  const [rawId, rawKey, ...rest] = value.split(':');
  if (rest.length) return null;
  const replyId = id.safeParse(rawId);
  const key = problemKey.safeParse(rawKey ?? '');
  return replyId.success && key.success ? { replyId: replyId.data, key: key.data } : null;
}

/** A reply id or an update id carried on a button. */
export function idValue(value: string): number | null {
  const r = id.safeParse(value);
  return r.success ? r.data : null;
}
