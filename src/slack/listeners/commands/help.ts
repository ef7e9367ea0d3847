import { helpBlocks } from '../../blocks/help.js';
import type { SubcommandHandler } from './support/types.js';

export const help: SubcommandHandler = async ({ respond, tr }) => {
  await respond({ response_type: 'ephemeral', text: tr('cmd.help.title'), blocks: helpBlocks(tr) });
};
