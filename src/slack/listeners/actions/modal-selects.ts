import type { App } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Actor } from '../../../domain/types.js';
import { translator } from '../../../i18n/index.js';
import { boardsLedBy, categories } from '../../../services/boards.js';
import type { SlackContext } from '../../context.js';
import { tellUser } from '../../answer/tell-user.js';
import { reportView } from '../../modals/owner-modals.js';
import { ACTION } from '../../ids.js';
import { decodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { failureText } from '../../answer/ephemeral.js';
import { newProblemModal } from '../../views/modals/new-problem.js';

/** A select inside one of our modals: who chose what, and which view to update. */
const modalSelect = z.object({
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({
    id: z.string(),
    hash: z.string().optional(),
    private_metadata: z.string().optional(),
    team_id: z.string().optional(),
  }),
  actions: z.array(z.object({ selected_option: z.object({ value: z.string() }).nullish() })).min(1),
});

interface Selection {
  actor: Actor;
  value: string;
  meta: ModalMetadata;
}

/**
 * Acks, parses, then replaces the modal with the view `build` makes for the selection. The hash makes Slack
 * refuse an update of a modal that changed meanwhile (the user picked again): the later pick wins.
 */
function onSelect(ctx: SlackContext, build: (s: Selection) => Promise<ModalView>) {
  return async ({
    ack,
    body,
    client,
  }: {
    ack: () => Promise<void>;
    body: unknown;
    client: WebClient;
  }): Promise<void> => {
    await ack();
    const parsed = modalSelect.safeParse(body);
    const value = parsed.success ? parsed.data.actions[0]?.selected_option?.value : undefined;
    if (!parsed.success || !value) {
      ctx.logger.warn('ignored a modal selection that could not be parsed');
      return;
    }
    const p = parsed.data;
    const meta = decodeMetadata(p.view.private_metadata, await ctx.locale.forUser(client, p.user.id));
    const actor = { teamId: p.team?.id ?? p.user.team_id ?? p.view.team_id ?? '', userId: p.user.id };
    try {
      const view = await build({ actor, value, meta });
      await client.views.update({ view_id: p.view.id, ...(p.view.hash && { hash: p.view.hash }), view });
    } catch (error) {
      const to = { userId: actor.userId, ...(meta.channel && { channel: meta.channel }) };
      await tellUser(client, ctx.logger, to, failureText(meta.lang, error, ctx.logger)).catch((e: unknown) =>
        ctx.logger.error({ err: e }, 'could not tell the user about a failed selection'),
      );
    }
  };
}

export function register(app: App, ctx: SlackContext): void {
  // The report picker: picking a problem turns the picker into that problem's progress modal.
  app.action(
    ACTION.pickProblem,
    onSelect(ctx, ({ actor, value, meta }) =>
      reportView({ ctx, actor, lang: meta.lang, key: value, ...(meta.channel && { channel: meta.channel }) }),
    ),
  );

  // The `new` modal: choosing a board offers that board's categories (other answers are kept by Slack).
  app.action(
    ACTION.newProblemBoard,
    onSelect(ctx, async ({ actor, value, meta }) => {
      const boards = await boardsLedBy(ctx.deps, actor);
      return newProblemModal(translator(meta.lang), {
        boards: boards.map((b) => ({ code: b.code, name: b.name, categories: categories(b) })),
        selected: value,
        metadata: meta,
      });
    }),
  );
}
