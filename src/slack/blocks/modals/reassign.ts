import type { ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS, mrkdwnText, truncate } from '../limits.js';
import { input, modal, section } from './elements.js';

export const REASSIGN = { owner: 'owner', note: 'note' } as const;

interface ReassignModalData {
  key: string;
  title: string;
  ownerId: string;
  /** A note typed in the command, kept. */
  note?: string;
  metadata: ModalMetadata;
}

/** `/closeout reassign KEY` without (a valid) @user: pick the new owner. */
export function reassignModal(tr: Translator, data: ReassignModalData): ModalView {
  return modal({
    callbackId: VIEW.reassign,
    title: tr('changes.reassign.title', { key: data.key }),
    submit: tr('changes.reassign.submit'),
    close: tr('modal.cancel'),
    blocks: [
      section(
        tr('changes.reassign.current', { key: data.key, title: mrkdwnText(data.title, 300), owner: data.ownerId }),
      ),
      input(REASSIGN.owner, tr('changes.reassign.owner'), {
        type: 'users_select',
        action_id: 'owner',
        placeholder: { type: 'plain_text', text: tr('new.owner.pick') },
      }),
      input(
        REASSIGN.note,
        tr('changes.reassign.note'),
        {
          type: 'plain_text_input',
          action_id: 'note',
          multiline: true,
          max_length: 3000,
          ...(data.note && { initial_value: truncate(data.note, LIMITS.plainInitialValue) }),
        },
        { optional: true },
      ),
    ],
    privateMetadata: encodeMetadata({ ...data.metadata, key: data.key }),
  });
}
