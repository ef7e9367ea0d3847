import type { WebClient } from '@slack/web-api';
import type { Actor, Language } from '../../domain/types.js';
import { problemOwnerId } from '../../services/problems.js';
import type { SlackContext } from '../context.js';
import {
  cardFrom,
  decisionFrom,
  renderCard,
  renderDecision,
  type ProblemDetail,
  type RenderedMessage,
} from './card.js';
import type { MessageOrigin } from './message-origin.js';
import { refreshScheduledMessage } from './scheduled-message.js';
import { postToResponseUrl } from '../answer/response-url.js';

interface RefreshArgs {
  client: WebClient;
  ctx: SlackContext;
  origin: MessageOrigin | undefined;
  teamId: string;
  key: string;
  lang: Language;
  /** One line saying who did what, e.g. "<@U1> reported 60% · at risk". */
  note: string;
  /**
   * Whose buttons the re-rendered card offers: the person who acted (they are looking at it). Without it,
   * the problem's owner's, as cards outside ephemeral answers are the owner's prompts.
   */
  viewerId?: string;
  /** Only a scheduler message listing problems is refreshed (a chat reply's thread parent may be any bot DM). */
  scheduledOnly?: boolean;
  /** The problem as the caller has just read it: rendered from, not read again. */
  detail?: ProblemDetail;
}

/**
 * Updates the message a button was on, in place, to show what was done: a cycle prompt or nudge is
 * re-rendered with `note` under the problem; a card (or another message) becomes the problem's fresh card
 * with `note` under it; a closeout request shows its decision. A message with a
 * ts is updated with chat.update; an ephemeral one through its response_url; otherwise nothing can be
 * updated (App Home republishes itself). Failures are logged: the change itself is already saved.
 */
export async function refreshOrigin(refresh: RefreshArgs): Promise<void> {
  const a = refresh;
  const { origin } = a;
  if (!origin || origin.kind === 'home') return;
  if (!(origin.channel && origin.ts) && !origin.responseUrl) return;
  try {
    const message = await render(a, origin);
    if (!message) return;
    if (origin.channel && origin.ts) {
      await a.client.chat.update({
        channel: origin.channel,
        ts: origin.ts,
        text: message.text,
        blocks: message.blocks,
      });
    } else if (origin.responseUrl) {
      await postToResponseUrl(
        origin.responseUrl,
        { replace_original: true, text: message.text, blocks: message.blocks },
        { apiUrl: a.ctx.env.SLACK_API_URL },
      );
    }
  } catch (error) {
    a.ctx.logger.warn(
      { err: error, key: a.key, origin: { kind: origin.kind, channel: origin.channel, ts: origin.ts } },
      'could not update the original message',
    );
  }
}

async function render(a: RefreshArgs, origin: MessageOrigin): Promise<RenderedMessage | null> {
  if (origin.kind === 'request')
    return a.detail ? decisionFrom(a.ctx, a.detail, a.lang) : renderDecision(a.ctx, a.teamId, a.key, a.lang);
  // A scheduler message listing several problems keeps them all; anything else becomes this problem's card.
  if (origin.kind === 'prompt' && origin.channel && origin.ts) {
    const scheduled = await refreshScheduledMessage(
      a.ctx,
      { channel: origin.channel, ts: origin.ts },
      a.key,
      a.note,
      a.lang,
    );
    if (scheduled === 'keep') return null;
    if (scheduled) return scheduled;
  }
  if (a.scheduledOnly) return null;
  const viewer = a.viewerId ?? a.detail?.ownerId ?? (await problemOwnerId(a.ctx.deps, a.teamId, a.key));
  if (a.detail) return cardFrom(a.ctx, a.detail, viewer, a.lang, a.note);
  return renderCard(a.ctx, a.teamId, a.key, viewer, a.lang, a.note);
}

/**
 * After a modal submission: the message its button was on (the modal's origin, if any) shows what the
 * submitter did, with their own buttons.
 */
export async function refreshSubmittedFrom(
  submitted: { client: WebClient; ctx: SlackContext; actor: Actor; origin: MessageOrigin | undefined; lang: Language },
  key: string,
  note: string,
): Promise<void> {
  const { client, ctx, actor, origin, lang } = submitted;
  await refreshOrigin({ client, ctx, origin, teamId: actor.teamId, key, lang, note, viewerId: actor.userId });
}
