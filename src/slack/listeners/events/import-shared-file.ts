import type { KnownBlock } from '@slack/types';
import { translator } from '../../../i18n/index.js';
import { isAdmin } from '../../../services/access.js';
import { boardsLedBy } from '../../../services/boards.js';
import type { SlackContext } from '../../context.js';
import { previewMessage, runImport } from '../../import/preview.js';
import { parseSharedListFile, type SharedListFile } from '../../parsers/import-file.js';
import { failureText } from '../../answer/ephemeral.js';
import { LIMITS, truncate } from '../../blocks/limits.js';
import type { EventArgs } from './support/on-event.js';

/**
 * A leader drops a list (.xlsx or .csv) into their DM with the bot: every row is checked and the answer is a
 * preview with an Import button (actions/apply-import.ts). The board is the one named in the message, else
 * the one board the user leads; nothing is written here.
 */
export async function importSharedFile({ ctx, event, body, context, client }: EventArgs<'message'>): Promise<void> {
  const shared = parseSharedListFile(event);
  if (!shared || shared.userId === context.botUserId) return;
  const teamId = context.teamId ?? body.team_id;
  const actor = { teamId, userId: shared.userId };
  const lang = await ctx.locale.forUser(client, shared.userId);
  const tr = translator(lang);
  const say = (text: string, blocks?: KnownBlock[]) =>
    client.chat.postMessage({ channel: shared.channel, text, ...(blocks && { blocks }) });
  try {
    const code = await boardFor(ctx, actor, shared);
    if ('answer' in code) {
      await say(truncate(tr(code.answer.key, code.answer.params), LIMITS.messageText));
      return;
    }
    const run = await runImport({
      client,
      ctx,
      actor,
      boardCode: code.code,
      fileId: shared.fileId,
      dateOrder: shared.dateOrder,
    });
    const message = previewMessage(tr, run, shared.fileId, shared.dateOrder);
    await say(message.text, message.blocks);
  } catch (error) {
    try {
      await say(failureText(lang, error, ctx.logger));
    } catch (sayError) {
      ctx.logger.error({ err: sayError }, 'could not answer a shared list file');
    }
  }
}

type BoardChoice =
  | { code: string }
  | { answer: { key: 'import.not_leader' | 'import.no_boards' | 'import.choose'; params?: Record<string, string> } };

/** `board:CODE`, else a word of the message that is a board the user leads, else their only board. */
async function boardFor(
  ctx: SlackContext,
  actor: { teamId: string; userId: string },
  shared: SharedListFile,
): Promise<BoardChoice> {
  if (shared.boardCode) return { code: shared.boardCode };
  const boards = await boardsLedBy(ctx.deps, actor);
  const named = boards.find((b) => shared.codeWords.includes(b.code));
  if (named) return { code: named.code };
  if (boards.length === 1) return { code: boards[0]!.code };
  if (!boards.length) return { answer: { key: isAdmin(ctx.deps, actor) ? 'import.no_boards' : 'import.not_leader' } };
  return { answer: { key: 'import.choose', params: { choices: boards.map((b) => `\`${b.code}\``).join(' · ') } } };
}
