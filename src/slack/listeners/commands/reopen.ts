import { reopenAndTell } from '../../modals/upkeep-changes.js';
import { openUpkeepModal } from '../../modals/upkeep-open.js';
import type { SubcommandHandler } from './types.js';
import { keyOrPicker, openArgs } from './upkeep-command.js';

/** `/closeout reopen KEY [reason]`: with a reason, at once (the owner is told); without, the reason modal. */
export const reopen: SubcommandHandler = async (call) => {
  const key = await keyOrPicker('reopen', call);
  if (!key) return;
  const reason = call.args.slice(1).join(' ').trim();
  if (!reason) {
    await openUpkeepModal('reopen', key, openArgs(call));
    return;
  }
  const text = await reopenAndTell(
    { ctx: call.ctx, client: call.client, actor: call.actor, lang: call.lang, key },
    reason,
  );
  await call.respond({ response_type: 'ephemeral', text });
};
