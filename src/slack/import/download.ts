import type { WebClient } from '@slack/web-api';
import { invalid } from '../../domain/errors.js';

/** Longest the download of a list file may take. */
const DOWNLOAD_TIMEOUT_MS = 30_000;
/**
 * Biggest list file read in the bot: checking it runs in the bot's process, so a list far beyond a
 * department's (31 problems, 81 measures is ~20 KB) goes through the operator's `closeout import`.
 */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

interface DownloadedFile {
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
  if (!isSlackFileUrl(url, client.slackApiUrl))
    throw new Error(`refusing to send the bot token to ${new URL(url).host}`);
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

/** Slack's own domains: commercial Slack (files.slack.com) and GovSlack (files.slack-gov.com). */
const SLACK_DOMAINS = ['slack.com', 'slack-gov.com'];

/**
 * Whether the bot token may be sent to this file URL: https on Slack's domains (the file host of commercial
 * Slack or of GovSlack) without credentials in it, or the configured SLACK_API_URL's own host.
 */
export function isSlackFileUrl(url: string, apiUrl: string): boolean {
  try {
    const target = new URL(url);
    if (target.host === new URL(apiUrl).host) return true;
    if (target.protocol !== 'https:' || target.username || target.password) return false;
    return SLACK_DOMAINS.some((d) => target.hostname === d || target.hostname.endsWith(`.${d}`));
  } catch {
    return false;
  }
}
