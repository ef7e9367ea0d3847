import type { AnyBlock, ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { BOARD, boardModal, type BoardModalData } from './board.js';
import { input, option } from './elements.js';

/** The archive switch of `board edit` (admins only). */
export const BOARD_ARCHIVED = 'archived';

/** Blocks a board's leaders may change (the services allow them these; the rest stays with admins). */
const LEADER_BLOCKS: ReadonlySet<string> = new Set([
  BOARD.name,
  BOARD.deadline,
  BOARD.categories,
  BOARD.calendar,
  BOARD.ledger,
  BOARD.roundReport,
]);

interface BoardEditModalData extends BoardModalData {
  archived: boolean;
  /** Admins edit everything and (un)archive; a board's leaders only what they may change. */
  scope: 'admin' | 'leader';
}

/** `/closeout board edit CODE`: the board modal, cut down for leaders, with the archive switch for admins. */
export function boardEditModal(tr: Translator, data: BoardEditModalData): ModalView {
  const view = boardModal(tr, data);
  const blocks: AnyBlock[] =
    data.scope === 'leader'
      ? view.blocks.filter((b) => !b.block_id || LEADER_BLOCKS.has(b.block_id))
      : [...view.blocks];
  if (data.scope === 'admin') {
    const archived = option(tr('changes.board.archive.option'), 'archived');
    blocks.push(
      input(
        BOARD_ARCHIVED,
        tr('changes.board.archive'),
        {
          type: 'checkboxes',
          action_id: 'archived',
          options: [archived],
          ...(data.archived && { initial_options: [archived] }),
        },
        { optional: true },
      ),
    );
  }
  return { ...view, blocks };
}
