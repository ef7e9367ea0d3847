import { withdraw as withdrawProblem } from '../../notify/changes.js';
import { openChangeModal } from '../../open-modal/changes.js';
import type { SubcommandHandler } from './support/types.js';
import { keyOrPicker, openArgs } from './support/change-command.js';

/** `/closeout withdraw KEY [reason]`: with a reason, at once; without, the modal asks for one (optional). */
export const withdraw: SubcommandHandler = async (call) => {
  const key = await keyOrPicker('withdraw', call);
  if (!key) return;
  const reason = call.args.slice(1).join(' ').trim();
  if (!reason) {
    await openChangeModal('withdraw', key, openArgs(call));
    return;
  }
  const text = await withdrawProblem(
    { ctx: call.ctx, client: call.client, actor: call.actor, lang: call.lang, key },
    reason,
  );
  await call.respond({ response_type: 'ephemeral', text });
};
