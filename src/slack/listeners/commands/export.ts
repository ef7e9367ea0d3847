import { localDate } from '../../../domain/cycle.js';
import { boardByCode } from '../../../services/boards.js';
import { exportCsv } from '../../../services/csv-export.js';
import { slackDirectory } from '../../../services/import-owners.js';
import { exportXlsx } from '../../../services/xlsx-export.js';
import { translator } from '../../../i18n/index.js';
import { dmChannel, uploadFile } from '../../upload/file.js';
import { parseExportArgs } from '../../parsers/export-args.js';
import { formatDate } from '../../../i18n/dates.js';
import { boardNamedOrLed } from './support/board-named-or-led.js';
import type { SubcommandHandler } from './support/types.js';
import { mrkdwnText } from '../../blocks/limits.js';

/**
 * `/closeout export [CODE] [xlsx]` for leaders and admins: the board as CSV (the import format, UTF-8 with a
 * BOM so Excel shows Chinese text) or as an Excel workbook, with owners' names beside their IDs, sent to the
 * requester as a file in their DM with the bot. Members are refused by the service, in plain words.
 */
export const exportBoard: SubcommandHandler = async (call) => {
  const parsed = parseExportArgs(call.args);
  if (!parsed.ok) {
    await call.respond({ response_type: 'ephemeral', text: call.tr('export.usage') });
    return;
  }
  const code = await boardNamedOrLed(call, parsed.code, {
    sub: 'export',
    notLeader: 'export.not_leader',
    noBoards: 'export.no_boards',
    choose: 'export.choose',
  });
  if (code === null) return;
  const directory = slackDirectory(call.client);
  const xlsx = parsed.format === 'xlsx';
  const result = xlsx
    ? await exportXlsx(call.ctx.deps, call.actor, code, { directory })
    : await exportCsv(call.ctx.deps, call.actor, code, { directory });
  const board = await boardByCode(call.ctx.deps, call.actor.teamId, code);
  const today = localDate(call.ctx.deps.clock.now(), board.timezone);
  const lang = await call.ctx.locale.forUser(call.client, call.actor.userId, board.language);
  const tr = translator(lang);
  const filename = `${board.code}-${today}.${xlsx ? 'xlsx' : 'csv'}`;
  await uploadFile(call.client, {
    channelId: await dmChannel(call.client, call.actor.userId),
    filename,
    title: filename,
    bytes: 'bytes' in result ? result.bytes : Buffer.from(result.csv, 'utf8'),
    initialComment: tr(xlsx ? 'export.comment_xlsx' : 'export.comment', {
      name: mrkdwnText(board.name, 100),
      code: board.code,
      date: formatDate(lang, today, today),
      problems: result.problems,
      measures: result.measures,
    }),
  });
  await call.respond({
    response_type: 'ephemeral',
    text: tr('export.sent', { file: filename, problems: result.problems }),
  });
};
