import type { KnownBlock, ModalView } from '@slack/types';
import { PROBLEM_TITLE_MAX } from '../../../domain/types.js';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS, mrkdwnText, truncate } from '../limits.js';
import { TEXT_INPUT_MAX } from './new-problem.js';
import { context, input, modal, option, section } from './elements.js';

/** Block ids of the edit modal; the parser reads the same ids. */
export const EDIT_PROBLEM = {
  title: 'title',
  description: 'description',
  category: 'category',
  newCategory: 'new_category',
  source: 'source',
  unit: 'unit',
  deadline: 'deadline',
  reason: 'reason',
} as const;

/** The fields the modal edits, as the problem has them (or as the user typed them, after a conflict). */
export interface EditableFields {
  title: string;
  description: string;
  category: string | null;
  source: string | null;
  unit: string | null;
  deadline: string | null;
}

interface EditConflict {
  by: string;
  /** The values now stored that differ from what the editor started from, as display text. */
  changed: { field: string; value: string }[];
}

interface EditProblemModalData {
  key: string;
  /** What the inputs start with. */
  values: EditableFields;
  /** The reason typed before a conflict, kept. */
  reason?: string;
  categories: string[];
  /** Owners edit only description, source and unit. */
  canLead: boolean;
  conflict?: EditConflict;
  metadata: ModalMetadata;
}

const text = (v: string | null | undefined) => (v ? { initial_value: truncate(v, LIMITS.plainInitialValue) } : {});

function categoryBlocks(tr: Translator, d: EditProblemModalData): KnownBlock[] {
  const label = tr('new.category');
  const current = d.values.category;
  const known = d.categories.slice(0, LIMITS.selectOptions - 1);
  // The current category stays choosable even when the board's list no longer has it.
  const choices = current && !known.includes(current) ? [current, ...known] : known;
  if (choices.length === 0) {
    return [
      input(
        EDIT_PROBLEM.category,
        label,
        { type: 'plain_text_input', action_id: 'category_text', max_length: 75, ...text(current) },
        { optional: true },
      ),
    ];
  }
  return [
    input(
      EDIT_PROBLEM.category,
      label,
      {
        type: 'static_select',
        action_id: 'category_select',
        placeholder: { type: 'plain_text', text: tr('new.category.pick') },
        options: choices.map((c) => option(c, c)),
        ...(current && { initial_option: option(current, current) }),
      },
      { optional: true },
    ),
    input(
      EDIT_PROBLEM.newCategory,
      tr('changes.edit.category.new'),
      { type: 'plain_text_input', action_id: 'new_category', max_length: 75 },
      { optional: true, hint: tr('changes.edit.category.new.hint') },
    ),
  ];
}

function conflictBlocks(tr: Translator, key: string, c: EditConflict): KnownBlock[] {
  const fields = c.changed.map((f) => tr(`changes.field.${f.field}` as Parameters<Translator>[0])).join(', ');
  const lines = c.changed.map((f) =>
    tr('changes.edit.conflict.value', {
      field: tr(`changes.field.${f.field}` as Parameters<Translator>[0]),
      value: mrkdwnText(f.value, 300),
    }),
  );
  return [
    section(`${tr('changes.edit.conflict', { user: c.by, key, fields })}\n${lines.join('\n')}`),
    context(tr('changes.edit.conflict.confirm')),
    { type: 'divider' },
  ];
}

/** `/closeout edit KEY`: the problem's fields, a reason required only when the deadline moves. */
export function editProblemModal(tr: Translator, data: EditProblemModalData): ModalView {
  const v = data.values;
  const blocks: KnownBlock[] = data.conflict ? conflictBlocks(tr, data.key, data.conflict) : [];
  if (data.canLead) {
    blocks.push(
      input(EDIT_PROBLEM.title, tr('new.title'), {
        type: 'plain_text_input',
        action_id: 'title',
        max_length: PROBLEM_TITLE_MAX,
        ...text(v.title),
      }),
    );
  } else {
    blocks.push(context(tr('changes.edit.owner_only')));
  }
  blocks.push(
    input(
      EDIT_PROBLEM.description,
      tr('new.description'),
      {
        type: 'plain_text_input',
        action_id: 'description',
        multiline: true,
        max_length: TEXT_INPUT_MAX,
        ...text(v.description),
      },
      { optional: true },
    ),
  );
  if (data.canLead) blocks.push(...categoryBlocks(tr, data));
  blocks.push(
    input(
      EDIT_PROBLEM.source,
      tr('new.source'),
      { type: 'plain_text_input', action_id: 'source', max_length: 200, ...text(v.source) },
      { optional: true },
    ),
    input(
      EDIT_PROBLEM.unit,
      tr('new.unit'),
      { type: 'plain_text_input', action_id: 'unit', max_length: 200, ...text(v.unit) },
      { optional: true },
    ),
  );
  if (data.canLead) {
    blocks.push(
      input(
        EDIT_PROBLEM.deadline,
        tr('new.deadline'),
        { type: 'datepicker', action_id: 'deadline', ...(v.deadline && { initial_date: v.deadline }) },
        { optional: true },
      ),
      input(
        EDIT_PROBLEM.reason,
        tr('changes.edit.reason'),
        { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 3000, ...text(data.reason) },
        { optional: true, hint: tr('changes.edit.reason.hint') },
      ),
    );
  }
  return modal({
    callbackId: VIEW.editProblem,
    title: tr('changes.edit.title', { key: data.key }),
    submit: data.conflict ? tr('changes.edit.conflict.submit') : tr('changes.edit.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata(data.metadata),
  });
}
