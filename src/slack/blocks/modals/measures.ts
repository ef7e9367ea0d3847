import type { KnownBlock, ModalView } from '@slack/types';
import type { MeasureStatus } from '../../../domain/types.js';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS, mrkdwnText, truncate } from '../limits.js';
import { TEXT_INPUT_MAX } from './new-problem.js';
import { context, input, modal, option, section } from './elements.js';

/** Block ids: `m<n>.<field>` per measure (the parser finds the numbers from them), `new.*` for new ones. */
export const MEASURES = {
  text: (n: number) => `m${n}.text`,
  owner: (n: number) => `m${n}.owner`,
  deadline: (n: number) => `m${n}.deadline`,
  retire: (n: number) => `m${n}.retire`,
  newTexts: 'new.texts',
  newOwner: 'new.owner',
  newDeadline: 'new.deadline',
} as const;

/** Five blocks per editable measure (four inputs and a divider): the first 18 fit a modal beside the rest. */
const EDITABLE_MEASURES_MAX = 18;

interface MeasureRow {
  number: number;
  text: string;
  ownerId: string | null;
  deadline: string | null;
  status: MeasureStatus;
}

interface MeasuresModalData {
  key: string;
  title: string;
  /** Not retired, by number. */
  measures: MeasureRow[];
  canLead: boolean;
  metadata: ModalMetadata;
}

const STATUS_EMOJI: Record<MeasureStatus, string> = {
  todo: ':white_large_square:',
  doing: ':arrows_counterclockwise:',
  done: ':white_check_mark:',
};

function editableBlocks(tr: Translator, key: string, m: MeasureRow): KnownBlock[] {
  const retire = option(tr('changes.measures.retire'), 'retire');
  return [
    input(MEASURES.text(m.number), tr('changes.measures.measure', { key: `${key}.${m.number}` }), {
      type: 'plain_text_input',
      action_id: 'text',
      max_length: 1000,
      initial_value: truncate(m.text, 1000),
    }),
    input(
      MEASURES.owner(m.number),
      tr('changes.measures.owner'),
      { type: 'users_select', action_id: 'owner', ...(m.ownerId && { initial_user: m.ownerId }) },
      { optional: true },
    ),
    input(
      MEASURES.deadline(m.number),
      tr('changes.measures.deadline'),
      { type: 'datepicker', action_id: 'deadline', ...(m.deadline && { initial_date: m.deadline }) },
      { optional: true },
    ),
    input(
      MEASURES.retire(m.number),
      tr('changes.measures.retire'),
      { type: 'checkboxes', action_id: 'retire', options: [retire] },
      { optional: true },
    ),
  ];
}

/** `/closeout measures KEY`: leaders edit, assign and retire measures and add new ones; owners add. */
export function measuresModal(tr: Translator, data: MeasuresModalData): ModalView {
  const blocks: KnownBlock[] = [
    section(tr('changes.measures.heading', { key: data.key, title: mrkdwnText(data.title, 300) })),
  ];
  if (data.canLead) {
    const editable = data.measures.slice(0, EDITABLE_MEASURES_MAX);
    for (const m of editable) blocks.push(...editableBlocks(tr, data.key, m), { type: 'divider' });
    if (data.measures.length > editable.length)
      blocks.push(context(tr('changes.measures.more', { count: data.measures.length - editable.length })));
  } else {
    blocks.push(context(tr('changes.measures.owner_only')));
    const lines = data.measures.map((m) =>
      tr('changes.measures.readonly', {
        status: STATUS_EMOJI[m.status],
        key: `${data.key}.${m.number}`,
        text: mrkdwnText(m.text, 200),
      }),
    );
    if (lines.length) blocks.push(section(truncate(lines.join('\n'), LIMITS.sectionText)));
  }
  blocks.push(
    input(
      MEASURES.newTexts,
      tr('changes.measures.new'),
      { type: 'plain_text_input', action_id: 'texts', multiline: true, max_length: TEXT_INPUT_MAX },
      { optional: true },
    ),
  );
  if (data.canLead) {
    blocks.push(
      input(
        MEASURES.newOwner,
        tr('changes.measures.new.owner'),
        { type: 'users_select', action_id: 'owner' },
        { optional: true },
      ),
      input(
        MEASURES.newDeadline,
        tr('changes.measures.new.deadline'),
        { type: 'datepicker', action_id: 'deadline' },
        { optional: true },
      ),
    );
  }
  return modal({
    callbackId: VIEW.measures,
    title: tr('changes.measures.title', { key: data.key }),
    submit: tr('changes.measures.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata({ ...data.metadata, key: data.key }),
  });
}
