import { restore as restoreProblem } from '../../modals/upkeep-changes.js';
import type { SubcommandHandler } from './types.js';
import { keyOrPicker } from './upkeep-command.js';

/** `/closeout restore KEY`: a withdrawn problem comes back in the status it had (a picker without a key). */
export const restore: SubcommandHandler = async (a) => {
  const key = await keyOrPicker('restore', a);
  if (!key) return;
  const text = await restoreProblem({ ctx: a.ctx, client: a.client, actor: a.actor, lang: a.lang, key });
  await a.respond({ response_type: 'ephemeral', text });
};
