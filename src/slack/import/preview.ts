import { WebClient } from '@slack/web-api';
import { LOOKUP_RETRY, LOOKUP_TIMEOUT_MS } from '../../config/slack-api.js';
import { slackLogger } from '../../logging/logger.js';
import type { Actor } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { boardByCode } from '../../services/boards.js';
import { importCsv, type ImportResult } from '../../services/csv-import.js';
import type { DateOrder } from '../../services/import-dates.js';
import { slackDirectory } from '../../services/import-owners.js';
import type { SlackContext } from '../context.js';
import { encodeImportValue } from '../parsers/import-file.js';
import { importPreviewBlocks, importPreviewText, type ImportPreviewData } from '../blocks/import-preview.js';
import { downloadSharedFile } from './download.js';

interface ImportRequest {
  client: WebClient;
  ctx: SlackContext;
  actor: Actor;
  boardCode: string;
  fileId: string;
  dateOrder?: DateOrder;
  /** Apply only if the plan still has this fingerprint; absent: a dry run for the preview. */
  expect?: string;
}

interface ImportRun {
  fileName: string;
  result: ImportResult;
  board: { code: string; name: string };
}

/**
 * Reads the shared file (again, for an Import click: what is applied is what the file says now) and runs
 * the import service on it: a dry run for the preview, or the real one if the plan is unchanged. The service
 * checks that the user may import into the board.
 */
export async function runImport(run: ImportRequest): Promise<ImportRun> {
  const file = await downloadSharedFile(run.client, run.fileId);
  const result = await importCsv(run.ctx.deps, run.actor, run.boardCode, file.bytes, {
    dryRun: run.expect === undefined,
    expect: run.expect,
    dateOrder: run.dateOrder,
    directory: slackDirectory(lookupClient(run)),
  });
  const board = await boardByCode(run.ctx.deps, run.actor.teamId, run.boardCode);
  return { fileName: file.name, result, board: { code: board.code, name: board.name } };
}

/**
 * The directory's own client: the bot's retries Slack errors for about half an hour, and a leader is
 * waiting for the preview. With bounded retries a Slack out of reach is named on the rows within seconds.
 */
function lookupClient({ client, ctx }: ImportRequest): WebClient {
  return new WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    logger: slackLogger(ctx.logger, 'web-api'),
    retryConfig: LOOKUP_RETRY,
    timeout: LOOKUP_TIMEOUT_MS,
  });
}

/** The preview message for a run: counts, bad rows, and an Import button that carries the plan's fingerprint. */
export function previewMessage(tr: Translator, run: ImportRun, fileId: string, dateOrder?: DateOrder, note?: string) {
  const { result } = run;
  // Owners that could not be looked up are bad rows like any other; the note says why, kindly.
  const lookup = result.lookupFailure && tr('import.lookup_failed', { kind: result.lookupFailure.kind });
  const notes = [note, lookup].filter(Boolean).join('\n');
  const data: ImportPreviewData = {
    fileName: run.fileName,
    board: run.board,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    keptMeasures: result.keptMeasures,
    changes: result.changes,
    errors: result.errors,
    deadlineWarnings: result.deadlineWarnings,
    ...(notes && { note: notes }),
    ...(!result.errors.length && {
      applyValue: encodeImportValue({
        b: run.board.code,
        f: fileId,
        n: run.fileName.slice(0, 255),
        h: result.fingerprint,
        ...(dateOrder && { d: dateOrder }),
      }),
    }),
  };
  return { text: importPreviewText(tr, data), blocks: importPreviewBlocks(tr, data) };
}
