import type { ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { mrkdwnText } from '../limits.js';
import { input, modal, section } from './elements.js';

export const CHANGE_REASON = { reason: 'reason' } as const;

/** The changes that only need a reason: reopening (required) and withdrawing (optional). */
type ReasonedChange = 'reopen' | 'withdraw';

interface ChangeReasonModalData {
  change: ReasonedChange;
  key: string;
  title: string;
  metadata: ModalMetadata;
}

export function changeReasonModal(tr: Translator, data: ChangeReasonModalData): ModalView {
  const reopen = data.change === 'reopen';
  return modal({
    callbackId: VIEW.changeReason,
    title: tr(reopen ? 'changes.reason.reopen.title' : 'changes.reason.withdraw.title', { key: data.key }),
    submit: tr(reopen ? 'changes.reason.reopen.submit' : 'changes.reason.withdraw.submit'),
    close: tr('modal.cancel'),
    blocks: [
      section(tr('changes.reason.summary', { key: data.key, title: mrkdwnText(data.title, 300) })),
      input(
        CHANGE_REASON.reason,
        tr(reopen ? 'changes.reason.reopen.label' : 'changes.reason.withdraw.label'),
        { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 3000 },
        reopen ? {} : { optional: true, hint: tr('changes.reason.withdraw.hint') },
      ),
    ],
    privateMetadata: encodeMetadata({ ...data.metadata, key: data.key, mode: data.change }),
  });
}
