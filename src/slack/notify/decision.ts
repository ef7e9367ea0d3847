import type { WebClient } from '@slack/web-api';
import type { Actor, Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import type { SlackContext } from '../context.js';
import { decisionDmBlocks, decisionDmText, type DecisionData } from '../views/closeout-decision.js';
import { slackTime } from '../views/problem-format.js';
import { refreshHomes } from '../refresh/homes.js';
import type { MessageOrigin } from '../refresh/message-origin.js';
import { refreshOrigin } from '../refresh/origin.js';
import { updateRequestCopies } from './request-copies.js';

interface DecisionArgs {
  client: WebClient;
  ctx: SlackContext;
  actor: Actor;
  /** The deciding leader's language (the message they clicked is re-rendered in it). */
  lang: Language;
  origin: MessageOrigin;
  requestId: number;
}

async function loadRequest(ctx: SlackContext, teamId: string, requestId: number) {
  return ctx.deps.db.closeoutRequest.findFirstOrThrow({
    where: { id: requestId, teamId },
    include: { problem: { include: { board: { include: { leaders: true } } } } },
  });
}

/** The line under a re-rendered card saying who decided and when. */
function decisionNote(
  lang: Language,
  timezone: string,
  r: { state: string; decidedBy: string | null; decidedAt: Date | null },
): string {
  const tr = translator(lang);
  const params = { user: r.decidedBy ?? '', time: r.decidedAt ? slackTime(r.decidedAt, lang, timezone) : '' };
  return r.state === 'approved' ? tr('note.approved', params) : tr('note.returned', params);
}

/**
 * After a leader decided: the clicked message shows the decision, the owner gets a DM in their language,
 * and the Home tabs of the owner, the leader and the board's leaders are republished. The decision is saved
 * by then, so a failure here never reads as "unexpected error": the leader is told it is saved.
 */
export async function announceDecision(a: DecisionArgs): Promise<void> {
  const seen: { key?: string } = {};
  try {
    await announce(a, seen);
  } catch (error) {
    a.ctx.logger.warn({ err: error, requestId: a.requestId }, 'a decision was saved but could not be announced');
    const text = translator(a.lang)('reliability.decision_saved', { key: seen.key ?? `#${a.requestId}` });
    const target = a.origin.channel
      ? a.client.chat.postEphemeral({ channel: a.origin.channel, user: a.actor.userId, text })
      : a.client.chat.postMessage({ channel: a.actor.userId, text });
    await target.catch((e: unknown) =>
      a.ctx.logger.warn({ err: e }, 'could not tell the leader the decision is saved'),
    );
  }
}

async function announce(a: DecisionArgs, seen: { key?: string }): Promise<void> {
  const request = await loadRequest(a.ctx, a.actor.teamId, a.requestId);
  const { problem } = request;
  seen.key = problem.key;
  const { board } = problem;
  await refreshOrigin({
    client: a.client,
    ctx: a.ctx,
    origin: a.origin,
    teamId: a.actor.teamId,
    key: problem.key,
    lang: a.lang,
    note: decisionNote(a.lang, board.timezone, request),
    viewerId: a.actor.userId,
  });

  await updateRequestCopies(a.client, a.ctx, {
    teamId: a.actor.teamId,
    requestId: a.requestId,
    key: problem.key,
    except: a.origin,
  });

  const ownerLang = await a.ctx.locale.forUser(a.client, problem.ownerId, board.language);
  const tr = translator(ownerLang);
  const data: DecisionData = {
    lang: ownerLang,
    timezone: board.timezone,
    key: problem.key,
    title: problem.title,
    request,
  };
  try {
    await a.client.chat.postMessage({
      channel: problem.ownerId,
      text: decisionDmText(tr, data),
      blocks: decisionDmBlocks(tr, data),
    });
  } catch (error) {
    a.ctx.logger.warn({ err: error, key: problem.key }, 'could not tell the owner about the closeout decision');
  }

  const people = [...new Set([problem.ownerId, a.actor.userId, ...board.leaders.map((l) => l.userId)])];
  void refreshHomes(a.client, a.ctx, a.actor.teamId, people).catch((error: unknown) =>
    a.ctx.logger.warn({ err: error }, 'refreshHomes failed'),
  );
}

/** A late click on a decided request: its message is brought up to date with the decision already taken. */
export async function showExistingDecision(a: DecisionArgs): Promise<void> {
  const request = await loadRequest(a.ctx, a.actor.teamId, a.requestId);
  await refreshOrigin({
    client: a.client,
    ctx: a.ctx,
    origin: a.origin,
    teamId: a.actor.teamId,
    key: request.problem.key,
    lang: a.lang,
    note: decisionNote(a.lang, request.problem.board.timezone, request),
    viewerId: a.actor.userId,
  });
}
