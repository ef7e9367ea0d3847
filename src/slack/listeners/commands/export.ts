import { localDate } from '../../../domain/cycle.js';
import { findBoard } from '../../../services/access.js';
import { exportCsv } from '../../../services/csv-export.js';
import { slackDirectory } from '../../../services/import-owners.js';
import { exportXlsx } from '../../../services/xlsx-export.js';
import { translator } from '../../../i18n/index.js';
import { dmChannel, uploadFile } from '../../flows/upload-file.js';
import { parseExportArgs } from '../../parsers/export-args.js';
import { formatDate } from '../../../i18n/dates.js';
import { ledBoardCode } from './led-board.js';
import type { SubcommandHandler } from './types.js';

/**
 * `/closeout export [CODE] [xlsx]` for leaders and admins: the board as CSV (the import format, UTF-8 with a
 * BOM so Excel shows Chinese text) or as an Excel workbook, with owners' names beside their IDs, sent to the
 * requester as a file in their DM with the bot. Members are refused by the service, in plain words.
 */
export const exportBoard: SubcommandHandler = async (a) => {
  const parsed = parseExportArgs(a.args);
  if (!parsed.ok) {
    await a.respond({ response_type: 'ephemeral', text: a.tr('export.usage') });
    return;
  }
  const code = await ledBoardCode(a, parsed.code, {
    sub: 'export',
    notLeader: 'export.not_leader',
    noBoards: 'export.no_boards',
    choose: 'export.choose',
  });
  if (code === null) return;
  const directory = slackDirectory(a.client);
  const xlsx = parsed.format === 'xlsx';
  const result = xlsx
    ? await exportXlsx(a.ctx.deps, a.actor, code, { directory })
    : await exportCsv(a.ctx.deps, a.actor, code, { directory });
  const board = await findBoard(a.ctx.deps.db, a.actor.teamId, code);
  const today = localDate(a.ctx.deps.clock.now(), board.timezone);
  const lang = await a.ctx.locale.forUser(a.client, a.actor.userId, board.language);
  const tr = translator(lang);
  const filename = `${board.code}-${today}.${xlsx ? 'xlsx' : 'csv'}`;
  await uploadFile(a.client, {
    channelId: await dmChannel(a.client, a.actor.userId),
    filename,
    title: filename,
    bytes: 'bytes' in result ? result.bytes : Buffer.from(result.csv, 'utf8'),
    initialComment: tr(xlsx ? 'export.comment_xlsx' : 'export.comment', {
      name: board.name,
      code: board.code,
      date: formatDate(lang, today, today),
      problems: result.problems,
      measures: result.measures,
    }),
  });
  await a.respond({
    response_type: 'ephemeral',
    text: tr('export.sent', { file: filename, problems: result.problems }),
  });
};
