import type { App, ViewSubmitAction } from '@slack/bolt';
import { archiveBoard, createBoard, editBoard, getBoard } from '../../../services/boards.js';
import type { SlackContext } from '../../context.js';
import { afterSubmit, refreshHomesLater, tellUser } from '../../answer/tell-user.js';
import { VIEW } from '../../ids.js';
import { parseBoardEdit, parseNewBoard } from '../../parsers/board.js';
import { BOARD } from '../../views/modals/board.js';
import { readSubmission, type Submission } from './submission.js';

function written(form: { name?: string; categories?: string[] }): string {
  return [form.name ?? '', ...(form.categories ?? [])].filter(Boolean).join('\n');
}

/** A taken code is shown on the field, like any other input error (one indexed read, before the ack). */
async function codeTaken(ctx: SlackContext, s: Submission, code: string): Promise<boolean> {
  return (
    (await ctx.deps.db.board.findUnique({
      where: { teamId_code: { teamId: s.actor.teamId, code } },
      select: { id: true },
    })) !== null
  );
}

/** `board new` and `board edit` submissions; admins only (the services refuse anyone else). */
export function register(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(VIEW.board, async ({ ack, body, view, client }) => {
    const s = readSubmission(ctx, { body, view });
    const { actor, meta, tr, values, to } = s;
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
        const tip = board.channelId ? `\n${tr('board.invite_tip', { channel: board.channelId })}` : '';
        await tellUser(client, ctx.logger, to, tr('board.saved', { code: board.code, name: board.name }) + tip);
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
    if (await codeTaken(ctx, s, parsed.data.code)) {
      await ack({
        response_action: 'errors',
        errors: { [BOARD.code]: tr('modal.error.board_taken', { code: parsed.data.code }) },
      });
      return;
    }
    await ack({ response_action: 'clear' });
    await afterSubmit({ client, ctx, lang: meta.lang, to, written: written(parsed.data) }, async () => {
      const board = await createBoard(ctx.deps, actor, parsed.data);
      const tip = board.channelId ? `\n${tr('board.invite_tip', { channel: board.channelId })}` : '';
      await tellUser(client, ctx.logger, to, tr('board.created', { code: board.code, name: board.name }) + tip);
      refreshHomesLater(client, ctx, actor.teamId, [actor.userId, ...board.leaders.map((l) => l.userId)]);
    });
  });
}
