import { fileShareEvent } from './file-share.js';
import { firstKeyIn } from '../../domain/keys.js';
import { EVIDENCE_MAX_FILES } from '../../domain/evidence.js';
import { parseSharedListFile } from './import-file.js';
import { cutToSlackLimit, SLACK_INPUT_MAX } from './slack-input.js';

/** Files shared with a problem key in the message (`RECT-12 proof`): evidence for its closeout request. */
export interface EvidenceShare {
  channel: string;
  userId: string;
  ts: string;
  threadTs?: string;
  key: string;
  files: { id: string; name: string }[];
}

/**
 * Files shared in the bot's DM, or in a thread, whose message names a problem key; null for anything else
 * (and for list files, which are imports). The first key wins; the text is cut to Slack's limit and
 * scanned once with the key pattern of domain/keys.ts.
 */
export function parseEvidenceShare(event: unknown): EvidenceShare | null {
  const r = fileShareEvent.safeParse(event);
  if (!r.success || r.data.bot_id || parseSharedListFile(event)) return null;
  const m = r.data;
  const direct = m.channel_type ? m.channel_type === 'im' : m.channel.startsWith('D');
  const threadTs = m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined;
  if (!direct && !threadTs) return null;
  const key = firstKeyIn(cutToSlackLimit(m.text ?? '', SLACK_INPUT_MAX.messageText));
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
