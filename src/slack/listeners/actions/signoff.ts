import type { App } from '@slack/bolt';
import { DomainError, conflict, notFound } from '../../../domain/errors.js';
import { requireLeader } from '../../../services/access.js';
import { approveCloseout } from '../../../services/closeout.js';
import type { SlackContext } from '../../context.js';
import { announceDecision, showExistingDecision } from '../../notify/decision.js';
import { ACTION } from '../../ids.js';
import { originOf, requestIdValue } from '../../parsers/block-action.js';
import { encodeReturnMetadata } from '../../parsers/return-reason.js';
import { returnReasonModal } from '../../views/closeout-decision.js';
import { onClick } from './click.js';

function requestIdOf(value: string): number {
  const id = requestIdValue(value);
  if (id === null) throw notFound('error.closeout_not_found', { id: value });
  return id;
}

const isAlreadyDecided = (e: unknown): boolean => e instanceof DomainError && e.key === 'error.already_decided';

/**
 * Approve and Return, on a leader's closeout-request DM or on a card. The first decision wins: a later
 * click is told who decided, and the message it clicked is brought up to date.
 */
export function register(app: App, ctx: SlackContext): void {
  app.action(
    ACTION.approve,
    onClick(ctx, async ({ click, actor, lang, client }) => {
      const requestId = requestIdOf(click.value);
      const args = { client, ctx, actor, lang, origin: originOf(click, 'request'), requestId };
      try {
        await approveCloseout(ctx.deps, actor, requestId);
      } catch (error) {
        if (isAlreadyDecided(error))
          await showExistingDecision(args).catch((e: unknown) =>
            ctx.logger.warn({ err: e }, 'could not show the decision'),
          );
        throw error;
      }
      await announceDecision(args);
    }),
  );

  app.action(
    ACTION.returnRequest,
    onClick(ctx, async ({ click, actor, lang, tr, client }) => {
      const requestId = requestIdOf(click.value);
      const origin = originOf(click, 'request');
      // Refuse before the leader types a reason that could not be used (the service checks again on submit).
      const request = await ctx.deps.db.closeoutRequest.findFirst({
        where: { id: requestId, teamId: actor.teamId },
        include: { problem: { include: { board: true } } },
      });
      if (!request) throw notFound('error.closeout_not_found', { id: requestId });
      await requireLeader(ctx.deps, ctx.deps.db, actor, request.problem.board);
      if (request.state !== 'pending') {
        await showExistingDecision({ client, ctx, actor, lang, origin, requestId });
        throw conflict('error.already_decided', { state: request.state, user: request.decidedBy ?? '?' });
      }
      const metadata = encodeReturnMetadata({ requestId, lang, origin });
      await client.views.open({
        trigger_id: click.triggerId,
        view: returnReasonModal(tr, {
          key: request.problem.key,
          title: request.problem.title,
          ownerId: request.problem.ownerId,
          metadata,
        }),
      });
    }),
  );
}
