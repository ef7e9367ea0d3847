import type { KnownBlock } from '@slack/types';
import { localDate } from '../../domain/cycle.js';
import { awayOn } from '../../domain/absence.js';
import { deriveFlags } from '../../domain/problem-state.js';
import type { Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { isAdmin } from '../../services/access.js';
import { problemHistory } from '../../services/problem-history.js';
import { getProblemDetail } from '../../services/problems.js';
import { HISTORY_PAGE } from '../blocks/problem-history.js';
import type { SlackContext } from '../context.js';
import { closeoutRequestBlocks, closeoutRequestData, closeoutRequestText } from '../blocks/closeout-request.js';
import { problemCardBlocks, problemCardText, type CardData } from '../blocks/problem-card.js';

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

export type ProblemDetail = Awaited<ReturnType<typeof getProblemDetail>>;

/** Card data for one viewer: the buttons follow what they may do (the services still decide). */
function cardData(ctx: SlackContext, detail: ProblemDetail, viewerId: string, lang: Language, note?: string): CardData {
  const now = ctx.deps.clock.now();
  const viewer = { teamId: detail.teamId, userId: viewerId };
  const today = localDate(now, detail.board.timezone);
  return {
    lang,
    today,
    ownerAwayUntil: awayOn(detail.ownerAbsence ?? undefined, today) ? detail.ownerAbsence!.endDate : null,
    problem: detail,
    board: detail.board,
    flags: deriveFlags(detail, detail.board, now),
    measures: detail.measures,
    updates: detail.updates,
    request: detail.closeoutRequests[0] ?? null,
    viewer: {
      isOwner: detail.ownerId === viewerId,
      canLead: isAdmin(ctx.deps, viewer) || detail.board.leaders.some((l) => l.userId === viewerId),
    },
    ...(note && { note }),
    effectiveness: detail.effectivenessChecks[0] ?? null,
    deadlineStory:
      detail.originalDeadline === null
        ? null
        : { original: detail.originalDeadline, extensions: detail.deadlineChanges.filter((c) => c.extended).length },
  };
}

/** A problem's card as `viewerId` should see it, optionally with a line saying what just happened. */
export async function renderCard(
  ctx: SlackContext,
  teamId: string,
  key: string,
  viewerId: string,
  lang: Language,
  note?: string,
  opts: { history?: boolean } = {},
): Promise<RenderedMessage & { detail: ProblemDetail }> {
  const detail = await getProblemDetail(ctx.deps, teamId, key);
  const data = cardData(ctx, detail, viewerId, lang, note);
  if (opts.history) data.history = await problemHistory(ctx.deps, detail, { offset: 0, limit: HISTORY_PAGE });
  return { text: problemCardText(data), blocks: problemCardBlocks(translator(lang), data), detail };
}

/** A problem's card from a detail already in hand (no read), as `renderCard` without its history. */
export function cardFrom(
  ctx: SlackContext,
  detail: ProblemDetail,
  viewerId: string,
  lang: Language,
  note?: string,
): RenderedMessage {
  const data = cardData(ctx, detail, viewerId, lang, note);
  return { text: problemCardText(data), blocks: problemCardBlocks(translator(lang), data) };
}

/**
 * The leaders' closeout-request message for the problem's latest request, re-rendered as it now stands:
 * once decided, with the decision (who, when, why) in place of the buttons.
 */
export async function renderDecision(
  ctx: SlackContext,
  teamId: string,
  key: string,
  lang: Language,
): Promise<RenderedMessage | null> {
  return decisionFrom(ctx, await getProblemDetail(ctx.deps, teamId, key, 0), lang);
}

/** The same from a detail already in hand (no read): its latest request. */
export function decisionFrom(
  ctx: SlackContext,
  detail: Pick<ProblemDetail, 'closeoutRequests'> & Parameters<typeof closeoutRequestData>[0],
  lang: Language,
): RenderedMessage | null {
  const request = detail.closeoutRequests[0];
  if (!request) return null;
  const data = closeoutRequestData(detail, request, { lang, now: ctx.deps.clock.now() });
  const tr = translator(lang);
  return { text: closeoutRequestText(tr, data), blocks: closeoutRequestBlocks(tr, data) };
}
