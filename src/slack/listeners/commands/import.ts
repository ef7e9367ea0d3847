import { parseExportArgs } from '../../parsers/export-args.js';
import { boardNamedOrLed } from './board-named-or-led.js';
import type { SubcommandHandler } from './types.js';

/**
 * `/closeout import [CODE]`: a list comes in as a file, which a slash command cannot carry, so the answer
 * says where to drop it (the DM with the bot, where events/import-shared-file.ts previews it).
 */
export const importList: SubcommandHandler = async (a) => {
  const parsed = parseExportArgs(a.args);
  if (!parsed.ok || parsed.format !== null) {
    await a.respond({ response_type: 'ephemeral', text: a.tr('import.usage') });
    return;
  }
  const code = await boardNamedOrLed(a, parsed.code, {
    sub: 'import',
    notLeader: 'import.not_leader',
    noBoards: 'import.no_boards',
    choose: 'export.choose',
  });
  if (code === null) return;
  await a.respond({ response_type: 'ephemeral', text: a.tr('import.how', { code: code.toUpperCase() }) });
};
