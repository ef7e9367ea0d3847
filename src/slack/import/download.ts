import type { WebClient } from '@slack/web-api';
import { invalid } from '../../domain/errors.js';

/** Longest the download of a list file may take. */
const DOWNLOAD_TIMEOUT_MS = 30_000;
/**
 * Biggest list file read in the bot: checking it runs in the bot's process, so a list far beyond a
 * department's (31 problems, 81 measures is ~20 KB) goes through the operator's `closeout import`.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

/**
 * A file shared with the bot: files.info for its private URL (scope files:read), then the bytes with the
 * bot token. The token goes only to Slack's own file host (or the configured Slack API host, in tests).
 */
export async function downloadSharedFile(client: WebClient, fileId: string): Promise<DownloadedFile> {
  const info = await client.files.info({ file: fileId });
  const file = info.file;
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) throw new Error(`files.info gave no URL for ${fileId}`);
  const name = file.name ?? fileId;
  if ((file.size ?? 0) > MAX_FILE_BYTES) throw invalid('import.too_big', { name, mb: MAX_FILE_BYTES / 1024 / 1024 });
  if (!trustedHost(url, client.slackApiUrl)) throw new Error(`refusing to send the bot token to ${new URL(url).host}`);
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    redirect: 'error',
  });
  if (!res.ok) throw new Error(`download of ${fileId} failed: HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES) throw invalid('import.too_big', { name, mb: MAX_FILE_BYTES / 1024 / 1024 });
  return { name, bytes };
}

function trustedHost(url: string, apiUrl: string): boolean {
  try {
    const target = new URL(url);
    if (target.host === new URL(apiUrl).host) return true;
    return target.protocol === 'https:' && (target.hostname === 'slack.com' || target.hostname.endsWith('.slack.com'));
  } catch {
    return false;
  }
}
