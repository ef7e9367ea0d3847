import type { App, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { localDate } from '../../../domain/cycle.js';
import { notFound } from '../../../domain/errors.js';
import { effectiveDeadline } from '../../../domain/problem-state.js';
import { translator } from '../../../i18n/index.js';
import { requestCloseout } from '../../../services/closeout.js';
import { getProblemDetail } from '../../../services/problems.js';
import type { SlackContext } from '../../context.js';
import { afterSubmit, refreshHomesLater, tellUser } from '../../answer/tell-user.js';
import { recordRequestCopy } from '../../notify/request-copies.js';
import { refreshOrigin } from '../../refresh/origin.js';
import { VIEW } from '../../ids.js';
import { parseCloseout } from '../../parsers/closeout.js';
import { closeoutRequestBlocks, closeoutRequestText, type CloseoutRequestData } from '../../views/closeout-request.js';
import { readSubmission } from './submission.js';

type Detail = Awaited<ReturnType<typeof getProblemDetail>>;

/** Sends the request to each decider in their own language; returns who actually got it. */
async function notifyDeciders(
  client: WebClient,
  ctx: SlackContext,
  deciders: string[],
  problem: Detail,
  request: { id: number; requestedBy: string; createdAt: Date; evidence: string },
): Promise<string[]> {
  const today = localDate(ctx.deps.clock.now(), problem.board.timezone);
  const sent = await Promise.all(
    deciders.map(async (userId) => {
      const lang = await ctx.locale.forUser(client, userId, problem.board.language);
      const data: CloseoutRequestData = {
        requestId: request.id,
        key: problem.key,
        title: problem.title,
        board: { code: problem.board.code, name: problem.board.name, timezone: problem.board.timezone },
        ownerId: problem.ownerId,
        requestedBy: request.requestedBy,
        requestedAt: request.createdAt,
        evidence: request.evidence,
        deadline: effectiveDeadline(problem, problem.board),
        today,
        percent: problem.percent,
        measures: { done: problem.measures.filter((m) => m.status === 'done').length, total: problem.measures.length },
        lang,
      };
      const tr = translator(lang);
      try {
        const posted = await client.chat.postMessage({
          channel: userId,
          text: closeoutRequestText(tr, data),
          blocks: closeoutRequestBlocks(tr, data),
        });
        if (posted.channel && posted.ts) {
          await recordRequestCopy(
            ctx.deps.db,
            { teamId: problem.teamId, requestId: request.id, boardId: problem.boardId, userId },
            { channelId: posted.channel, ts: posted.ts },
          );
        }
        return userId;
      } catch (error) {
        ctx.logger.warn({ err: error, userId, key: problem.key }, 'could not send a closeout request to a leader');
        return null;
      }
    }),
  );
  return sent.filter((u): u is string => u !== null);
}

/** A closeout request: saved, sent to the board's leaders (admins when it has none) with Approve/Return. */
export function register(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(VIEW.closeout, async ({ ack, body, view, client }) => {
    const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
    const parsed = parseCloseout(tr, values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack({ response_action: 'clear' });
    const { evidence } = parsed.data;
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: evidence }, async () => {
      if (!meta.key) throw notFound('error.problem_not_found', { key: '?' });
      const { request, leaderIds } = await requestCloseout(ctx.deps, actor, meta.key, { evidence });
      const problem = await getProblemDetail(ctx.deps, actor.teamId, meta.key);
      const deciders = leaderIds.length > 0 ? leaderIds : [...ctx.deps.admins];
      const reached = await notifyDeciders(client, ctx, deciders, problem, request);
      const mentions = reached.map((u) => `<@${u}>`).join(', ');
      await tellUser(
        client,
        ctx.logger,
        to,
        reached.length
          ? tr('closeout.sent', { key: problem.key, leaders: mentions })
          : tr('closeout.sent_nobody', { key: problem.key }),
      );
      if (meta.origin) {
        await refreshOrigin({
          client,
          ctx,
          origin: meta.origin,
          teamId: actor.teamId,
          key: problem.key,
          lang: meta.lang,
          note: tr('closeout.origin_note', { user: actor.userId }),
          viewerId: actor.userId,
        });
      }
      refreshHomesLater(client, ctx, actor.teamId, [problem.ownerId, actor.userId, ...deciders]);
    });
  });
}
