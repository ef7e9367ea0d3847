import { openChangeModal, openChangePicker, type OpenChangeArgs } from '../../../open-modal/changes.js';
import type { ChangeModal } from '../../../open-modal/change-views.js';
import { keyValue } from '../../../parsers/block-action.js';
import type { SubcommandArgs } from './types.js';

export function openArgs(call: SubcommandArgs): OpenChangeArgs {
  return {
    ctx: call.ctx,
    client: call.client,
    triggerId: call.command.trigger_id,
    actor: call.actor,
    lang: call.lang,
    channel: call.command.channel_id,
  };
}

/**
 * The problem key a leader's command names. Without one the picker opens (or, with nothing to pick, the
 * user is told so); a word that is not a key gets the usage. Null when the command was answered here.
 */
export async function keyOrPicker(which: ChangeModal | 'restore', call: SubcommandArgs): Promise<string | null> {
  const first = call.args[0];
  if (first === undefined) {
    if (!(await openChangePicker(which, openArgs(call))))
      await call.respond({ response_type: 'ephemeral', text: call.tr('changes.pick.none', { sub: which }) });
    return null;
  }
  const key = keyValue(first);
  if (!key) await call.respond({ response_type: 'ephemeral', text: call.tr('changes.usage', { sub: which }) });
  return key;
}

/** `edit`, `measures` and the reason-taking commands typed without a reason: the key's modal. */
export async function openForKey(which: ChangeModal, call: SubcommandArgs): Promise<void> {
  const key = await keyOrPicker(which, call);
  if (key) await openChangeModal(which, key, openArgs(call));
}
