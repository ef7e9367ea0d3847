import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Actor } from '../../../../domain/types.js';
import { failureText } from '../../../answer/ephemeral.js';
import { tellUser } from '../../../answer/tell-user.js';
import type { SlackContext } from '../../../context.js';
import { decodeMetadata, type ModalMetadata } from '../../../parsers/modal-metadata.js';

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

export interface Selection {
  ctx: SlackContext;
  actor: Actor;
  value: string;
  meta: ModalMetadata;
}

interface SelectArgs {
  ack: () => Promise<void>;
  body: unknown;
  client: WebClient;
}

/**
 * The common shape of a select that changes its modal: acks, parses, then replaces the modal with the view
 * `build` makes for the selection. The hash makes Slack refuse an update of a modal that changed meanwhile
 * (the user picked again): the later pick wins.
 */
export function onSelect(ctx: SlackContext, build: (selection: Selection) => Promise<ModalView>) {
  return async ({ ack, body, client }: SelectArgs): Promise<void> => {
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
      const view = await build({ ctx, actor, value, meta });
      await client.views.update({ view_id: p.view.id, ...(p.view.hash && { hash: p.view.hash }), view });
    } catch (error) {
      const to = { userId: actor.userId, ...(meta.channel && { channel: meta.channel }) };
      await tellUser(client, ctx.logger, to, failureText(meta.lang, error, ctx.logger)).catch((e: unknown) =>
        ctx.logger.error({ err: e }, 'could not tell the user about a failed selection'),
      );
    }
  };
}
