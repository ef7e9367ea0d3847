import { parseExportArgs } from '../../parsers/export-args.js';
import { boardNamedOrLed } from './support/board-named-or-led.js';
import type { SubcommandHandler } from './support/types.js';

/**
 * `/closeout import [CODE]`: a list comes in as a file, which a slash command cannot carry, so the answer
 * says where to drop it (the DM with the bot, where events/import-shared-file.ts previews it).
 */
export const importList: SubcommandHandler = async (call) => {
  const parsed = parseExportArgs(call.args);
  if (!parsed.ok || parsed.format !== null) {
    await call.respond({ response_type: 'ephemeral', text: call.tr('import.usage') });
    return;
  }
  const code = await boardNamedOrLed(call, parsed.code, {
    sub: 'import',
    notLeader: 'import.not_leader',
    noBoards: 'import.no_boards',
    choose: 'export.choose',
  });
  if (code === null) return;
  await call.respond({ response_type: 'ephemeral', text: call.tr('import.how', { code: code.toUpperCase() }) });
};
