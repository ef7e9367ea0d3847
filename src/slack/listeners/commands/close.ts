import { openCloseoutModal } from '../../open-modal/owner.js';
import type { SubcommandHandler } from './support/types.js';

/** `/closeout close KEY`: the closeout request modal (evidence note) for the problem's owner or a leader. */
export const close: SubcommandHandler = async ({ args, command, client, respond, ctx, actor, lang, tr }) => {
  const key = args[0];
  if (!key) {
    await respond({ response_type: 'ephemeral', text: tr('close.usage') });
    return;
  }
  await openCloseoutModal({
    client,
    triggerId: command.trigger_id,
    ctx,
    actor,
    lang,
    key,
    channel: command.channel_id,
  });
};
