import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import type { Logger } from '../../logging/logger.js';
import type { SlackContext } from '../context.js';
import { failureText } from './ephemeral.js';
import { LIMITS, truncate } from '../blocks/limits.js';

/** Who to tell, and the channel they were in when they started (if any). */
export interface Audience {
  userId: string;
  channel?: string;
}

/**
 * An ephemeral message in the channel the user started from; a DM when there is none, or when the bot
 * cannot post there (commands work in channels the bot was never invited to).
 */
export async function tellUser(
  client: WebClient,
  logger: Logger,
  to: Audience,
  text: string,
  blocks?: KnownBlock[],
): Promise<void> {
  const body = { text: truncate(text, LIMITS.messageText), ...(blocks && { blocks }) };
  if (to.channel) {
    try {
      await client.chat.postEphemeral({ channel: to.channel, user: to.userId, ...body });
      return;
    } catch (error) {
      logger.info({ err: error, channel: to.channel }, 'ephemeral answer failed; sending a DM instead');
    }
  }
  await client.chat.postMessage({ channel: to.userId, ...body });
}

/** Cuts long text into pieces that each fit a section, at line breaks where possible. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const cut = rest.lastIndexOf('\n', size);
    const at = cut > size / 2 ? cut : size;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest) out.push(rest);
  return out;
}

/** The refusal, then the user's own words verbatim (plain text, nothing escaped or cut) to copy from. */
function refusalBlocks(lang: Language, refusal: string, written: string): KnownBlock[] {
  const tr = translator(lang);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(refusal, LIMITS.sectionText) } },
  ];
  if (written.trim()) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tr('modal.kept') }] });
    for (const piece of chunks(written.trim(), LIMITS.sectionText - 100)) {
      blocks.push({ type: 'section', text: { type: 'plain_text', text: piece, emoji: false } });
    }
  }
  return blocks.slice(0, LIMITS.messageBlocks);
}

interface SubmissionArgs {
  client: WebClient;
  ctx: SlackContext;
  lang: Language;
  to: Audience;
  /** What the user typed, handed back if the work fails after the modal closed, so nothing is lost. */
  written: string;
}

/**
 * The slow part of a modal submission, after the ack closed the modal: a refusal (say someone closed the
 * problem meanwhile) or a crash reaches the user with their own text, never silence.
 */
export async function afterSubmit(submission: SubmissionArgs, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const refusal = failureText(submission.lang, error, submission.ctx.logger);
    try {
      await tellUser(
        submission.client,
        submission.ctx.logger,
        submission.to,
        refusal,
        refusalBlocks(submission.lang, refusal, submission.written),
      );
    } catch (replyError) {
      submission.ctx.logger.error({ err: replyError }, 'could not tell the user their submission failed');
    }
  }
}
