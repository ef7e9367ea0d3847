import { forbidden } from '../../../domain/errors.js';
import { boardCodeWords } from '../../../domain/keys.js';
import { boardByCode, boardsLedBy, categories } from '../../../services/boards.js';
import { newProblemModal } from '../../blocks/modals/new-problem.js';
import type { SubcommandHandler } from './support/types.js';

/** `/closeout new [CODE]`: the new-problem modal, for leaders (and admins) of at least one board. */
export const newProblem: SubcommandHandler = async ({ args, command, client, respond, ctx, actor, lang, tr }) => {
  const boards = await boardsLedBy(ctx.deps, actor);
  if (boards.length === 0) {
    await respond({ response_type: 'ephemeral', text: tr('new.none') });
    return;
  }
  const code = boardCodeWords(args)?.code; // `RECT`, `board:RECT` or `board: RECT`
  if (code && !boards.some((b) => b.code === code)) {
    const board = await boardByCode(ctx.deps, actor.teamId, code); // an unknown code is "no such board"
    throw forbidden('error.not_leader', { code: board.code });
  }
  const view = newProblemModal(tr, {
    boards: boards.map((b) => ({ code: b.code, name: b.name, categories: categories(b) })),
    ...(code && { selected: code }),
    metadata: { lang, channel: command.channel_id },
  });
  await client.views.open({ trigger_id: command.trigger_id, view });
};
