import { withdraw as withdrawProblem } from '../../modals/upkeep-changes.js';
import { openUpkeepModal } from '../../modals/upkeep-open.js';
import type { SubcommandHandler } from './types.js';
import { keyOrPicker, openArgs } from './upkeep-command.js';

/** `/closeout withdraw KEY [reason]`: with a reason, at once; without, the modal asks for one (optional). */
export const withdraw: SubcommandHandler = async (call) => {
  const key = await keyOrPicker('withdraw', call);
  if (!key) return;
  const reason = call.args.slice(1).join(' ').trim();
  if (!reason) {
    await openUpkeepModal('withdraw', key, openArgs(call));
    return;
  }
  const text = await withdrawProblem(
    { ctx: call.ctx, client: call.client, actor: call.actor, lang: call.lang, key },
    reason,
  );
  await call.respond({ response_type: 'ephemeral', text });
};
