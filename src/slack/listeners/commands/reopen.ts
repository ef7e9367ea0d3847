import { reopenAndTell } from '../../modals/upkeep-changes.js';
import { openUpkeepModal } from '../../modals/upkeep-open.js';
import type { SubcommandHandler } from './types.js';
import { keyOrPicker, openArgs } from './upkeep-command.js';

/** `/closeout reopen KEY [reason]`: with a reason, at once (the owner is told); without, the reason modal. */
export const reopen: SubcommandHandler = async (a) => {
  const key = await keyOrPicker('reopen', a);
  if (!key) return;
  const reason = a.args.slice(1).join(' ').trim();
  if (!reason) {
    await openUpkeepModal('reopen', key, openArgs(a));
    return;
  }
  const text = await reopenAndTell({ ctx: a.ctx, client: a.client, actor: a.actor, lang: a.lang, key }, reason);
  await a.respond({ response_type: 'ephemeral', text });
};
