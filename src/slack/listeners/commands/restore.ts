import { restore as restoreProblem } from '../../notify/changes.js';
import type { SubcommandHandler } from './support/types.js';
import { keyOrPicker } from './support/change-command.js';

/** `/closeout restore KEY`: a withdrawn problem comes back in the status it had (a picker without a key). */
export const restore: SubcommandHandler = async (call) => {
  const key = await keyOrPicker('restore', call);
  if (!key) return;
  const text = await restoreProblem({ ctx: call.ctx, client: call.client, actor: call.actor, lang: call.lang, key });
  await call.respond({ response_type: 'ephemeral', text });
};
