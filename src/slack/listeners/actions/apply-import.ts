import { previewMessage, runImport } from '../../import/preview.js';
import { decodeImportValue } from '../../parsers/import-file.js';
import { failureText } from '../../answer/ephemeral.js';
import { mrkdwnText } from '../../blocks/limits.js';
import type { ClickContext } from './support/on-click.js';

/**
 * *Import* on a preview: the file is read and checked again and written only if the plan is exactly the one
 * previewed (same rows, same board state); otherwise nothing is written and the new preview replaces the old.
 * The buttons go at once, so a second click cannot start a second import.
 */
export async function applyImport({ ctx, click, actor, lang, tr, client, respond }: ClickContext): Promise<void> {
  const value = decodeImportValue(click.value);
  if (!value) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: tr('import.expired') });
    return;
  }
  const file = mrkdwnText(value.n, 200);
  await respond({ replace_original: true, text: tr('import.working', { file, code: value.b }) });
  try {
    const run = await runImport({
      client,
      ctx,
      actor,
      boardCode: value.b,
      fileId: value.f,
      dateOrder: value.d,
      expect: value.h,
    });
    if (run.result.stale) {
      await respond({ replace_original: true, ...previewMessage(tr, run, value.f, value.d, tr('import.stale')) });
      return;
    }
    const { created, updated, unchanged } = run.result;
    await respond({
      replace_original: true,
      text: tr('import.done', { file, code: run.board.code, created, updated, unchanged }),
    });
  } catch (error) {
    await respond({ replace_original: true, text: failureText(lang, error, ctx.logger) });
  }
}
