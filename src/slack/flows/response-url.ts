import type { KnownBlock } from '@slack/types';

export interface ResponseUrlMessage {
  text: string;
  blocks?: KnownBlock[];
  replace_original?: boolean;
  response_type?: 'ephemeral' | 'in_channel';
}

/**
 * Posts to a response_url Slack gave us (in a signed payload, or back through a modal's private_metadata):
 * the only way to replace an ephemeral message, which has no ts for chat.update.
 */
export async function postToResponseUrl(url: string, message: ResponseUrlMessage): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}
