import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';

/** Longest a POST of the file bytes to Slack's upload URL may take. */
const UPLOAD_TIMEOUT_MS = 30_000;

interface FileUpload {
  /** The conversation to share the file in (a channel, or a DM channel from conversations.open). */
  channelId: string;
  /** Shares it as a reply in this thread. */
  threadTs?: string;
  filename: string;
  title: string;
  bytes: Buffer;
  /** A message posted with the file. */
  initialComment?: string;
}

/**
 * Uploads a file the way Slack asks since files.upload was retired: files.getUploadURLExternal for an
 * upload URL, the bytes POSTed there, then files.completeUploadExternal to share it in the conversation.
 * Returns the file's ID; throws if any step fails.
 */
export async function uploadFile(client: WebClient, upload: FileUpload): Promise<string> {
  const ticket = await client.files.getUploadURLExternal({ filename: upload.filename, length: upload.bytes.length });
  if (!ticket.upload_url || !ticket.file_id)
    throw new Error('files.getUploadURLExternal gave no upload_url or file_id');
  const res = await fetch(ticket.upload_url, {
    method: 'POST',
    body: new Uint8Array(upload.bytes),
    headers: { 'content-type': 'application/octet-stream' },
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`upload of ${upload.filename} failed: HTTP ${res.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: ticket.file_id, title: upload.title }],
    channel_id: upload.channelId,
    ...(upload.threadTs && { thread_ts: upload.threadTs }),
    ...(upload.initialComment && { initial_comment: upload.initialComment }),
  });
  return ticket.file_id;
}

/**
 * DM channels already opened, per Web API client (one per workspace token): a user's DM with the bot keeps its
 * ID, so a leader asking for summaries all day costs one conversations.open, not one per summary.
 */
const openedDms = new WeakMap<WebClient, LRUCache<string, string>>();

/** The DM channel between the bot and a user (conversations.open, once per user), where files for them go. */
export async function dmChannel(client: WebClient, userId: string): Promise<string> {
  let opened = openedDms.get(client);
  if (!opened) openedDms.set(client, (opened = new LRUCache<string, string>({ max: 10_000 })));
  const known = opened.get(userId);
  if (known) return known;
  const id = (await client.conversations.open({ users: userId })).channel?.id;
  if (!id) throw new Error(`conversations.open gave no channel for ${userId}`);
  opened.set(userId, id);
  return id;
}
