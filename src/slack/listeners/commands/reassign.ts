import { reassignAndTell } from '../../notify/changes.js';
import { openChangeModal } from '../../open-modal/changes.js';
import type { SubcommandHandler } from './support/types.js';
import { keyOrPicker, openArgs } from './support/change-command.js';
import { LEADING_USER_MENTION } from '../../../domain/keys.js';

/**
 * `/closeout reassign KEY @user [note]`: done at once, both owners told. Without a mention (or a key), the
 * modal (or the picker) asks, keeping any note typed.
 */
export const reassign: SubcommandHandler = async (call) => {
  const key = await keyOrPicker('reassign', call);
  if (!key) return;
  const rest = call.command.text.trim().replace(/^\S+\s+\S+\s*/, '');
  const mention = LEADING_USER_MENTION.exec(rest);
  if (!mention) {
    await openChangeModal('reassign', key, openArgs(call), rest.replace(/^@\S+\s*/, ''));
    return;
  }
  const note = rest.slice(mention[0].length).trim();
  const text = await reassignAndTell(
    { ctx: call.ctx, client: call.client, actor: call.actor, lang: call.lang, key },
    mention[1]!,
    note,
  );
  await call.respond({ response_type: 'ephemeral', text });
};
