import { archiveBoard, boardCodeTaken, createBoard, editBoard, getBoard } from '../../../services/boards.js';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../../i18n/index.js';
import { isPublicChannel } from '../../channel-members.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { parseBoardEdit, parseNewBoard } from '../../parsers/board.js';
import type { Parsed } from '../../parsers/inline-errors.js';
import { BOARD } from '../../blocks/modals/board.js';
import { parseThenWork } from './support/on-submit.js';
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

type EditForm = Extract<ReturnType<typeof parseBoardEdit>, { ok: true }>['data'];
type NewForm = Extract<ReturnType<typeof parseNewBoard>, { ok: true }>['data'];
type BoardForm = { editing: string; form: EditForm } | { editing: null; form: NewForm };

/** `board new` and `board edit` submissions; admins only (the services refuse anyone else). */
export const saveBoard = parseThenWork({
  parse: async ({ ctx, actor, meta, tr, values }): Promise<Parsed<BoardForm>> => {
    if (meta.key) {
      const parsed = parseBoardEdit(tr, values);
      return parsed.ok ? { ok: true, data: { editing: meta.key, form: parsed.data } } : parsed;
    }
    const parsed = parseNewBoard(tr, values);
    if (!parsed.ok) return parsed;
    // A taken code is shown on the field, like any other input error (one indexed read, before the ack).
    if (await boardCodeTaken(ctx.deps, actor.teamId, parsed.data.code))
      return { ok: false, errors: { [BOARD.code]: tr('modal.error.board_taken', { code: parsed.data.code }) } };
    return { ok: true, data: { editing: null, form: parsed.data } };
  },
  written: ({ form }) => written(form),
  once: true,
  work: async ({ ctx, client, actor, tr, form: chosen }) => {
    if (chosen.editing !== null) {
      const { editing, form } = chosen;
      const before = await getBoard(ctx.deps, actor.teamId, editing);
      // Archiving is its own recorded act (archiveBoard); unarchiving and the other fields are an edit.
      const { archived, ...fields } = form;
      const archiving = archived === true && !before.archived;
      let board = await editBoard(ctx.deps, actor, editing, archiving ? fields : form);
      if (archiving) board = await archiveBoard(ctx.deps, actor, editing);
      const tip = await channelTips(client, tr, board);
      const people = [...before.leaders, ...board.leaders].map((l) => l.userId);
      refreshHomesLater(client, ctx, actor.teamId, [actor.userId, ...people]);
      return tr('board.saved', { code: board.code, name: mrkdwnText(board.name, 100) }) + tip;
    }
    const board = await createBoard(ctx.deps, actor, chosen.form);
    const tip = await channelTips(client, tr, board);
    refreshHomesLater(client, ctx, actor.teamId, [actor.userId, ...board.leaders.map((l) => l.userId)]);
    return tr('board.created', { code: board.code, name: mrkdwnText(board.name, 100) }) + tip;
  },
});
