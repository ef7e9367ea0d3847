import { withdraw as withdrawProblem } from '../../modals/upkeep-changes.js';
import { openUpkeepModal } from '../../modals/upkeep-open.js';
import type { SubcommandHandler } from './types.js';
import { keyOrPicker, openArgs } from './upkeep-command.js';

/** `/closeout withdraw KEY [reason]`: with a reason, at once; without, the modal asks for one (optional). */
export const withdraw: SubcommandHandler = async (a) => {
  const key = await keyOrPicker('withdraw', a);
  if (!key) return;
  const reason = a.args.slice(1).join(' ').trim();
  if (!reason) {
    await openUpkeepModal('withdraw', key, openArgs(a));
    return;
  }
  const text = await withdrawProblem({ ctx: a.ctx, client: a.client, actor: a.actor, lang: a.lang, key }, reason);
  await a.respond({ response_type: 'ephemeral', text });
};
