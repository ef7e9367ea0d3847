import type { RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { ButtonClick } from '../parsers/block-action.js';

/**
 * Replaces the "which problem?" question under a chat reply with the outcome: in place, or through the
 * response_url if the question was ephemeral.
 */
export async function replaceQuestion(
  answer: { click: ButtonClick; client: WebClient; respond: RespondFn },
  text: string,
  blocks: KnownBlock[],
): Promise<void> {
  const { click } = answer;
  if (click.container.kind === 'message' && click.container.ts) {
    await answer.client.chat.update({ channel: click.container.channel, ts: click.container.ts, text, blocks });
  } else if (click.responseUrl) {
    await answer.respond({ replace_original: true, text, blocks });
  }
}
