import { commands } from './commands.js';
import { slackCommon } from './slack-common.js';

/** Every message area; add new areas here. */
export const areas = [slackCommon, commands] as const;
