import { archiveBoard, boardCodeTaken, createBoard, editBoard, getBoard } from '../../../services/boards.js';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../../i18n/index.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { isPublicChannel } from '../../channel-members.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { parseBoardEdit, parseNewBoard } from '../../parsers/board.js';
import { BOARD } from '../../blocks/modals/board.js';
import { readSubmission, type SubmittedArgs } from './support/on-submit.js';
import { mrkdwnText } from '../../blocks/limits.js';

function written(form: { name?: string; categories?: string[] }): string {
  return [form.name ?? '', ...(form.categories ?? [])].filter(Boolean).join('\n');
}

/**
 * What the admin should know about the board's channel: invite the bot; and, for a restricted board in a
 * public channel, that joining the channel does not open the board (see slack/channel-members.ts).
 */
async function channelTips(
  client: WebClient,
  tr: Translator,
  board: { channelId: string | null; visibility: string },
): Promise<string> {
  if (!board.channelId) return '';
  const tips = [tr('board.invite_tip', { channel: board.channelId })];
  if (board.visibility === 'restricted' && (await isPublicChannel(client, board.channelId)))
    tips.push(tr('board.visibility.public_channel', { channel: board.channelId }));
  return tips.map((t) => `\n${t}`).join('');
}

/** `board new` and `board edit` submissions; admins only (the services refuse anyone else). */
export async function saveBoard({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const editing = meta.key;

  if (editing) {
    const parsed = parseBoardEdit(tr, values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack({ response_action: 'clear' });
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: written(parsed.data) }, async () => {
      const before = await getBoard(ctx.deps, actor.teamId, editing);
      // Archiving is its own recorded act (archiveBoard); unarchiving and the other fields are an edit.
      const { archived, ...fields } = parsed.data;
      const archiving = archived === true && !before.archived;
      let board = await editBoard(ctx.deps, actor, editing, archiving ? fields : parsed.data);
      if (archiving) board = await archiveBoard(ctx.deps, actor, editing);
      const tip = await channelTips(client, tr, board);
      await tellUser(
        client,
        ctx.logger,
        to,
        tr('board.saved', { code: board.code, name: mrkdwnText(board.name, 100) }) + tip,
      );
      const people = [...before.leaders, ...board.leaders].map((l) => l.userId);
      refreshHomesLater(client, ctx, actor.teamId, [actor.userId, ...people]);
    });
    return;
  }

  const parsed = parseNewBoard(tr, values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  // A taken code is shown on the field, like any other input error (one indexed read, before the ack).
  if (await boardCodeTaken(ctx.deps, actor.teamId, parsed.data.code)) {
    await ack({
      response_action: 'errors',
      errors: { [BOARD.code]: tr('modal.error.board_taken', { code: parsed.data.code }) },
    });
    return;
  }
  await ack({ response_action: 'clear' });
  await afterSubmit({ client, ctx, lang: meta.lang, to, written: written(parsed.data) }, async () => {
    const board = await createBoard(ctx.deps, actor, parsed.data);
    const tip = await channelTips(client, tr, board);
    await tellUser(
      client,
      ctx.logger,
      to,
      tr('board.created', { code: board.code, name: mrkdwnText(board.name, 100) }) + tip,
    );
    refreshHomesLater(client, ctx, actor.teamId, [actor.userId, ...board.leaders.map((l) => l.userId)]);
  });
}
