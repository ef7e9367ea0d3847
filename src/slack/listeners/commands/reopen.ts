import { reopenAndTell } from '../../notify/changes.js';
import { openChangeModal } from '../../open-modal/changes.js';
import type { SubcommandHandler } from './support/types.js';
import { keyOrPicker, openArgs } from './support/change-command.js';

/** `/closeout reopen KEY [reason]`: with a reason, at once (the owner is told); without, the reason modal. */
export const reopen: SubcommandHandler = async (call) => {
  const key = await keyOrPicker('reopen', call);
  if (!key) return;
  const reason = call.args.slice(1).join(' ').trim();
  if (!reason) {
    await openChangeModal('reopen', key, openArgs(call));
    return;
  }
  const text = await reopenAndTell(
    { ctx: call.ctx, client: call.client, actor: call.actor, lang: call.lang, key },
    reason,
  );
  await call.respond({ response_type: 'ephemeral', text });
};
