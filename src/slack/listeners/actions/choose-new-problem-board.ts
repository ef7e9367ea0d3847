import type { ModalView } from '@slack/types';
import { translator } from '../../../i18n/index.js';
import { boardsLedBy, categories } from '../../../services/boards.js';
import { newProblemModal } from '../../blocks/modals/new-problem.js';
import type { Selection } from './support/on-select.js';

/** A board chosen in the `new` modal: the modal offers that board's categories (Slack keeps the other answers). */
export async function chooseNewProblemBoard({ ctx, actor, value, meta }: Selection): Promise<ModalView> {
  const boards = await boardsLedBy(ctx.deps, actor);
  return newProblemModal(translator(meta.lang), {
    boards: boards.map((b) => ({ code: b.code, name: b.name, categories: categories(b) })),
    selected: value,
    metadata: meta,
  });
}
