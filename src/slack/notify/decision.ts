import type { WebClient } from '@slack/web-api';
import type { Actor, Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { decisionMessage, owedOn } from '../../jobs/outbox/notify-messages.js';
import { deliveryRow } from '../../jobs/types.js';
import type { DecidedCloseout } from '../../services/closeout.js';
import { decidedRequest } from '../../services/closeout-requests.js';
import { getProblemDetail } from '../../services/problems.js';
import type { Owed } from '../../services/deliveries.js';
import type { SlackContext } from '../context.js';
import { slackTime } from '../blocks/problem-format.js';
import { refreshHomesLater } from '../refresh/homes.js';
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

const loadRequest = (ctx: SlackContext, teamId: string, requestId: number) =>
  decidedRequest(ctx.deps, teamId, requestId);

/** The line under a re-rendered card saying who decided and when. */
function decisionNote(
  lang: Language,
  timezone: string,
  r: { state: string; decidedBy: string | null; decidedAt: Date | null },
): string {
  const tr = translator(lang);
  const params = { user: r.decidedBy ?? '', time: r.decidedAt ? slackTime(r.decidedAt, lang, timezone) : '' };
  if (r.state === 'not_rectifiable') return tr('note.not_rectifiable', params);
  return r.state === 'approved' ? tr('note.approved', params) : tr('note.returned', params);
}

/**
 * The owner's DM with the decision (keyed per request, so one however often it is clicked): handed to the
 * decision's service, which records it with the decision itself; a Slack outage or a crash delays it, never loses it.
 */
export function owedDecision(ctx: SlackContext): Owed<DecidedCloseout> {
  const now = ctx.deps.clock.now();
  return ({ request, problem }, board) => [
    deliveryRow(
      decisionMessage(owedOn(problem.teamId, board, now), problem.ownerId, {
        requestId: request.id,
        key: problem.key,
        title: problem.title,
        state: request.state,
        decidedBy: request.decidedBy,
        ...(request.decidedFor && { decidedFor: request.decidedFor }),
        reason: request.reason,
        outcome: request.outcome ?? null,
      }),
    ),
  ];
}

/** The decision as its service returned it: what announcing it needs and need not read again. */
interface Decided {
  request: { state: string; decidedBy: string | null; decidedAt: Date | null };
  problem: { key: string };
}

/**
 * After a leader decided: the owner's DM (saved with the decision) is sent, the clicked message and the
 * other leaders' copies show the decision, and the Home tabs of the owner, the leader and the board's
 * leaders are republished. The decision is saved by then, so a failure here never reads as "unexpected
 * error": the leader is told it is saved.
 */
export async function announceDecision(decision: DecisionArgs, decided: Decided): Promise<void> {
  decision.ctx.followUps.kick();
  const seen: { key?: string } = {};
  try {
    await announce(decision, decided, seen);
  } catch (error) {
    decision.ctx.logger.warn(
      { err: error, requestId: decision.requestId },
      'a decision was saved but could not be announced',
    );
    const text = translator(decision.lang)('reliability.decision_saved', { key: seen.key ?? `#${decision.requestId}` });
    const target = decision.origin.channel
      ? decision.client.chat.postEphemeral({ channel: decision.origin.channel, user: decision.actor.userId, text })
      : decision.client.chat.postMessage({ channel: decision.actor.userId, text });
    await target.catch((e: unknown) =>
      decision.ctx.logger.warn({ err: e }, 'could not tell the leader the decision is saved'),
    );
  }
}

/**
 * The decision is in hand (from its service): the problem is read once, with what the card, the decision
 * message, the other leaders' copies and the Homes need, and handed to each of them.
 */
async function announce(decision: DecisionArgs, decided: Decided, seen: { key?: string }): Promise<void> {
  const detail = await getProblemDetail(decision.ctx.deps, decision.actor.teamId, decided.problem.key);
  seen.key = detail.key;
  const { board } = detail;
  await refreshOrigin({
    client: decision.client,
    ctx: decision.ctx,
    origin: decision.origin,
    teamId: decision.actor.teamId,
    key: detail.key,
    lang: decision.lang,
    note: decisionNote(decision.lang, board.timezone, decided.request),
    viewerId: decision.actor.userId,
    detail,
  });

  await updateRequestCopies(decision.client, decision.ctx, {
    teamId: decision.actor.teamId,
    requestId: decision.requestId,
    key: detail.key,
    except: decision.origin,
    detail,
  });

  const people = [...new Set([detail.ownerId, decision.actor.userId, ...board.leaders.map((l) => l.userId)])];
  refreshHomesLater(decision.client, decision.ctx, decision.actor.teamId, people);
}

/** A late click on a decided request: its message is brought up to date with the decision already taken. */
export async function showExistingDecision(decision: DecisionArgs): Promise<void> {
  const request = await loadRequest(decision.ctx, decision.actor.teamId, decision.requestId);
  await refreshOrigin({
    client: decision.client,
    ctx: decision.ctx,
    origin: decision.origin,
    teamId: decision.actor.teamId,
    key: request.problem.key,
    lang: decision.lang,
    note: decisionNote(decision.lang, request.problem.board.timezone, request),
    viewerId: decision.actor.userId,
  });
}
