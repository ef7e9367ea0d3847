import type { App } from '@slack/bolt';
import { notFound } from '../../../domain/errors.js';
import { reportNoChange } from '../../../services/progress.js';
import { requireVisibleProblem } from '../../../services/visibility.js';
import { viewerOf } from '../../channel-members.js';
import type { SlackContext } from '../../context.js';
import { renderCard } from '../../refresh/card.js';
import { refreshHomes } from '../../refresh/homes.js';
import { openCloseoutModal, openReportModal } from '../../modals/owner-modals.js';
import { refreshOrigin } from '../../refresh/origin.js';
import { ACTION } from '../../ids.js';
import { keyValue, originOf } from '../../parsers/block-action.js';
import { slackTime } from '../../views/problem-format.js';
import { onClick } from './click.js';

function keyOf(value: string): string {
  const key = keyValue(value);
  if (!key) throw notFound('error.problem_not_found', { key: value });
  return key;
}

/** The owner's buttons on cards, prompts and the App Home, and *View* on list lines. */
export function register(app: App, ctx: SlackContext): void {
  app.action(
    ACTION.reportProgress,
    onClick(ctx, async ({ click, actor, lang, client }) => {
      await openReportModal({
        client,
        triggerId: click.triggerId,
        ctx,
        actor,
        lang,
        key: keyOf(click.value),
        origin: originOf(click, 'prompt'),
      });
    }),
  );

  app.action(
    ACTION.requestCloseout,
    onClick(ctx, async ({ click, actor, lang, client }) => {
      await openCloseoutModal({
        client,
        triggerId: click.triggerId,
        ctx,
        actor,
        lang,
        key: keyOf(click.value),
        origin: originOf(click, 'prompt'),
      });
    }),
  );

  app.action(
    ACTION.noChange,
    onClick(ctx, async ({ click, actor, lang, tr, client }) => {
      const { update, problem } = await reportNoChange(ctx.deps, actor, keyOf(click.value));
      const board = await ctx.deps.db.board.findUniqueOrThrow({
        where: { id: problem.boardId },
        include: { leaders: true },
      });
      await refreshOrigin({
        client,
        ctx,
        origin: originOf(click, 'prompt'),
        teamId: actor.teamId,
        key: problem.key,
        lang,
        note: tr('note.no_change', { user: actor.userId, time: slackTime(update.createdAt, lang, board.timezone) }),
        viewerId: actor.userId,
      });
      const people = [...new Set([problem.ownerId, actor.userId, ...board.leaders.map((l) => l.userId)])];
      void refreshHomes(client, ctx, actor.teamId, people).catch((error: unknown) =>
        ctx.logger.warn({ err: error }, 'refreshHomes failed'),
      );
    }),
  );

  app.action(
    ACTION.showProblem,
    onClick(ctx, async ({ click, actor, lang, client, respond }) => {
      await requireVisibleProblem(ctx.deps, viewerOf(actor, ctx.members), keyOf(click.value));
      const { text, blocks } = await renderCard(ctx, actor.teamId, keyOf(click.value), actor.userId, lang);
      if (click.responseUrl) await respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
      else await client.chat.postMessage({ channel: actor.userId, text, blocks });
    }),
  );
}
