import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { PROBLEM_TITLE_MAX } from '../../../domain/types.js';
import type { Translator } from '../../../i18n/index.js';
import { ACTION, VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS } from '../limits.js';
import { context, input, modal, option } from './elements.js';

/** Block ids of the `new` modal; the parser reads the same ids. */
export const NEW_PROBLEM = {
  board: 'board',
  title: 'title',
  description: 'description',
  category: 'category',
  source: 'source',
  owner: 'owner',
  unit: 'unit',
  deadline: 'deadline',
  measures: 'measures',
} as const;

/** Slack's longest plain-text input. */
export const TEXT_INPUT_MAX = 3000;

interface BoardChoice {
  code: string;
  name: string;
  categories: string[];
}

interface NewProblemModalData {
  /** Boards the user may create problems on. */
  boards: BoardChoice[];
  /** The board shown as chosen (the only one, the one named in the command, or the one just picked). */
  selected?: string;
  metadata: ModalMetadata;
}

function boardOption(b: BoardChoice): PlainTextOption {
  return option(`${b.code} · ${b.name}`, b.code);
}

/**
 * The category follows the chosen board: a select of its categories when it has some, else free text.
 * The two use different action ids so Slack never carries a typed value into a select on views.update.
 */
function categoryBlock(tr: Translator, board: BoardChoice | undefined): KnownBlock {
  const label = tr('new.category');
  if (board && board.categories.length > 0) {
    return input(
      NEW_PROBLEM.category,
      label,
      {
        type: 'static_select',
        action_id: 'category_select',
        placeholder: { type: 'plain_text', text: tr('new.category.pick') },
        options: board.categories.slice(0, LIMITS.selectOptions).map((c) => option(c, c)),
      },
      { optional: true },
    );
  }
  return input(
    NEW_PROBLEM.category,
    label,
    { type: 'plain_text_input', action_id: 'category_text', max_length: 75 },
    { optional: true },
  );
}

export function newProblemModal(tr: Translator, data: NewProblemModalData): ModalView {
  const boards = data.boards.slice(0, LIMITS.selectOptions);
  const chosen = boards.find((b) => b.code === data.selected) ?? (boards.length === 1 ? boards[0] : undefined);
  const blocks: KnownBlock[] = [
    input(
      NEW_PROBLEM.board,
      tr('new.board'),
      {
        type: 'static_select',
        action_id: ACTION.newProblemBoard,
        placeholder: { type: 'plain_text', text: tr('new.board.pick') },
        options: boards.map(boardOption),
        ...(chosen && { initial_option: boardOption(chosen) }),
      },
      { dispatch: boards.length > 1 },
    ),
    input(NEW_PROBLEM.title, tr('new.title'), {
      type: 'plain_text_input',
      action_id: 'title',
      max_length: PROBLEM_TITLE_MAX,
      placeholder: { type: 'plain_text', text: tr('new.title.placeholder') },
    }),
    input(
      NEW_PROBLEM.description,
      tr('new.description'),
      { type: 'plain_text_input', action_id: 'description', multiline: true, max_length: TEXT_INPUT_MAX },
      { optional: true },
    ),
    categoryBlock(tr, chosen),
    input(
      NEW_PROBLEM.source,
      tr('new.source'),
      { type: 'plain_text_input', action_id: 'source', max_length: 200 },
      { optional: true, hint: tr('new.source.hint') },
    ),
    input(NEW_PROBLEM.owner, tr('new.owner'), {
      type: 'users_select',
      action_id: 'owner',
      placeholder: { type: 'plain_text', text: tr('new.owner.pick') },
    }),
    input(
      NEW_PROBLEM.unit,
      tr('new.unit'),
      { type: 'plain_text_input', action_id: 'unit', max_length: 200 },
      { optional: true },
    ),
    input(
      NEW_PROBLEM.deadline,
      tr('new.deadline'),
      { type: 'datepicker', action_id: 'deadline' },
      { optional: true, hint: tr('new.deadline.hint') },
    ),
    input(
      NEW_PROBLEM.measures,
      tr('new.measures'),
      {
        type: 'plain_text_input',
        action_id: 'measures',
        multiline: true,
        max_length: TEXT_INPUT_MAX,
        placeholder: { type: 'plain_text', text: tr('new.measures.placeholder') },
      },
      { optional: true, hint: tr('new.measures.hint') },
    ),
  ];
  if (data.boards.length > boards.length)
    blocks.push(context(tr('new.boards.more', { count: data.boards.length - boards.length })));
  return modal({
    callbackId: VIEW.newProblem,
    title: tr('new.modal.title'),
    submit: tr('new.modal.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata(data.metadata),
  });
}
