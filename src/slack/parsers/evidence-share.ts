import { z } from 'zod';
import { PROBLEM_KEY_PATTERN } from '../../domain/keys.js';
import { EVIDENCE_MAX_FILES } from '../../domain/evidence.js';
import { tokenize } from './command-text.js';
import { parseSharedListFile } from './import-file.js';
import { cutToSlackLimit, SLACK_INPUT_MAX } from './slack-input.js';

const sharedFile = z.object({ id: z.string().regex(/^F[A-Z0-9]{1,30}$/), name: z.string().max(1000).optional() });
const fileShare = z.object({
  type: z.literal('message'),
  subtype: z.literal('file_share'),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().min(1),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  files: z.array(sharedFile).min(1).max(100),
});

/** Files shared with a problem key in the message (`RECT-12 proof`): evidence for its closeout request. */
export interface EvidenceShare {
  channel: string;
  userId: string;
  ts: string;
  threadTs?: string;
  key: string;
  files: { id: string; name: string }[];
}

const KEY_WORD_MAX = 40;

/** Punctuation people put around a key (`(RECT-12)`, `RECT-12:`, `RECT-12，`). */
const EDGE_CHARS = new Set([...'"\'()（）[]【】<>«»“”‘’,，.。:：;；!！?？']);

/** A word without the punctuation around it, one pass from each end. */
function trimEdges(word: string): string {
  let from = 0;
  let to = word.length;
  while (from < to && EDGE_CHARS.has(word[from]!)) from++;
  while (to > from && EDGE_CHARS.has(word[to - 1]!)) to--;
  return word.slice(from, to);
}

/**
 * Files shared in the bot's DM, or in a thread, whose message names a problem key; null for anything else
 * (and for list files, which are imports). The first key wins; the text is cut to Slack's limit and read
 * word by word, in linear time.
 */
export function parseEvidenceShare(event: unknown): EvidenceShare | null {
  const r = fileShare.safeParse(event);
  if (!r.success || r.data.bot_id || parseSharedListFile(event)) return null;
  const m = r.data;
  const direct = m.channel_type ? m.channel_type === 'im' : m.channel.startsWith('D');
  const threadTs = m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined;
  if (!direct && !threadTs) return null;
  const words = tokenize(cutToSlackLimit(m.text ?? '', SLACK_INPUT_MAX.messageText));
  // A key with its punctuation is short: longer words are skipped before any pattern reads them.
  const key = words
    .filter((w) => w.length <= KEY_WORD_MAX)
    .map((w) => trimEdges(w).toUpperCase())
    .find((w) => PROBLEM_KEY_PATTERN.test(w));
  if (!key) return null;
  return {
    channel: m.channel,
    userId: m.user,
    ts: m.ts,
    ...(threadTs && { threadTs }),
    key,
    files: m.files.slice(0, EVIDENCE_MAX_FILES).map((f) => ({ id: f.id, name: (f.name ?? f.id).slice(0, 255) })),
  };
}
