import { restore as restoreProblem } from '../../modals/upkeep-changes.js';
import type { SubcommandHandler } from './types.js';
import { keyOrPicker } from './upkeep-command.js';

/** `/closeout restore KEY`: a withdrawn problem comes back in the status it had (a picker without a key). */
export const restore: SubcommandHandler = async (call) => {
  const key = await keyOrPicker('restore', call);
  if (!key) return;
  const text = await restoreProblem({ ctx: call.ctx, client: call.client, actor: call.actor, lang: call.lang, key });
  await call.respond({ response_type: 'ephemeral', text });
};
